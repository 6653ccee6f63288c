"""People and organizations."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import validate_corporate_number

# Languages for emails: each person gets theirs in the language they chose.
LANGUAGE_CHOICES = [("ja", "日本語"), ("en", "English")]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; the email address is the login."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="ja",
        help_text=_("Used for emails sent to you."),
    )
    is_staff = models.BooleanField(
        _("site staff"),
        default=False,
        help_text=_("Site staff can sign in to the admin (guideline admins)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email


class OrganizationQuerySet(models.QuerySet):
    def awaiting_approval(self):
        """Registered organizations the site admin has not decided on yet, oldest first."""
        return self.filter(status=Organization.Status.PENDING).order_by("created_at", "pk")


class Organization(models.Model):
    class Kind(models.TextChoices):
        VENDOR = "vendor", _("Cyber infrastructure provider")
        PROCURER = "procurer", _("Customer (government / critical infrastructure)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        unique=True,
        validators=[validate_corporate_number],
        help_text=_("13 digits, as issued by the National Tax Agency."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("approval"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ja"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Japanese."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_ja

    @property
    def is_vendor(self) -> bool:
        return self.kind == self.Kind.VENDOR

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles a member of this kind of organization can hold."""
        return VENDOR_ROLES if self.is_vendor else PROCURER_ROLES

    def admins(self) -> models.QuerySet[User]:
        return self.members_with_role(Role.ADMIN)

    def members_with_role(self, role: str) -> models.QuerySet[User]:
        return User.objects.filter(
            memberships__organization=self, memberships__role=role, is_active=True
        )


class Role(models.TextChoices):
    ADMIN = "admin", _("Organization admin")
    EDITOR = "editor", _("Editor")
    SIGNATORY = "signatory", _("Signatory")
    VIEWER = "viewer", _("Viewer")
    MEMBER = "member", _("Member")


VENDOR_ROLES = (Role.ADMIN, Role.EDITOR, Role.SIGNATORY, Role.VIEWER)
# Every organization needs someone to manage its members, procurers included.
PROCURER_ROLES = (Role.ADMIN, Role.MEMBER)


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"


INVITATION_VALID_FOR = timedelta(days=14)


def _new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor expired. (Cancelled invitations are deleted.)"""
        return self.filter(
            accepted_at__isnull=True, created_at__gt=timezone.now() - INVITATION_VALID_FOR
        )


class Invitation(models.Model):
    """An organization admin's invitation to join, sent to an email address."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    language = models.CharField(
        _("language of the invitation email"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="ja",
        help_text=_("Used when the invited person has no account yet."),
    )
    token = models.CharField(max_length=64, unique=True, default=_new_invitation_token)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.get_role_display()})"

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALID_FOR

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and not self.is_expired

    def is_addressed_to(self, user) -> bool:
        return user.is_authenticated and user.email.lower() == self.email.lower()


class OutgoingEmail(models.Model):
    """An email in the outbox: stored with the act that sends it, delivered afterwards.

    Stored in the sender's transaction and sent by a task once it commits, so a
    mail outage never undoes the act, and nothing is lost while it lasts.
    """

    recipient = models.EmailField(_("recipient"))
    # Text, not a bounded CharField: a long product name in a subject must never
    # make the sender's transaction fail.
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [
            # The sweep reads only the unsent few of an ever-growing table.
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="unsent_outgoing_emails",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


# The audit log's model lives beside its writer; imported here so Django knows it.
from .audit import AuditEvent  # noqa: E402, F401
