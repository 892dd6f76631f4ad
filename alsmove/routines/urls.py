from django.urls import path

from alsmove.routines import views

app_name = "routines"
urlpatterns = [
    path("<int:patient_id>/profile/", views.profile, name="profile"),
    path("<int:patient_id>/routine/", views.routine, name="routine"),
    path("<int:patient_id>/routine/review/", views.review, name="review"),
    path("<int:patient_id>/routine/propose/", views.propose_view, name="propose"),
    path("<int:patient_id>/routine/v<int:version>/", views.version, name="version"),
    path("<int:patient_id>/routine/v<int:version>/approve/", views.approve_view, name="approve"),
    path("<int:patient_id>/routine/v<int:version>/undo/", views.undo_edit_view, name="undo_edit"),
]
