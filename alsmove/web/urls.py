from django.urls import path

from alsmove.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("clinic/", views.clinic, name="clinic"),
]
