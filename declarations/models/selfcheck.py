"""A procurer organization's private self-check against the guideline's customer category.

Category (6) of the guideline is the customer's own part: what the buyer of a
product or service does itself. A procurer organization answers it with the
same statuses, explanation, plan and target date a vendor uses, once per
edition. It is never published or signed, and only the organization's members
read it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidelines.models import Edition, Statement
from portal.models import Organization

from .declaration import Answer


class SelfCheck(models.Model):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="self_checks",
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("guideline edition"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("customer self-check")
        verbose_name_plural = _("customer self-checks")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "edition"], name="one_self_check_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.edition}"


class SelfCheckAnswer(models.Model):
    """One customer statement's answer: the fields of a vendor's answer that a self-check
    needs (no evidence, no public statement: nobody outside reads it)."""

    Status = Answer.Status

    self_check = models.ForeignKey(
        SelfCheck, verbose_name=_("self-check"), on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Answer.Status.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    remediation_plan = models.TextField(_("remediation plan"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    # Two colleagues saving at once: the later save must name the version it saw.
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    CONTENT_FIELDS = ("status", "explanation", "remediation_plan", "target_date")

    class Meta:
        verbose_name = _("self-check answer")
        verbose_name_plural = _("self-check answers")
        ordering = ["statement__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_check", "statement"], name="one_self_check_answer_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement.code}: {self.get_status_display() or '—'}"

    @property
    def is_answered(self) -> bool:
        return bool(self.status)
