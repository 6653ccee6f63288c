"""Where a piece of guideline text comes from.

The study group's direction paper (the seed deck) gives the categories, the 21
statement titles and a few classifications; much else a user reads — statement
descriptions, responsibility titles, cross-references — was added later, from a
later official edition or by the portal itself. Every guideline item records
which, so that pages, the API and the PDF can say so. The choices live here so
that every model with a provenance uses the same words.

Pages of the seed deck: the deck is kept as text, one ``# `` heading per page
(the title page is page 1, 「要求事項の概要」 with the 21 statement titles is
page 18, the package page 19, the three classification pages 20–22). A page
number is the ordinal of that heading, which anyone can recount with
``grep -n '^# '`` on the text; the text's few second-level headings do not
start a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


class Source(models.TextChoices):
    SEED = "seed", _("Study group's direction paper")
    LATER_EDITION = "later_edition", _("Later official edition")
    PORTAL = "portal", _("Derived by the portal")


def source_field(verbose_name: _StrOrPromise | None = None) -> models.CharField:
    """A provenance column; new items are the portal's own until an admin says otherwise."""
    return models.CharField(
        verbose_name or _("source"),
        max_length=16,
        choices=Source.choices,
        default=Source.PORTAL,
    )


def source_page_field(
    verbose_name: _StrOrPromise | None = None,
) -> models.PositiveSmallIntegerField:
    """The page of the seed deck (or of the later edition) the item is taken from."""
    return models.PositiveSmallIntegerField(
        verbose_name or _("source page"),
        null=True,
        blank=True,
        help_text=_("Page of the source document, where the item is taken from it."),
    )


def provenance_errors(obj: object, groups: dict[str, str]) -> dict[str, str]:
    """What is wrong with the provenance of ``obj``, by field name.

    ``groups`` maps each source field to its page field. Text taken from the
    seed names its page, so a reader can find it; the portal's own text has no
    page to name.
    """
    errors: dict[str, str] = {}
    for source_name, page_name in groups.items():
        source, page = getattr(obj, source_name), getattr(obj, page_name)
        if source == Source.SEED and not page:
            errors[page_name] = str(_("Give the page of the seed deck this is taken from."))
        elif source == Source.PORTAL and page:
            errors[page_name] = str(_("The portal's own text has no source page."))
    return errors


def origin(obj: object, source_name: str = "source") -> dict[str, object]:
    """One field group's provenance as plain data: ``{"source": …, "page": …}``."""
    page_name = obj.PROVENANCE[source_name]  # type: ignore[attr-defined]
    return {"source": getattr(obj, source_name), "page": getattr(obj, page_name)}


def origins(obj: object) -> dict[str, dict[str, object]]:
    """Every field group's provenance, by group: ``{"title": {...}, "description": {...}}``."""
    return {
        name.removesuffix("_source"): origin(obj, name)
        for name in obj.PROVENANCE  # type: ignore[attr-defined]
    }
