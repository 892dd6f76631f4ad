from django.apps import AppConfig


class LogbookConfig(AppConfig):
    name = "alsmove.logbook"
    label = "logbook"
