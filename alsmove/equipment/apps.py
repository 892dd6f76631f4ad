from django.apps import AppConfig

from alsmove.assessments.signals import record_stored


class EquipmentConfig(AppConfig):
    name = "alsmove.equipment"
    label = "equipment"

    def ready(self) -> None:
        # Imported once the models are loaded (Django's rule for what ready() uses).
        from alsmove.equipment.forecast_alerts import judge_stored_record

        # EQUIP-ALERT-01 when a record is stored (assessments.signals says why a signal).
        record_stored.connect(judge_stored_record, dispatch_uid="equipment-forecast-alert")
