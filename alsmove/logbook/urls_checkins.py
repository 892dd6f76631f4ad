from django.urls import path

from alsmove.logbook import checkins, flags, reminders

app_name = "checkins"
urlpatterns = [
    path("<int:patient_id>/checkin/<str:kind>/", checkins.checkin, name="checkin"),
    path("<int:patient_id>/reminders/", reminders.reminders, name="reminders"),
    path("<int:patient_id>/flags/<slug:exercise>/review/", flags.review, name="flag_review"),
]
