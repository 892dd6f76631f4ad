from django.urls import path

from alsmove.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:patient_id>/documents/", views.documents, name="list"),
    path(
        "<int:patient_id>/documents/routine-handout.pdf",
        views.routine_handout,
        name="routine_handout",
    ),
    path(
        "<int:patient_id>/documents/caregiver-handout.pdf",
        views.caregiver_handout,
        name="caregiver_handout",
    ),
    path("<int:patient_id>/documents/progress-note.pdf", views.progress_note, name="progress_note"),
    path("<int:patient_id>/documents/plan-of-care.pdf", views.plan_of_care, name="plan_of_care"),
    path(
        "<int:patient_id>/documents/plan-of-care/",
        views.plan_of_care_form,
        name="plan_of_care_form",
    ),
]
