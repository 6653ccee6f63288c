"""Review threads: a procurer organization's questions to a vendor about one declaration.

A thread is about one statement of an issued declaration, or about the
declaration as a whole (``statement`` empty). It belongs to the declaration it
was opened on, for good: when a newer declaration supersedes that one, the
thread stays where it was, and the newer one's page points back to it.
Its state (open ↔ resolved) moves only through ``services.reviews``, which
writes a ``ReviewThreadEvent`` for every move (``reviews.lifecycle``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guidelines.models import Statement
from portal.models import Organization

from .declaration import Declaration
from .events import StateEvent


class ReviewThread(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        CLARIFICATION = "clarification", _("Clarification request")
        FINDING = "finding", _("Finding")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("review thread", "Open")
        RESOLVED = "resolved", _("Resolved")

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.PROTECT,
        related_name="review_threads",
    )
    # Empty: the thread is about the declaration as a whole.
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The procurer organization on the other side; the vendor is the declaration's.
    procurer = models.ForeignKey(
        Organization,
        verbose_name=_("customer organization"),
        on_delete=models.PROTECT,
        related_name="review_threads",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    # The last message or state change: lists sort by it.
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)

    class Meta:
        verbose_name = _("review thread")
        verbose_name_plural = _("review threads")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["procurer", "state"]),
            models.Index(fields=["declaration", "state"]),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class ReviewMessage(models.Model):
    """One message of a thread: plain text, and links (http/https only)."""

    class Side(models.TextChoices):
        PROCURER = "procurer", _("Customer")
        VENDOR = "vendor", _("Provider")

    thread = models.ForeignKey(
        ReviewThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Which party wrote it, kept even if the author later leaves the organization.
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    body = models.TextField(_("message"))
    links = models.JSONField(_("links"), default=list, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review message")
        verbose_name_plural = _("review messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"


class ReviewThreadEvent(StateEvent):
    """One row per state change of a thread: who, when, from, to."""

    STATUSES = ReviewThread.State

    thread = models.ForeignKey(
        ReviewThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = _("review thread event")
        verbose_name_plural = _("review thread events")
