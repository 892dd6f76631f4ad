from django.urls import path

from alsmove.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("<slug:resource>/", views.detail, name="detail"),
]
