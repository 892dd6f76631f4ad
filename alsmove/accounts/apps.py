from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alsmove.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Imported here, not at the top: session_guard reads the models, which Django
        # loads only after every app's config (the app registry's rule, not a cycle).
        from django.contrib.auth.signals import user_logged_in

        from alsmove.accounts.session_guard import mark_signed_in

        # Every sign-in starts the idle and 12-hour clocks (session_guard).
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: mark_signed_in(request),
            dispatch_uid="alsmove-mark-signed-in",
            weak=False,
        )
