from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "alsmove.portability"
    label = "portability"
