"""Accounts, organizations, members and invitations: the operations.

Each function is the whole act: it checks that the act is allowed, raises
``OrganizationError`` with a message for people when it is not, saves, and
sends the email that goes with it. Views only turn the error into a message.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, emails
from .audit import AuditEvent
from .models import Invitation, Membership, Organization, Role, User


class OrganizationError(Exception):
    """An account or organization operation that is not allowed; the message is for people."""


CONFIRMATION_SALT = "portal.accounts.confirm-email"
CONFIRMATION_MAX_AGE = timedelta(days=3)
DUPLICATE_CORPORATE_NUMBER = gettext_lazy(
    "An organization with this corporate number is already registered on the portal. "
    "Ask one of its admins to invite you, or contact the site admin if you think this is wrong."
)


# --- Sign-up and email confirmation ---------------------------------------------------------


def _is_unconfirmed(user: User) -> bool:
    # A deactivated account that once signed in is not "unconfirmed": a sign-up
    # or confirmation link must never bring it back.
    return not user.is_active and user.last_login is None


def _password_fingerprint(user: User) -> str:
    # Ties a confirmation link to the password chosen with it: signing up again
    # with a new password makes the older links useless.
    return salted_hmac(CONFIRMATION_SALT, user.password).hexdigest()[:16]


def confirmation_url(user: User) -> str:
    token = signing.dumps(
        {"u": user.pk, "e": user.email, "p": _password_fingerprint(user)}, salt=CONFIRMATION_SALT
    )
    return emails.absolute_url("accounts:confirm", language=user.language, token=token)


def register_user(*, email: str, full_name: str, language: str, password: str) -> User:
    """Create an inactive account and email a confirmation link.

    Whether the address was known must not show: the caller always says "check
    your email". The owner of an active account gets a note instead of a link.
    """
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user, created = User.objects.select_for_update().get_or_create(
            email=email, defaults={"is_active": False}
        )
        fresh = created or _is_unconfirmed(user)
        if fresh:
            user.full_name = full_name
            user.language = language
            user.set_password(password)
            user.save()
    if fresh:
        emails.send_confirmation(user, confirmation_url(user))
    else:
        emails.send_already_registered(user)
    return user


def resend_confirmation(*, email: str) -> None:
    """Send a fresh link to an unconfirmed account; say nothing about other addresses."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return
    if _is_unconfirmed(user):
        emails.send_confirmation(user, confirmation_url(user))
    else:
        emails.send_already_registered(user)


def user_for_confirmation(*, token: str) -> User:
    """The account an unused, unexpired confirmation link was made for."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise OrganizationError(_("This confirmation link has expired.")) from None
    except signing.BadSignature:
        raise OrganizationError(_("This confirmation link is not valid.")) from None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None or data.get("p") != _password_fingerprint(user):
        raise OrganizationError(_("This confirmation link is not valid."))
    if not _is_unconfirmed(user):
        raise OrganizationError(_("This address has already been confirmed; please sign in."))
    return user


def confirm_email(*, token: str) -> User:
    """Activate the account a confirmation link was made for. The caller signs them in."""
    with transaction.atomic():
        user = user_for_confirmation(token=token)
        # Re-read under a lock so that two clicks cannot both pass the check.
        user = User.objects.select_for_update().get(pk=user.pk)
        if not _is_unconfirmed(user):
            raise OrganizationError(_("This address has already been confirmed; please sign in."))
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def update_profile(*, user: User, full_name: str, language: str) -> User:
    user.full_name = full_name
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user


# --- Organizations ---------------------------------------------------------------------------


def register_organization(
    *,
    user: User,
    kind: str,
    name_ja: str,
    corporate_number: str,
    name_en: str = "",
    address: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    website: str = "",
) -> Organization:
    """A new organization, pending the site admin's approval, with ``user`` as its admin."""
    try:
        with transaction.atomic():
            organization = Organization.objects.create(
                kind=kind,
                name_ja=name_ja,
                name_en=name_en,
                corporate_number=corporate_number,
                address=address,
                contact_email=contact_email,
                contact_phone=contact_phone,
                website=website,
                status=Organization.Status.PENDING,
            )
            Membership.objects.create(user=user, organization=organization, role=Role.ADMIN)
            emails.send_organization_awaiting_approval(organization)
    except IntegrityError:
        # The form checked, but someone may have registered the same number since.
        raise OrganizationError(str(DUPLICATE_CORPORATE_NUMBER)) from None
    return organization


def _organization_target(organization: Organization) -> str:
    return f"{organization.name_ja} ({organization.corporate_number})"


def approve_organization(*, organization: Organization, actor: User | None = None) -> Organization:
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if organization.is_approved:
            raise OrganizationError(_("%(name)s is already approved.") % {"name": organization})
        organization.status = Organization.Status.APPROVED
        organization.approved_at = timezone.now()
        organization.save(update_fields=["status", "approved_at"])
        audit.record(
            AuditEvent.Kind.ORGANIZATION_APPROVED, actor, _organization_target(organization)
        )
    emails.send_organization_approved(organization)
    return organization


def reject_organization(*, organization: Organization, actor: User | None = None) -> Organization:
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if organization.status != Organization.Status.PENDING:
            raise OrganizationError(
                _("%(name)s is not pending approval, so it cannot be rejected.")
                % {"name": organization}
            )
        organization.status = Organization.Status.REJECTED
        organization.save(update_fields=["status"])
        audit.record(
            AuditEvent.Kind.ORGANIZATION_REJECTED, actor, _organization_target(organization)
        )
    emails.send_organization_rejected(organization)
    return organization


# --- Members and invitations -----------------------------------------------------------------


def _check_role(organization: Organization, role: str) -> None:
    if role not in organization.roles:
        raise OrganizationError(_("That role does not exist in this kind of organization."))


def invite_member(
    *, organization: Organization, email: str, role: str, language: str, invited_by: User
) -> Invitation:
    """Email an invitation to join ``organization`` with ``role``."""
    email = User.objects.normalize_email(email).lower()
    _check_role(organization, role)
    if organization.status == Organization.Status.REJECTED:
        raise OrganizationError(_("This organization was not approved, so it cannot invite."))
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise OrganizationError(_("%(email)s is already a member.") % {"email": email})
    with transaction.atomic():
        previous = (
            Invitation.objects.select_for_update()
            .filter(organization=organization, email=email, accepted_at__isnull=True)
            .first()
        )
        if previous is not None and previous.is_pending:
            raise OrganizationError(
                _("%(email)s has already been invited. Cancel that invitation to send a new one.")
                % {"email": email}
            )
        if previous is not None:
            previous.delete()  # expired: make room for the new one
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    organization=organization,
                    email=email,
                    role=role,
                    language=language,
                    invited_by=invited_by,
                )
        except IntegrityError:
            raise OrganizationError(
                _("%(email)s has already been invited.") % {"email": email}
            ) from None
        audit.record(
            AuditEvent.Kind.INVITATION_SENT,
            invited_by,
            f"{email} → {_organization_target(organization)}",
            {"role": role},
        )
    emails.send_invitation(invitation)
    return invitation


def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the organization; only the person the invitation was addressed to can."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organization")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            raise OrganizationError(_("This invitation has already been accepted."))
        if invitation.is_expired:
            raise OrganizationError(_("This invitation has expired."))
        if not invitation.is_addressed_to(user):
            raise OrganizationError(
                _(
                    "This invitation was sent to %(invited)s, but you are signed in as "
                    "%(you)s. Sign in with the invited address, or ask the organization's "
                    "admin to invite %(you)s."
                )
                % {"invited": invitation.email, "you": user.email}
            )
        # Someone who is already a member keeps the role they have.
        membership, _created = Membership.objects.get_or_create(
            user=user, organization=invitation.organization, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            AuditEvent.Kind.INVITATION_ACCEPTED,
            user,
            f"{invitation.email} → {_organization_target(invitation.organization)}",
            {"role": membership.role},
        )
    return membership


def cancel_invitation(*, invitation: Invitation, actor: User | None = None) -> None:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organization")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            raise OrganizationError(_("This invitation has already been accepted."))
        audit.record(
            AuditEvent.Kind.INVITATION_CANCELLED,
            actor,
            f"{invitation.email} → {_organization_target(invitation.organization)}",
            {"role": invitation.role},
        )
        invitation.delete()


def _lock_admins_and_check_one_remains(membership: Membership, *, new_role: str | None) -> None:
    # Locking every admin row of the organization stops two admins who demote
    # or remove each other at the same moment from leaving it with none.
    admins = list(
        Membership.objects.select_for_update()
        .filter(organization_id=membership.organization_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk] and new_role != Role.ADMIN:
        raise OrganizationError(
            _(
                "An organization needs at least one admin. Make another member an admin "
                "before you step down or leave."
            )
        )


def _membership_target(membership: Membership) -> str:
    return f"{membership.user.email} @ {_organization_target(membership.organization)}"


def change_role(*, membership: Membership, role: str, actor: User | None = None) -> Membership:
    _check_role(membership.organization, role)
    with transaction.atomic():
        _lock_admins_and_check_one_remains(membership, new_role=role)
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            AuditEvent.Kind.ROLE_CHANGED,
            actor,
            _membership_target(membership),
            {"from": previous, "to": role},
        )
    return membership


def remove_member(*, membership: Membership, actor: User | None = None) -> None:
    with transaction.atomic():
        _lock_admins_and_check_one_remains(membership, new_role=None)
        audit.record(
            AuditEvent.Kind.MEMBER_REMOVED,
            actor,
            _membership_target(membership),
            {"role": membership.role},
        )
        membership.delete()
