from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alsmove.web"
    label = "web"
