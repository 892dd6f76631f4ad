from django.urls import path

from alsmove.sessions import views

app_name = "sessions"
urlpatterns = [
    path("<int:patient_id>/session/", views.start, name="start"),
    path("<int:patient_id>/session/<int:index>/", views.step, name="step"),
    path("<int:patient_id>/session/finish/", views.finish, name="finish"),
    path("<int:patient_id>/session/<int:index>/stop/", views.stop, name="stop"),
]
