from django.apps import AppConfig

from alsmove.assessments.signals import assessment_entered


class RoutinesConfig(AppConfig):
    name = "alsmove.routines"
    label = "routines"

    def ready(self) -> None:
        # Imported once the models are loaded (Django's rule for what ready() uses).
        from alsmove.routines.services import proposal_on_entry

        # A record entered on the page or through the API proposes the routine its scores
        # call for, in the same transaction (assessments.signals says why a signal).
        assessment_entered.connect(proposal_on_entry, dispatch_uid="routines-propose-on-entry")
