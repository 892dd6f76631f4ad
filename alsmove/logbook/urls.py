from django.urls import path

from alsmove.logbook import views

app_name = "logbook"
urlpatterns = [
    path("<int:patient_id>/log/new/", views.quick_log, name="quick_log"),
    path("<int:patient_id>/log/<int:log_id>/", views.session_result, name="session"),
    path("<int:patient_id>/log/<int:log_id>/change/", views.change_log, name="change"),
]
