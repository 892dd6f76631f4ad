from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from alsmove.accounts.clinics import ClinicSetupError, create_clinic, send_password_link


class Command(BaseCommand):
    help = (
        "Create a clinic and its first administrator, who gets an email with a one-time "
        "link to choose their password. Running it again with the same clinic and address "
        "changes nothing; any other clash (the name or the address taken) is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the clinic's name, as people will read it")
        parser.add_argument("--admin-email", required=True, help="the administrator's address")
        parser.add_argument("--admin-name", default="", help="the administrator's full name")
        parser.add_argument(
            "--resend-link",
            action="store_true",
            help="when this clinic and administrator exist already and no password has "
            "been chosen yet, email a new link",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            setup = create_clinic(
                name=options["name"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
            )
        except ClinicSetupError as error:
            raise CommandError(str(error)) from error
        clinic, admin = setup.organisation.name, setup.admin.email
        if setup.created:
            self.stdout.write(
                f"Created {clinic} with its administrator {admin}. An email with a link to "
                "choose a password is on its way (through the configured email backend)."
            )
            return
        if options["resend_link"]:
            if setup.admin.has_usable_password():
                raise CommandError(
                    f"{admin} has chosen a password already; they can use "
                    "'Forgot your password?' on the login page."
                )
            with transaction.atomic():
                send_password_link(setup.admin)
            self.stdout.write(f"Sent {admin} a new link to choose a password.")
            return
        self.stdout.write(
            f"{clinic} exists already with the administrator {admin}; nothing was changed. "
            "Add --resend-link to email them a new link."
        )
