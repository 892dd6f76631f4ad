from django.urls import path

from alsmove.logbook import (
    alert_views,
    caseload,
    checkins,
    feeling_views,
    flags,
    reminders,
    trends,
    views,
)

# Every route of the app, one module and one namespace (included at the site root).
app_name = "logbook"
urlpatterns = [
    # Logging a session
    path("patients/<int:patient_id>/log/new/", views.quick_log, name="quick_log"),
    path("patients/<int:patient_id>/log/<int:log_id>/", views.session_result, name="session"),
    path("patients/<int:patient_id>/log/<int:log_id>/change/", views.change_log, name="change"),
    # Check-ins, feelings, reminders, flags
    path("patients/<int:patient_id>/checkin/<str:kind>/", checkins.checkin, name="checkin"),
    path("patients/<int:patient_id>/feeling/", feeling_views.feeling, name="feeling"),
    path(
        "patients/<int:patient_id>/feeling/<int:feeling_id>/share/",
        feeling_views.share,
        name="feeling_share",
    ),
    path("patients/<int:patient_id>/reminders/", reminders.reminders, name="reminders"),
    path(
        "patients/<int:patient_id>/flags/<slug:exercise>/review/", flags.review, name="flag_review"
    ),
    # The therapist's caseload, alerts and trends
    path("caseload/", caseload.caseload_page, name="caseload"),
    path("patients/<int:patient_id>/alerts/", alert_views.alerts, name="alerts"),
    path(
        "patients/<int:patient_id>/alerts/<int:alert_id>/acknowledge/",
        alert_views.acknowledge,
        name="acknowledge",
    ),
    path("patients/<int:patient_id>/trends/", trends.trends, name="trends"),
]
