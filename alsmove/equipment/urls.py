from django.urls import path

from alsmove.equipment import views

app_name = "equipment"
urlpatterns = [
    path("<int:patient_id>/equipment/", views.plan_page, name="plan"),
    path("<int:patient_id>/equipment/status/", views.change_status, name="status"),
    path("<int:patient_id>/equipment/add/", views.add, name="add"),
    path("<int:patient_id>/equipment/<slug:item>/note/", views.note, name="note"),
]
