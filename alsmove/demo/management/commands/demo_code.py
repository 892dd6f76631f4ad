import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from alsmove.demo.seed import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current two-step code of the demo staff accounts (demo secret only)."

    def handle(self, *args: Any, **options: Any) -> None:
        # The secret is published with the demo; this reads nothing from the database and
        # cannot give the code of any real account.
        if os.environ.get("ALSMOVE_ALLOW_DEMO") != "True":
            raise CommandError("Only for the demo. Set ALSMOVE_ALLOW_DEMO=True to use it.")
        code = totp(bytes.fromhex(DEMO_TOTP_KEY))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (changes in {left} s; the one before works a while longer)")
