from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "alsmove.exercises"
    label = "exercises"
