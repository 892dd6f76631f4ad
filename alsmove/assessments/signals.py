"""What entering an ALSFRS-R record tells the apps that act on it.

The assessments app is below the apps that read its records (routines proposes a routine
from them; equipment forecasts start-by dates from them and raises an alert in the
logbook's inbox), so it cannot call them. It sends these signals instead, inside the
transaction that stores the record; each receiver is connected in its own app's
`AppConfig.ready` and runs in that transaction, so a receiver that fails undoes the
record too (`send`, never `send_robust`).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by `services.record_assessment` once a record (or its correction) and its audit
# entry are stored, unless a history is loaded at once (`equipment_alert=False`, the
# demo). Arguments: patient, by (who entered it), before (the counted records as
# (day, Scores) before this one). Received by equipment (EQUIP-ALERT-01).
record_stored = Signal()

# Sent by `recording.enter_assessment` (the entry pages and the API) after the record is
# stored. Arguments: patient, by. Received by routines, which answers with the routine
# version it proposed (or None without a functional profile).
assessment_entered = Signal()
