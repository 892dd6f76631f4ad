from django.urls import path

from alsmove.caregiving import views

app_name = "caregiving"
urlpatterns = [
    path("<int:patient_id>/skills/", views.skill_list, name="list"),
    path("<int:patient_id>/skills/taught/", views.taught, name="taught"),
    path("<int:patient_id>/skills/taught/<int:mark_id>/withdraw/", views.untaught, name="untaught"),
    path("<int:patient_id>/skills/<slug:skill>/", views.overview, name="overview"),
    path("<int:patient_id>/skills/<slug:skill>/print/", views.printable, name="print"),
    path("<int:patient_id>/skills/<slug:skill>/<int:index>/", views.step, name="step"),
]
