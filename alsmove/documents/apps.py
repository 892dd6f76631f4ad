from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "alsmove.documents"
    label = "documents"
