from django.urls import path

from alsmove.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.SiteLogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("preferences/", views.preferences, name="preferences"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
]
