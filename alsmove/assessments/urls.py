from django.urls import path

from alsmove.assessments import views

app_name = "assessments"
urlpatterns = [
    path("<int:patient_id>/progress/", views.progress, name="progress"),
    path("<int:patient_id>/progress/forecast/", views.forecast_choice, name="forecast_choice"),
    path("<int:patient_id>/alsfrs/", views.history, name="history"),
    path("<int:patient_id>/alsfrs/new/", views.start, name="start"),
    path("<int:patient_id>/alsfrs/new/<slug:step>/", views.entry, name="entry"),
]
