"""Words shared by several apps' pages, marked for translation."""

from django.utils.translation import gettext_lazy as _

# Monday is 0, as in date.weekday().
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEKDAY_NAMES = [name for _number, name in WEEKDAYS]
