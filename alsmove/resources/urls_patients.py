from django.urls import path

from alsmove.resources import visit

app_name = "visit"
urlpatterns = [
    path("<int:patient_id>/questions/", visit.questions_for_visit, name="questions"),
]
