"""What the registry tells anyone about an issued declaration, as plain data.

Read from the signed record, not from live rows: a vendor may rename itself or
its product after attestation, but the registry shows what was declared (as
its search does). The row adds only what happened since: the public status and
the declaration that superseded it. Of the answers it tells each statement's
status and public statement; explanations, evidence and remediation plans are
never part of it: who may read those is ``access.may_read_answers``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from guidelines.models import Statement

from ..documents.record_texts import record_language
from ..models import Answer, Declaration
from .search import public_status
from .statements import public_statement

ANSWER_STATUSES = tuple(Answer.Status.values)


def record_of(declaration: Declaration) -> dict[str, Any]:
    """The canonical record as it was signed."""
    return json.loads(declaration.canonical_json)


def links(serial: str) -> dict[str, str]:
    """Absolute URLs of the declaration's public pages, in the default language."""
    with translation.override(None):
        return {
            name: settings.SITE_URL + reverse(viewname, args=[serial])
            for name, viewname in (
                ("summary", "declarations:registry_summary"),
                ("badge", "declarations:registry_badge"),
                ("verification", "verification:serial"),
                ("cyclonedx", "declarations:registry_cyclonedx"),
            )
        }


def public_entry(
    declaration: Declaration, *, today: datetime.date, record: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One registry row. ``declaration`` comes with ``superseded_by`` selected."""
    record = record if record is not None else record_of(declaration)
    organization, product = record["organization"], record["product"]
    # A reverse one-to-one raises when absent; select_related caches the absence.
    successor = getattr(declaration, "superseded_by", None)
    return {
        "serial": declaration.serial,
        "vendor": {
            "name": organization["name"],
            "corporate_number": organization["corporate_number"],
        },
        "product": {
            "name": product["name"],
            "version": product["version"],
            "kind": product["kind"],
            "vendor_roles": product["roles"],
        },
        "package": record["package"]["kind"],
        "guideline_edition": record["guideline"]["edition"],
        "status": public_status(declaration, today=today).value,
        "attested_at": record["attested_at"],
        "valid_until": record["valid_until"],
        "supersedes": record["supersedes"],
        "superseded_by": successor.serial if successor is not None else None,
        "digest": declaration.digest,
        "language": record_language(record),
        "links": links(declaration.serial or ""),
    }


def public_summary(declaration: Declaration, *, today: datetime.date) -> dict[str, Any]:
    """The row, with each statement's answer status and their counts per category.

    One query, for the categories of the edition's statements (guideline data,
    frozen with the edition).
    """
    record = record_of(declaration)
    codes: list[str] = record["package"]["statements"]
    statements = {
        s.code: s
        for s in Statement.objects.filter(
            edition_id=declaration.edition_id, code__in=codes
        ).select_related("category")
    }
    categories: dict[int, dict[str, Any]] = {}
    rows = []
    for code in codes:
        category = statements[code].category
        answer = record["answers"][code]
        status = answer["status"]
        entry = categories.setdefault(
            category.number,
            {
                "number": category.number,
                "title": {lang: getattr(category, f"title_{lang}") or "" for lang in ("ja", "en")},
                "counts": dict.fromkeys(ANSWER_STATUSES, 0),
            },
        )
        entry["counts"][status] += 1
        rows.append(
            {
                "code": code,
                "category": category.number,
                "status": status,
                "public_statement": public_statement(answer),
            }
        )
    return {
        **public_entry(declaration, today=today, record=record),
        "categories": [categories[number] for number in sorted(categories)],
        "statements": rows,
    }


def issued_declaration(serial: str) -> Declaration | None:
    """The issued declaration with this serial (any case), ready for ``public_summary``."""
    issued = Declaration.objects.issued().select_related("superseded_by")
    return issued.with_serial(serial).first()
