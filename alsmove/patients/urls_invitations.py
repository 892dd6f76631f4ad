from django.urls import path

from alsmove.patients import invitation_views

app_name = "invitations"
urlpatterns = [
    path("<int:invitation_id>/answer/", invitation_views.answer, name="answer"),
    path("<str:token>/", invitation_views.open_link, name="open"),
]
