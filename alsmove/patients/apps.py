from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "alsmove.patients"
    label = "patients"
