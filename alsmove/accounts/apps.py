from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alsmove.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from alsmove.accounts.session_guard import mark_signed_in

        # Every sign-in starts the idle and 12-hour clocks (session_guard).
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: mark_signed_in(request),
            dispatch_uid="alsmove-mark-signed-in",
            weak=False,
        )
