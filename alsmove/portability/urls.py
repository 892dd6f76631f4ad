from django.urls import path

from alsmove.portability import views

app_name = "portability"
urlpatterns = [
    path("patients/<int:patient_id>/calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("patients/<int:patient_id>/your-data/", views.your_data, name="your_data"),
    path("patients/<int:patient_id>/your-data/record.zip", views.download_zip, name="download_zip"),
    path(
        "patients/<int:patient_id>/your-data/record.json",
        views.download_json,
        name="download_json",
    ),
    path("patients/<int:patient_id>/delete/", views.delete_page, name="delete"),
    path("clinic/import/", views.import_page, name="import"),
]
