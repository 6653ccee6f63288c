"""People and organizations."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import validate_corporate_number


class UserManager(BaseUserManager):
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
        choices=[("ja", "日本語"), ("en", "English")],
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

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email


class Organization(models.Model):
    class Kind(models.TextChoices):
        VENDOR = "vendor", _("Vendor (cyber infrastructure operator)")
        PROCURER = "procurer", _("Procurer (government / critical infrastructure)")

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


class Role(models.TextChoices):
    ADMIN = "admin", _("Organization admin")
    EDITOR = "editor", _("Editor")
    SIGNATORY = "signatory", _("Signatory")
    VIEWER = "viewer", _("Viewer")
    MEMBER = "member", _("Member")


VENDOR_ROLES = (Role.ADMIN, Role.EDITOR, Role.SIGNATORY, Role.VIEWER)
PROCURER_ROLES = (Role.MEMBER,)


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
