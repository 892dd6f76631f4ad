from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "alsmove.routines"
    label = "routines"
