"""Outgoing emails: one small function per email, each in its recipient's language.

Every email is a pair of templates, ``templates/emails/<name>_subject.txt`` and
``<name>_body.txt``, rendered under ``translation.override`` so that both the
text and the links (``/en/…`` or unprefixed Japanese) follow the recipient.

Nothing is sent from here: ``send`` puts the email in the outbox, inside the
caller's transaction if there is one, and a task delivers it once that commits
(see ``outbox``). A mail or broker outage therefore never fails the caller.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation, Organization, OutgoingEmail, User
from .tasks import deliver_email

logger = logging.getLogger(__name__)


def absolute_url(viewname: str, *, language: str, **kwargs) -> str:
    """An absolute link to a page of the portal, in the given language."""
    with translation.override(language):
        return settings.SITE_URL + reverse(viewname, kwargs=kwargs or None)


def send(name: str, *, to: str, language: str, context: dict) -> None:
    """Render ``emails/<name>_subject.txt`` and ``_body.txt`` in ``language``; queue the email.

    Body templates wrap themselves in ``{% autoescape off %}``: they are plain text.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{name}_subject.txt", context)
        body = render_to_string(f"emails/{name}_body.txt", context)
    email = OutgoingEmail.objects.create(
        recipient=to,
        subject=" ".join(subject.split()),  # one line, however the template wraps it
        body=body,
    )
    transaction.on_commit(lambda: queue_delivery(email.pk))


def queue_delivery(email_id: int) -> None:
    """Queue the delivery; a broker outage is logged and left to the sweep."""
    try:
        deliver_email.delay(email_id)
    except Exception:  # kombu raises various errors when the broker is down
        logger.exception("Could not queue email %s; the sweep will send it.", email_id)


def send_confirmation(user: User, url: str) -> None:
    send("confirmation", to=user.email, language=user.language, context={"user": user, "url": url})


def send_already_registered(user: User) -> None:
    """Someone signed up with the address of an active account: tell its owner, not them."""
    context = {
        "user": user,
        "login_url": absolute_url("login", language=user.language),
        "reset_url": absolute_url("password_reset", language=user.language),
    }
    send("already_registered", to=user.email, language=user.language, context=context)


def invitation_language(invitation: Invitation) -> str:
    """The invitee's own choice if they have an account, else the one the admin picked."""
    user = User.objects.filter(email__iexact=invitation.email).first()
    return user.language if user else invitation.language


def send_invitation(invitation: Invitation) -> None:
    language = invitation_language(invitation)
    url = absolute_url("accounts:invitation", language=language, token=invitation.token)
    send(
        "invitation",
        to=invitation.email,
        language=language,
        context={"invitation": invitation, "organization": invitation.organization, "url": url},
    )


def _send_to_admins(name: str, organization: Organization) -> None:
    for admin in organization.admins():
        url = absolute_url(
            "accounts:members", language=admin.language, organization_pk=organization.pk
        )
        send(
            name,
            to=admin.email,
            language=admin.language,
            context={"user": admin, "organization": organization, "url": url},
        )


def send_organization_approved(organization: Organization) -> None:
    _send_to_admins("organization_approved", organization)


def send_organization_rejected(organization: Organization) -> None:
    _send_to_admins("organization_rejected", organization)


def send_organization_awaiting_approval(organization: Organization) -> None:
    """To every site admin: a new organization waits for their decision."""
    for admin in User.objects.filter(is_staff=True, is_active=True):
        url = absolute_url(
            "admin:portal_organization_change", language=admin.language, object_id=organization.pk
        )
        send(
            "organization_awaiting_approval",
            to=admin.email,
            language=admin.language,
            context={"user": admin, "organization": organization, "url": url},
        )
