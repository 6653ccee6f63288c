"""Which declarations a reader asked to compare: serials from the query string.

The registry's checkboxes and the compare page share one parameter,
``compare``, repeated once per serial. Whatever arrives there — nothing, one
value, a hundred, NUL bytes, a pasted paragraph — becomes a ``Selection`` and,
when it cannot be compared, messages that say why; never an error page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Declaration, normalise_serial

PARAMETER = "compare"
MIN_DECLARATIONS = 2
MAX_DECLARATIONS = 6
# More values than this are not read at all (a query string of ten thousand serials).
MAX_VALUES = 50
SHOWN_LENGTH = 40


@dataclass(frozen=True)
class Selection:
    serials: list[str]  # normalised, each once, in the order given
    unreadable: list[str]  # values that cannot be serials, made printable and shortened
    given: int = 0  # how many values were sent

    @property
    def empty(self) -> bool:
        return not self.serials and not self.unreadable


def printable(value: str) -> str:
    """A value as it may be shown back: no control characters, at most a few dozen."""
    text = "".join(c for c in value if unicodedata.category(c)[0] != "C").strip()
    return text[:SHOWN_LENGTH] + ("…" if len(text) > SHOWN_LENGTH else "")


def read_selection(values: Sequence[str]) -> Selection:
    serials: list[str] = []
    unreadable: list[str] = []
    for value in values[:MAX_VALUES]:
        if not value.strip():
            continue
        serial = normalise_serial(value)
        if serial is None:
            unreadable.append(printable(value) or "?")
        elif serial not in serials:
            serials.append(serial)
    return Selection(serials, unreadable, given=sum(1 for value in values if value.strip()))


def problems(selection: Selection, found: Mapping[str, Declaration]) -> list[str]:
    """Why this selection cannot be compared, worded for the reader; empty if it can."""
    messages = []
    if selection.unreadable:
        messages.append(
            _("These are not serial numbers: %(values)s.")
            % {"values": ", ".join(selection.unreadable)}
        )
    unknown = [s for s in selection.serials if s not in found]
    if unknown:
        # Drafts have no serial and other declarations are public: "not in the registry"
        # is true for every one of them, and tells nobody whether a draft exists.
        messages.append(
            ngettext(
                "No declaration in the registry has the serial number %(serials)s.",
                "No declaration in the registry has the serial numbers %(serials)s.",
                len(unknown),
            )
            % {"serials": ", ".join(unknown)}
        )
    count = len(selection.serials)
    if selection.given > MAX_VALUES:
        count = selection.given  # only the first MAX_VALUES were read
    if count > MAX_DECLARATIONS:
        messages.append(
            _("Compare at most %(max)d declarations at a time; you chose %(count)d.")
            % {"max": MAX_DECLARATIONS, "count": count}
        )
    elif count < MIN_DECLARATIONS and not messages:
        messages.append(
            _("Choose at least %(min)d declarations to compare.") % {"min": MIN_DECLARATIONS}
        )
    return messages
