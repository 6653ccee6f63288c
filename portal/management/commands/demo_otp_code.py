"""Prints the current two-factor code of a demo account (one seeded by seed_demo).

Only the demo authenticators, whose secret is derived from the email and printed
by seed_demo anyway, answer: a real person's authenticator is refused.
"""

from django.core.management import BaseCommand, CommandError

from portal.models import User
from portal.two_factor import demo_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account, e.g. signatory@demo.example."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        code = demo_code(user) if user is not None else None
        if code is None:
            raise CommandError(f"{email} has no demo authenticator (seed_demo gives them one).")
        self.stdout.write(code)
