"""The embeddable status badge: what it says, in both languages at once, and its size.

A badge sits on a vendor's site or in a procurement document whatever the
reader's language, so it always says both: 「自己適合宣言 | 標準 有効」 over
"Declaration | Standard · in force". Its colour follows the public status.
SVG has no text layout of its own, so the widths are estimated here (a full-width
character is one em, any other about 0.6) and the text is fitted to them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils import translation

from guidelines.models import Package

from ..models import Declaration
from .search import PublicStatus

FONT_SIZE = 11
PADDING = 8

COLOURS = {
    PublicStatus.IN_FORCE: "#146c43",
    PublicStatus.SUPERSEDED: "#8a5300",
    PublicStatus.EXPIRED: "#8a5300",
    PublicStatus.WITHDRAWN: "#b02a37",
    PublicStatus.REVOKED: "#b02a37",
}
NOT_FOUND_COLOUR = "#6c757d"
LABEL = ("自己適合宣言", "Declaration")


def badge_declaration(serial: str) -> Declaration | None:
    """The issued declaration with this serial, with only what its badge says: one query."""
    return (
        Declaration.objects.issued()
        .select_related("package")
        .only("serial", "status", "valid_until", "package__kind")
        .with_serial(serial)
        .first()
    )


def text_width(text: str, *, size: int = FONT_SIZE) -> int:
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)
    return round(ems * size)


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, str]  # Japanese over English
    colour: str
    x: int  # where the cell starts

    @property
    def text_widths(self) -> tuple[int, int]:
        return text_width(self.lines[0]), text_width(self.lines[1])

    @property
    def width(self) -> int:
        return max(self.text_widths) + 2 * PADDING

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Badge:
    label: Cell
    value: Cell
    title: str
    href: str
    found: bool

    @property
    def width(self) -> int:
        return self.label.width + self.value.width


def _label_cell() -> Cell:
    return Cell(LABEL, "#495057", 0)


def badge_for(*, serial: str, package_kind: str, status: PublicStatus, href: str) -> Badge:
    lines = []
    for language in ("ja", "en"):
        with translation.override(language):
            package = str(Package.Kind(package_kind).label)
            said = str(status.label)
        lines.append(f"{package} {said}" if language == "ja" else f"{package} · {said.lower()}")
    label = _label_cell()
    value = Cell((lines[0], lines[1]), COLOURS[status], label.width)
    title = f"{LABEL[0]} {serial}: {lines[0]} / Self-conformity declaration {serial}: {lines[1]}"
    return Badge(label=label, value=value, title=title, href=href, found=True)


def not_found_badge(*, href: str) -> Badge:
    label = _label_cell()
    value = Cell(("見つかりません", "not found"), NOT_FOUND_COLOUR, label.width)
    title = "自己適合宣言: 見つかりません / Self-conformity declaration: not found"
    return Badge(label=label, value=value, title=title, href=href, found=False)
