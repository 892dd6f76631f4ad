from django.apps import AppConfig


class CaregivingConfig(AppConfig):
    name = "alsmove.caregiving"
    label = "caregiving"
