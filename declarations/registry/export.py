"""The registry as a spreadsheet: the rows of a search, as CSV cells.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to
Excel and LibreOffice: a vendor could name a product "=HYPERLINK(…)" and have it
run on a procurer's machine. Such cells get a leading apostrophe, which the
spreadsheet shows as text (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidelines.models import Package

from ..models import Declaration
from .search import row_of

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = [
    _("Serial number"),
    _("Provider"),
    _("Provider (English)"),
    _("Corporate number"),
    _("Product or service"),
    _("Version"),
    _("Package"),
    _("Guideline edition"),
    _("Status"),
    _("Published on"),
    _("Valid until"),
    _("Summary page"),
]


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def header() -> list[str]:
    return [safe_cell(title) for title in HEADER]


def rows(declarations: Iterable[Declaration], *, today: datetime.date) -> Iterator[list[str]]:
    """One list of cells per declaration, in the order given, in the active language."""
    packages = dict(Package.Kind.choices)
    for declaration in declarations:
        row = row_of(declaration, today=today)
        summary = reverse("declarations:registry_summary", kwargs={"serial": declaration.serial})
        cells = [
            declaration.serial,
            row.vendor["name"]["ja"],
            row.vendor["name"]["en"],
            row.vendor["corporate_number"],
            row.product["name"],
            row.product["version"],
            packages.get(declaration.package.kind, declaration.package.kind),
            declaration.edition.label,
            row.status.label,
            timezone.localdate(declaration.attested_at).isoformat(),
            declaration.valid_until.isoformat() if declaration.valid_until else "",
            settings.SITE_URL + summary,
        ]
        yield [safe_cell(cell) for cell in cells]
