from django.urls import path

from alsmove.resources import views, visit

# Every route of the app, one module and one namespace (included at the site root).
app_name = "resources"
urlpatterns = [
    # The resources
    path("resources/", views.resource_list, name="list"),
    path("resources/<slug:resource>/", views.detail, name="detail"),
    # Questions for a visit, for one person
    path("patients/<int:patient_id>/questions/", visit.questions_for_visit, name="questions"),
]
