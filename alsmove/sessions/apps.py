from django.apps import AppConfig


class GuidedSessionsConfig(AppConfig):
    # "sessions" is Django's own (django.contrib.sessions): this app needs another label.
    name = "alsmove.sessions"
    label = "guided_sessions"
    verbose_name = "Guided sessions"
    default_auto_field = "django.db.models.BigAutoField"
