"""The canonical record: what a declaration says, frozen at attestation.

The record is plain JSON data. It is serialised by RFC 8785, the JSON
Canonicalization Scheme (object keys sorted by UTF-16 code units, no
insignificant white space, numbers and strings in one fixed form), so that the
same content always gives the same bytes, and the SHA-256 of those bytes is the
declaration's digest. The bytes are stored as they were signed and embedded in
the PDF; anyone can recompute the digest from the attachment.

Rules for the content: dates are ISO 8601 (``YYYY-MM-DD``), times are UTC with
a ``Z`` suffix and whole seconds; absent values are ``null``; every answer is
keyed by its statement code.

Versions of the schema (the ``schema`` key; docs/record.md describes them):

- ``/1`` — the first.
- ``/2`` — every answer gains ``public_statement`` (``{"ja": …, "en": …}``, each
  possibly empty): what the registry shows anyone beside the status.
- ``/3`` — bilingual declarations: the record names its authoritative
  ``language`` (``ja`` or ``en``), and an answer's ``explanation``,
  ``evidence.text`` and ``remediation.plan`` become ``{"ja": …, "en": …}``; the
  text in the other language is a translation.

A record is never rewritten: one signed under ``/1`` stays ``/1`` and keeps
verifying, so every reader takes an answer without ``public_statement`` as one
with none (``registry.statements.public_statement``), and a record without
``language`` as a Japanese one whose texts are plain strings
(``documents.record_texts``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime
from typing import Any

import rfc8785
from django.conf import settings

from ..models import Answer, Declaration

SCHEMA = "jp-cyber-infrastructure-declaration/3"

# Unambiguous characters (no 0/O, 1/I/L) for serials people read aloud.
_SERIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_serial(today: date) -> str:
    """e.g. ``JPD-2026-7K3M-9QXD``: year, then 8 random characters."""
    token = "".join(secrets.choice(_SERIAL_ALPHABET) for _ in range(8))
    return f"JPD-{today:%Y}-{token[:4]}-{token[4:]}"


def utc_string(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bilingual(obj: Any, field: str) -> dict[str, str]:
    return {"ja": getattr(obj, f"{field}_ja") or "", "en": getattr(obj, f"{field}_en") or ""}


def _texts(answer: Answer, field: str) -> dict[str, str]:
    japanese, english = Answer.BILINGUAL_FIELDS[field]
    return {"ja": getattr(answer, japanese), "en": getattr(answer, english)}


def _answer(answer: Answer) -> dict[str, Any]:
    gap = answer.status in (Answer.Status.PARTIAL, Answer.Status.NOT_CONFORMANT)
    return {
        "title": _bilingual(answer.statement, "title"),
        "status": answer.status,
        "explanation": _texts(answer, "explanation"),
        "evidence": {"links": answer.evidence_link_list, "text": _texts(answer, "evidence")},
        "remediation": {
            "plan": _texts(answer, "remediation_plan"),
            "target_date": answer.target_date.isoformat() if answer.target_date else None,
        }
        if gap
        else None,
        "public_statement": _bilingual(answer, "public_statement"),
    }


def build_record(
    declaration: Declaration,
    *,
    answers: list[Answer],
    serial: str,
    signatory_name: str,
    signatory_title: str,
    attested_at: datetime,
    valid_until: date,
    supersedes: Declaration | None,
) -> dict[str, Any]:
    """The record of ``declaration`` with the given answers (those of its package)."""
    organization, product, edition, package = (
        declaration.organization,
        declaration.product,
        declaration.edition,
        declaration.package,
    )
    return {
        "schema": SCHEMA,
        "serial": serial,
        "language": declaration.language,
        "issuer": settings.SITE_URL,
        "guideline": {
            "edition": edition.label,
            "content_digest": edition.content_digest,
            "title": _bilingual(edition, "title"),
        },
        "organization": {
            "name": {"ja": organization.name_ja, "en": organization.name_en},
            "corporate_number": organization.corporate_number,
        },
        "product": {
            "name": product.name,
            "version": product.version,
            "kind": product.kind,
            "roles": sorted(product.roles),
            "url": product.url or None,
        },
        "package": {
            "kind": package.kind,
            "title": _bilingual(package, "title"),
            "statements": [a.statement.code for a in answers],
        },
        "answers": {a.statement.code: _answer(a) for a in answers},
        "signatory": {"name": signatory_name, "title": signatory_title},
        "attested_at": utc_string(attested_at),
        "valid_until": valid_until.isoformat(),
        "supersedes": supersedes.serial if supersedes else None,
    }


def canonical_bytes(record: dict[str, Any]) -> bytes:
    return rfc8785.dumps(record)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
