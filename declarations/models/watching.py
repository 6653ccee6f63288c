"""Who watches what, and which watch emails went out (so that none goes out twice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import Organization

from .declaration import Declaration, Product


class Watch(models.Model):
    """A person watching a product, or a whole vendor organization, for news of its
    declarations. Exactly one of ``product`` and ``organization`` is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="watches",
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
    )
    created_at = models.DateTimeField(_("watching since"), auto_now_add=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(product__isnull=False, organization__isnull=True)
                | Q(product__isnull=True, organization__isnull=False),
                name="watch_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "product"],
                condition=Q(product__isnull=False),
                name="watch_product_once",
            ),
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(organization__isnull=False),
                name="watch_organization_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.product or self.organization}"


class WatchNotice(models.Model):
    """One watch email, recorded when it is put in the outbox: one per person, declaration
    and event, however many of their watches cover the declaration or runs repeat."""

    class Event(models.TextChoices):
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REVOKED = "revoked", _("Revoked")
        EXPIRING = "expiring", _("Expires within 30 days")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="watch_notices",
    )
    event = models.CharField(_("event"), max_length=16, choices=Event.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("watch email")
        verbose_name_plural = _("watch emails")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "declaration", "event"], name="watch_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.declaration} {self.event} → {self.user}"
