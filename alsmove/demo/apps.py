from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alsmove.demo"
    label = "demo"
