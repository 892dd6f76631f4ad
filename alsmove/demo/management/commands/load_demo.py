import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alsmove.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, demo_secret, seed_demo


class Command(BaseCommand):
    help = "Create the demo clinics, people and care teams (for trying ALS Move locally)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo accounts share a published password: never create them by accident.
        if os.environ.get("ALSMOVE_ALLOW_DEMO") != "True":
            raise CommandError(
                "Demo accounts have a public password. Set ALSMOVE_ALLOW_DEMO=True to load them."
            )
        seed_demo()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<30} {login.name} — {login.role}")
        self.stdout.write(
            "Therapists and administrators then type a code from an authenticator app.\n"
            "  Demo authenticator secret (all demo staff; public, like the password):\n"
            f"    {demo_secret()}\n"
            "  Or print the current code:\n"
            "    ALSMOVE_ALLOW_DEMO=True ALSMOVE_SECRET_KEY_FILE=var/secret_key \\\n"
            "      .venv/bin/python manage.py demo_code"
        )
