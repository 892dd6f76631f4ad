from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from alsmove.accounts import language, views
from alsmove.accounts import two_factor_views as two_step
from alsmove.accounts.reset import ThrottledPasswordResetView

app_name = "accounts"
urlpatterns = [
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.SiteLogoutView.as_view(), name="logout"),
    path("preferences/", views.preferences, name="preferences"),
    path("language/<str:code>/", language.choose, name="language"),
    path("preferences/session/", views.session_preferences, name="session_preferences"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
    path("password/", views.PasswordChange.as_view(), name="password_change"),
    path("two-step/", two_step.manage, name="two_step"),
    path("two-step/set-up/", two_step.setup, name="two_step_setup"),
    path("two-step/verify/", two_step.verify, name="two_step_verify"),
    path("two-step/recovery-codes/", two_step.recovery_codes, name="two_step_codes"),
    path("two-step/recovery-codes/new/", two_step.new_recovery_codes, name="two_step_new_codes"),
    path("two-step/turn-off/", two_step.turn_off, name="two_step_off"),
    path(
        "password-reset/",
        ThrottledPasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
