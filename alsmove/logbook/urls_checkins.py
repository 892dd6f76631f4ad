from django.urls import path

from alsmove.logbook import checkins, feeling_views, flags, reminders

app_name = "checkins"
urlpatterns = [
    path("<int:patient_id>/checkin/<str:kind>/", checkins.checkin, name="checkin"),
    path("<int:patient_id>/feeling/", feeling_views.feeling, name="feeling"),
    path(
        "<int:patient_id>/feeling/<int:feeling_id>/share/",
        feeling_views.share,
        name="feeling_share",
    ),
    path("<int:patient_id>/reminders/", reminders.reminders, name="reminders"),
    path("<int:patient_id>/flags/<slug:exercise>/review/", flags.review, name="flag_review"),
]
