from django.apps import AppConfig


class EquipmentConfig(AppConfig):
    name = "alsmove.equipment"
    label = "equipment"
