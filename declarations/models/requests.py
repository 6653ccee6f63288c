"""Declaration requests: a procurer organization asks a vendor for a declaration.

A request names the vendor by its 法人番号 (corporate number). When the vendor
is registered and approved the request points at it; otherwise only the number
(and the address an invitation went to) is stored, and the vendor that later
registers with that number finds the request in its incoming list and takes
it over on its first act (``requests.lifecycle``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidelines.models import Package
from portal.models import LANGUAGE_CHOICES, Organization

from .declaration import Declaration, Product
from .events import StateEvent


class DeclarationRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DRAFTING = "drafting", _("In drafting")
        FULFILLED = "fulfilled", _("Fulfilled")
        DECLINED = "declined", _("Declined")
        OVERDUE = "overdue", _("Overdue")

    procurer = models.ForeignKey(
        Organization,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="requests_made",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Null until a vendor with ``corporate_number`` is registered and acts on it.
    vendor = models.ForeignKey(
        Organization,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests_received",
    )
    corporate_number = models.CharField(_("provider's corporate number"), max_length=13)
    vendor_name = models.CharField(_("provider's name"), max_length=200, blank=True)
    invited_email = models.EmailField(_("invitation sent to"), blank=True)
    invitation_language = models.CharField(
        _("language of the invitation"), max_length=8, choices=LANGUAGE_CHOICES, default="ja"
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    product_description = models.TextField(_("product (as described)"), blank=True)
    package_kind = models.CharField(_("package"), max_length=16, choices=Package.Kind.choices)
    deadline = models.DateField(_("deadline"))
    note = models.TextField(_("note"), blank=True)
    reference = models.CharField(_("procurement reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    # The draft started for the request, which becomes the published declaration.
    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("declaration request")
        verbose_name_plural = _("declaration requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["corporate_number"]),
        ]

    def __str__(self) -> str:
        return _("Request %(number)s for %(product)s") % {
            "number": self.pk,
            "product": self.product_label,
        }

    @property
    def product_label(self) -> str:
        return str(self.product) if self.product_id else self.product_description

    @property
    def vendor_label(self) -> str:
        if self.vendor is not None:
            return self.vendor.name
        return self.vendor_name or self.corporate_number


class RequestEvent(StateEvent):
    """One row per move of a request: who, when, from, to and why."""

    STATUSES = DeclarationRequest.Status

    request = models.ForeignKey(
        DeclarationRequest,
        verbose_name=_("declaration request"),
        on_delete=models.CASCADE,
        related_name="events",
    )

    class Meta(StateEvent.Meta):
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
