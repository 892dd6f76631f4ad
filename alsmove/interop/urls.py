from django.urls import path

from alsmove.interop import views

app_name = "interop"
urlpatterns = [
    path("<int:patient_id>/fhir/record.json", views.export, name="export"),
    path("<int:patient_id>/fhir/import/", views.import_form, name="import"),
]
