from django.urls import path

from alsmove.accounts import two_factor_views as two_step
from alsmove.web import staff_views, trail_search, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("clinic/", views.clinic, name="clinic"),
    path("clinic/trail/", trail_search.trail, name="trail"),
    path("clinic/trail.csv", trail_search.trail_csv, name="trail_csv"),
    path("clinic/staff/add/", staff_views.add_staff_view, name="add_staff"),
    path("clinic/staff/<int:user_id>/switch-off/", staff_views.switch_off_view, name="switch_off"),
    path("clinic/staff/<int:user_id>/switch-on/", staff_views.switch_on_view, name="switch_on"),
    path("clinic/staff/<int:user_id>/reset-two-step/", two_step.reset_view, name="reset_two_step"),
]
