"""Print a person's API token, making one if they have none.

The API reads with the rights of the token's owner: a procurer's token sees the
signed records of issued declarations, a vendor member's those of its own.
Anyone holding the token acts as that person, so it is printed only here.
"""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from portal.models import User


class Command(BaseCommand):
    help = "Print the API token of the user with this email, creating it if needed."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--renew",
            action="store_true",
            help="Replace the existing token (the old one stops working at once).",
        )

    def handle(self, *args, email: str, renew: bool = False, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the email {email!r}.")
        if not user.is_active:
            raise CommandError(f"{user.email} is not active: a token would not work.")
        if renew:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
