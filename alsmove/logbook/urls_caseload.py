from django.urls import path

from alsmove.logbook import caseload, trends

app_name = "caseload"
urlpatterns = [
    path("caseload/", caseload.caseload_page, name="caseload"),
    path("patients/<int:patient_id>/alerts/", caseload.alerts, name="alerts"),
    path(
        "patients/<int:patient_id>/alerts/<int:alert_id>/acknowledge/",
        caseload.acknowledge,
        name="acknowledge",
    ),
    path("patients/<int:patient_id>/trends/", trends.trends, name="trends"),
]
