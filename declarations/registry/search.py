"""Finding issued declarations: folded text search, filters, sorting, the public status.

People type vendor and product names as they remember them — full-width or
half-width, katakana or hiragana, with or without a long-vowel mark — so the
searchable text is *folded* once, at attestation, from the signed record, and
every query is folded the same way. On PostgreSQL a trigram index makes the
substring search fast; SQLite scans.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import Declaration

S = Declaration.Status

# Small kana read as their full-size letters (ァ and ア are one sound to a searcher).
_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
# Marks people type or leave out at will: the long vowel, the middle dot, spaces.
_DROPPED = dict.fromkeys(map(ord, "ー－-・･ 　\t\n\r"), None)


def fold(text: str) -> str:
    """Text reduced to what a search should compare (idempotent)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Katakana → hiragana (the two blocks are 0x60 apart).
    text = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    return text.translate(_SMALL).translate(_DROPPED)


def search_text_of(record: dict[str, Any]) -> str:
    """The folded text a declaration is found by: from its signed record, never live rows."""
    parts = [
        record["serial"],
        record["organization"]["name"]["ja"],
        record["organization"]["name"]["en"],
        record["organization"]["corporate_number"],
        record["product"]["name"],
        record["product"]["version"],
    ]
    # One entry per part, separated, so that a query never matches across two.
    return "\n".join(fold(part) for part in parts if part)


class PublicStatus(models.TextChoices):
    """What the registry says about a declaration today."""

    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


def public_status(declaration: Declaration, *, today: datetime.date) -> PublicStatus:
    """Published but past its validity counts as expired, even before the daily task runs."""
    if declaration.status == S.PUBLISHED:
        in_force = declaration.valid_until is None or declaration.valid_until >= today
        return PublicStatus.IN_FORCE if in_force else PublicStatus.EXPIRED
    return PublicStatus(declaration.status)


def days_left(declaration: Declaration, *, today: datetime.date) -> int | None:
    """Days until the validity ends, for a declaration in force; None otherwise."""
    if public_status(declaration, today=today) != PublicStatus.IN_FORCE:
        return None
    return (declaration.valid_until - today).days if declaration.valid_until else None


@dataclass(frozen=True)
class Row:
    """One declaration as a registry list shows it: what it is today, and who declared
    what as the signed record says (the live organization and product may have changed)."""

    declaration: Declaration
    status: PublicStatus
    days_left: int | None
    vendor: dict[str, Any]  # {"name": {"ja", "en"}, "corporate_number"}
    product: dict[str, Any]  # {"name", "version", …}


def row_of(declaration: Declaration, *, today: datetime.date) -> Row:
    record = json.loads(declaration.canonical_json)
    return Row(
        declaration=declaration,
        status=public_status(declaration, today=today),
        days_left=days_left(declaration, today=today),
        vendor=record["organization"],
        product=record["product"],
    )


def rows_of(declarations: Iterable[Declaration], *, today: datetime.date) -> list[Row]:
    return [row_of(d, today=today) for d in declarations]


def _status_filter(status: str, today: datetime.date) -> Q:
    published = Q(status=S.PUBLISHED)
    if status == PublicStatus.IN_FORCE:
        return published & Q(valid_until__gte=today)
    if status == PublicStatus.EXPIRED:
        return Q(status=S.EXPIRED) | (published & Q(valid_until__lt=today))
    return Q(status=status)


# Every sort ends on the primary key, so that pages never overlap or skip.
SORTS: dict[str, tuple[str, ...]] = {
    "-published": ("-attested_at", "-pk"),
    "published": ("attested_at", "pk"),
    "-valid_until": ("-valid_until", "-pk"),
    "valid_until": ("valid_until", "pk"),
    "vendor": ("organization__name_ja", "-attested_at", "-pk"),
    "-vendor": ("-organization__name_ja", "-attested_at", "-pk"),
}
DEFAULT_SORT = "-published"


@dataclass(frozen=True)
class RegistrySearch:
    """One search of the registry; empty fields filter nothing. Values are already valid."""

    q: str = ""
    package: str = ""  # a Package.Kind
    status: str = ""  # a PublicStatus
    edition: str = ""  # an edition label
    product_kind: str = ""  # a Product.Kind
    vendor_role: str = ""  # a Product.VendorRole
    sort: str = DEFAULT_SORT


def registry_declarations(search: RegistrySearch, *, today: datetime.date) -> QuerySet[Declaration]:
    """The issued declarations that match ``search``, in its order, with what a row shows."""
    declarations = Declaration.objects.issued().select_related(
        "organization", "product", "package", "edition", "superseded_by"
    )
    words = [fold(word) for word in search.q.split()]
    for word in filter(None, words):
        declarations = declarations.filter(search_text__contains=word)
    if search.package:
        declarations = declarations.filter(package__kind=search.package)
    if search.status:
        declarations = declarations.filter(_status_filter(search.status, today))
    if search.edition:
        declarations = declarations.filter(edition__label=search.edition)
    if search.product_kind:
        declarations = declarations.filter(product__kind=search.product_kind)
    if search.vendor_role:
        # roles is a JSON list; its text holds each role in quotes on every database.
        declarations = declarations.filter(product__roles__icontains=f'"{search.vendor_role}"')
    order = SORTS.get(search.sort, SORTS[DEFAULT_SORT])
    if (get_language() or "").startswith("en"):  # vendors by their English names in English
        order = tuple(field.replace("name_ja", "name_en") for field in order)
    return declarations.order_by(*order)
