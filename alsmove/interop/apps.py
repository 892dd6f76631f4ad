from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "alsmove.interop"
    label = "interop"
