from django.urls import path

from alsmove.api.main import api

urlpatterns = [path("", api.urls)]
