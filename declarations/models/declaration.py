"""Products, declarations, their answers and their history."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guidelines.models import Edition, Package, Statement
from portal.models import Organization

from .events import StateEvent


class Product(models.Model):
    class Kind(models.TextChoices):
        SOFTWARE = "software", _("Software product (incl. cloud service)")
        COMPONENT = "component", _("Component software of a system")
        FIRMWARE = "firmware", _("Embedded software / firmware")

    class VendorRole(models.TextChoices):
        DEVELOPER = "developer", _("Developer")
        SUPPLIER = "supplier", _("Supplier")
        OPERATOR = "operator", _("Operator")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(
        _("version or version range"),
        max_length=100,
        blank=True,
        help_text=_('e.g. "3.2", "3.x" or "all versions from 2.0"'),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    roles = models.JSONField(
        _("our role(s) for it"),
        default=list,
        help_text=_("Developer, supplier and/or operator."),
    )
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("public URL"), blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("product or service")
        verbose_name_plural = _("products and services")
        ordering = ["name", "version"]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    def get_roles_display(self) -> str:
        labels = dict(self.VendorRole.choices)
        comma = "、" if (get_language() or "ja").startswith("ja") else ", "
        return comma.join(str(labels.get(role, role)) for role in self.roles)


class ImmutableDeclarationError(ValidationError):
    """Raised on any attempt to change what a published declaration says."""

    def __init__(self):
        super().__init__(
            _("A published declaration cannot be changed; start a renewal instead."),
            code="immutable",
        )


# The shape of the serials publishing.records.new_serial makes, e.g. JPD-2026-7K3M-9QXD
# (a test holds the two together).
_SERIAL_CHARACTERS = "[2-9A-HJKMNP-Z]"
SERIAL_PATTERN = re.compile(rf"JPD-[0-9]{{4}}-{_SERIAL_CHARACTERS}{{4}}-{_SERIAL_CHARACTERS}{{4}}")


def normalise_serial(text: str) -> str | None:
    """The serial in ``text``, or None if it cannot be one.

    Any case, blanks around it, and full-width characters (ＪＰＤ－２０２６…, as a
    Japanese input method types them) are accepted.
    """
    if len(text) > 64:  # no work for a megabyte of text
        return None
    serial = unicodedata.normalize("NFKC", text).strip().upper()
    return serial if SERIAL_PATTERN.fullmatch(serial) else None


class DeclarationQuerySet(models.QuerySet):
    """Bulk writes bypass save(): refuse them on issued declarations too, but for
    the fields that may move after publication (status, PDF and reminder bookkeeping)."""

    def update(self, **kwargs):
        frozen = {
            name
            for name in kwargs
            if name.removesuffix("_id") not in Declaration.MUTABLE_AFTER_PUBLISHING
        }
        if frozen and self.issued().exists():
            raise ImmutableDeclarationError()
        return super().update(**kwargs)

    def delete(self):
        if self.issued().exists():
            raise ImmutableDeclarationError()
        return super().delete()

    def with_serial(self, text: str):
        """The declaration with this serial (see ``normalise_serial``). Text that cannot be
        a serial (a NUL, a path, a pasted paragraph) matches nothing and never reaches the
        database: PostgreSQL refuses a NUL where SQLite takes it."""
        serial = normalise_serial(text)
        return self.filter(serial=serial) if serial else self.none()

    def drafts(self):
        return self.filter(status=Declaration.Status.DRAFT)

    def published(self):
        return self.filter(status=Declaration.Status.PUBLISHED)

    def issued(self):
        """Every declaration that was ever published, whatever became of it."""
        return self.exclude(status=Declaration.Status.DRAFT)

    def expiring_by(self, last_day: datetime.date):
        """Declarations in force whose validity ends on or before ``last_day``, soonest first."""
        return self.published().filter(valid_until__lte=last_day).order_by("valid_until", "pk")

    def pdf_failed(self):
        """Issued declarations whose signed PDF could not be made, oldest failure first."""
        return self.issued().filter(pdf_state=Declaration.PdfState.FAILED).order_by("updated_at")


class Language(models.TextChoices):
    """The languages a declaration's answers are written in."""

    JA = "ja", _("Japanese")
    EN = "en", _("English")


class Declaration(models.Model):
    Language = Language

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    class PdfState(models.TextChoices):
        NONE = "none", _("Not generated")
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="declarations"
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("guideline edition"), on_delete=models.PROTECT
    )
    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    # Which language's text is the declaration: the other one, where written, is
    # its translation. Chosen with the draft, fixed at attestation.
    language = models.CharField(
        _("authoritative language"),
        max_length=2,
        choices=Language.choices,
        default=Language.JA,
        help_text=_(
            "The answers in this language are the declaration; those in the other are a "
            "translation."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renewal of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
    )

    # Set once, at attestation; never changed afterwards.
    serial = models.CharField(_("serial number"), max_length=32, unique=True, null=True)
    canonical_json = models.TextField(_("canonical record"), blank=True)
    digest = models.CharField(_("SHA-256 of the canonical record"), max_length=64, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attested by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)
    attested_at = models.DateTimeField(_("attested at"), null=True)
    valid_until = models.DateField(_("valid until"), null=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    reminder_sent_at = models.DateTimeField(_("renewal reminder sent at"), null=True, blank=True)
    # What the registry searches: folded from the record at attestation (registry.search).
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    # The signed PDF, made by a worker after attestation.
    pdf_state = models.CharField(
        _("PDF"), max_length=16, choices=PdfState.choices, default=PdfState.NONE
    )
    pdf_file = models.FileField(_("signed PDF"), upload_to="declarations/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64, blank=True)
    pdf_error = models.TextField(_("PDF error"), blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(_("PDF attempts"), default=0)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(status="draft"),
                name="one_draft_per_product",
                violation_error_message=_("This product already has a draft declaration."),
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return self.serial or _("Draft declaration for %(product)s") % {"product": self.product}

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    # What a declaration says is fixed at attestation. After that only its
    # lifecycle status and the bookkeeping of its PDF and reminders may move.
    MUTABLE_AFTER_PUBLISHING = frozenset(
        {"status", "updated_at", "reminder_sent_at"}
        | {"pdf_state", "pdf_file", "pdf_sha256", "pdf_error", "pdf_attempts"}
    )

    def save(self, *args, **kwargs):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values().first()
            if stored and stored["status"] != self.Status.DRAFT:
                changed = {
                    name
                    for name, value in stored.items()
                    if getattr(self, name) != value
                    and name not in self.MUTABLE_AFTER_PUBLISHING
                    and name.removesuffix("_id") not in self.MUTABLE_AFTER_PUBLISHING
                }
                if changed:
                    raise ImmutableDeclarationError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).issued().exists():
            raise ImmutableDeclarationError()
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.package_id and self.edition_id and self.package.edition_id != self.edition_id:
            raise ValidationError(_("The package must belong to the declaration's edition."))


# Characters in each language of an answer's public statement: a sentence or two.
PUBLIC_STATEMENT_MAX_LENGTH = 500


class AnswerQuerySet(models.QuerySet):
    """Bulk writes bypass save(); refuse them on published declarations too."""

    def _touches_issued(self) -> bool:
        return self.exclude(declaration__status=Declaration.Status.DRAFT).exists()

    def update(self, **kwargs):
        if self._touches_issued():
            raise ImmutableDeclarationError()
        return super().update(**kwargs)

    def delete(self):
        if self._touches_issued():
            raise ImmutableDeclarationError()
        return super().delete()


class Answer(models.Model):
    class Status(models.TextChoices):
        CONFORMANT = "conformant", _("Conformant")
        PARTIAL = "partial", _("Partially conformant")
        NOT_CONFORMANT = "not_conformant", _("Not conformant")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    declaration = models.ForeignKey(
        Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    # Each free text in Japanese (the plain field) and English (``_en``): the
    # declaration's language says which is authoritative, the other is a translation.
    explanation = models.TextField(_("explanation (Japanese)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One URL per line.")
    )
    evidence = models.TextField(_("evidence (free text, Japanese)"), blank=True)
    evidence_en = models.TextField(_("evidence (free text, English)"), blank=True)
    remediation_plan = models.TextField(_("remediation plan (Japanese)"), blank=True)
    remediation_plan_en = models.TextField(_("remediation plan (English)"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    # What the registry shows everyone about this answer besides its status; the
    # explanation, evidence and plan above are for readers of the full answers.
    public_statement_ja = models.CharField(
        _("public statement (Japanese)"), max_length=PUBLIC_STATEMENT_MAX_LENGTH, blank=True
    )
    public_statement_en = models.CharField(
        _("public statement (English)"), max_length=PUBLIC_STATEMENT_MAX_LENGTH, blank=True
    )
    # Optimistic concurrency: a save must name the version it was based on.
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    # What a person answers; the rest is bookkeeping.
    CONTENT_FIELDS = (
        "status",
        "explanation",
        "explanation_en",
        "evidence_links",
        "evidence",
        "evidence_en",
        "remediation_plan",
        "remediation_plan_en",
        "target_date",
        "public_statement_ja",
        "public_statement_en",
    )
    # The free texts that come in both languages: Japanese field, English field.
    BILINGUAL_FIELDS = {
        "explanation": ("explanation", "explanation_en"),
        "evidence": ("evidence", "evidence_en"),
        "remediation_plan": ("remediation_plan", "remediation_plan_en"),
    }
    PUBLIC_STATEMENT_MAX_LENGTH = PUBLIC_STATEMENT_MAX_LENGTH

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "statement"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.statement.code}: {self.get_status_display() or '—'}"

    def _check_editable(self) -> None:
        declarations = {self.declaration_id}
        if self.pk:
            declarations.update(
                Answer.objects.filter(pk=self.pk).values_list("declaration_id", flat=True)
            )
        if Declaration.objects.filter(pk__in=declarations).issued().exists():
            raise ImmutableDeclarationError()

    def save(self, *args, **kwargs):
        self._check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_editable()
        return super().delete(*args, **kwargs)

    @property
    def is_answered(self) -> bool:
        return bool(self.status)

    @property
    def evidence_link_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class DeclarationEvent(StateEvent):
    """One row per state change: who, when, from, to and why."""

    STATUSES = Declaration.Status

    declaration = models.ForeignKey(
        Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = _("declaration event")
        verbose_name_plural = _("declaration events")
