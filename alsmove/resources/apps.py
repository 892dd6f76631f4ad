from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "alsmove.resources"
    label = "resources"
