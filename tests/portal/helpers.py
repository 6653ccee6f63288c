"""Small helpers for the account and organization tests."""

import re

from django.conf import settings

from portal.models import Invitation, Role


def link_in(message, contains: str = "/") -> str:
    """The path of the first portal link in the email's body that contains ``contains``."""
    for url in re.findall(r"https?://\S+", message.body):
        if url.startswith(settings.SITE_URL + "/") and contains in url:
            return url.removeprefix(settings.SITE_URL)
    raise AssertionError(f"no link with {contains!r} in:\n{message.body}")


def make_invitation(organization, email: str, role: str = Role.EDITOR, **fields) -> Invitation:
    return Invitation.objects.create(organization=organization, email=email, role=role, **fields)
