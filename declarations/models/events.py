"""The event row every stateful record writes on each move: who, when, from, to, why.

One abstract model for declarations, requests and review threads alike; each
concrete event names its record (a foreign key) and the choices its statuses
come from (``STATUSES``), which the labels read.
"""

from __future__ import annotations

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateEvent(models.Model):
    STATUSES: ClassVar[type[models.TextChoices]]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_label or '∅'} → {self.to_label}"

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)

    def _label(self, status: str) -> str:
        return str(dict(self.STATUSES.choices).get(status, status))

    @classmethod
    def record(
        cls, *, to: str, actor=None, reason: str = "", from_status: str = "", **record
    ) -> Self:
        """Write the event of a move of ``record`` (its foreign key, by name)."""
        return cls._default_manager.create(
            **record,
            actor=actor if actor is not None and actor.is_authenticated else None,
            from_status=from_status,
            to_status=to,
            reason=reason,
        )
