"""Where a piece of guideline text comes from.

The study group's direction paper (the seed deck) gives the categories, the 21
statement titles and a few classifications; much else a user reads — statement
descriptions, responsibility titles, cross-references — was added later, from a
later official edition or by the portal itself. Every guideline item records
which, so that pages, the API and the PDF can say so. The choices live here so
that every model with a provenance uses the same words.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SEED = "seed", _("Study group's direction paper")
    LATER_EDITION = "later_edition", _("Later official edition")
    PORTAL = "portal", _("Derived by the portal")


def source_field(verbose_name: str | None = None) -> models.CharField:
    """A provenance column; new items are the portal's own until an admin says otherwise."""
    return models.CharField(
        verbose_name or _("source"),
        max_length=16,
        choices=Source.choices,
        default=Source.PORTAL,
    )


def source_page_field() -> models.PositiveSmallIntegerField:
    """The page of the seed deck (or of the later edition) the item is taken from."""
    return models.PositiveSmallIntegerField(
        _("source page"),
        null=True,
        blank=True,
        help_text=_("Page of the source document, where the item is taken from it."),
    )
