from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "alsmove.assessments"
    label = "assessments"
