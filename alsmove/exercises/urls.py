from django.urls import path

from alsmove.exercises import views

app_name = "exercises"
urlpatterns = [
    path("", views.library, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/pictogram.svg", views.pictogram, name="pictogram"),
]
