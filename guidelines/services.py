"""Operations on guideline editions: publish, retire, start a new draft."""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Category,
    Edition,
    FrozenEditionError,
    Package,
    PackageStatement,
    Reference,
    Responsibility,
    Statement,
    StatementReference,
)
from .provenance import origin, origins
from .queries import EDITIONS_VERSION_KEY, edition_content


class EditionError(Exception):
    """A guideline operation that is not allowed; the message is for people."""


def _bilingual(obj: Any, field: str) -> dict[str, str]:
    return {"ja": getattr(obj, f"{field}_ja") or "", "en": getattr(obj, f"{field}_en") or ""}


def serialize_edition(edition: Edition) -> dict[str, Any]:
    """The edition's content as plain data: the JSON API and the digest use it.

    The digest covers the content only (not the status, timestamps or the
    digest itself), so publishing does not change what it hashes.
    """
    content = edition_content(edition)
    membership: dict[int, list[dict[str, Any]]] = {}
    for row in content.memberships:
        membership.setdefault(row.package_id, []).append(
            {"statement": row.statement.code, **origin(row)}
        )
    packages_of: dict[int, list[str]] = {}
    for package in content.packages:
        for statement in package.statements.all():
            packages_of.setdefault(statement.pk, []).append(package.kind)
    links_of: dict[int, list[dict[str, Any]]] = {}
    for link in content.links:
        links_of.setdefault(link.statement_id, []).append(
            {
                "reference": link.reference.key,
                "locator": _bilingual(link, "locator"),
                "url": link.url,
                "source": link.source,
                "source_page": link.source_page,
                "note": _bilingual(link, "note"),
            }
        )
    return {
        "edition": edition.label,
        "title": _bilingual(edition, "title"),
        "kind": edition.kind,
        "issued_by": _bilingual(edition, "issued_by"),
        "issued_on": edition.issued_on.isoformat() if edition.issued_on else None,
        "provenance": origin(edition),
        "responsibilities": [
            {
                "number": r.number,
                "party": r.party,
                "title": _bilingual(r, "title"),
                "description": _bilingual(r, "description"),
                "provenance": origins(r),
            }
            for r in content.responsibilities
        ],
        "categories": [
            {
                "number": c.number,
                "responsibility": c.responsibility.number,
                "party": c.party,
                "title": _bilingual(c, "title"),
                "summary": _bilingual(c, "summary"),
                "provenance": origins(c),
                "statements": [
                    {
                        "code": s.code,
                        "title": _bilingual(s, "title"),
                        "description": _bilingual(s, "description"),
                        "classification": {
                            "alignment": s.alignment,
                            "effect": s.effect,
                            "difficulty": s.difficulty,
                        },
                        "packages": sorted(packages_of.get(s.pk, [])),
                        "references": links_of.get(s.pk, []),
                        "provenance": origins(s),
                    }
                    for s in c.statements.all()
                ],
            }
            for c in content.categories
        ],
        "packages": [
            {
                "kind": p.kind,
                "title": _bilingual(p, "title"),
                "description": _bilingual(p, "description"),
                "derivation": _bilingual(p, "derivation"),
                "statements": [s.code for s in p.statements.all()],
                "provenance": origins(p),
                "membership": membership.get(p.pk, []),
            }
            for p in content.packages
        ],
        "references": [
            {
                "key": r.key,
                "title": _bilingual(r, "title"),
                "publisher": _bilingual(r, "publisher"),
                "url": r.url,
                "alignment_basis": r.alignment_basis,
                "source": r.source,
                "source_page": r.source_page,
            }
            for r in content.references
        ],
    }


def compute_digest(edition: Edition) -> str:
    """SHA-256 over the RFC 8785 canonical JSON of the edition's content."""
    return hashlib.sha256(rfc8785.dumps(serialize_edition(edition))).hexdigest()


@transaction.atomic
def publish_edition(*, edition: Edition) -> Edition:
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != Edition.Status.DRAFT:
        raise EditionError(_("Only a draft edition can be published."))
    if not Statement.objects.filter(edition=edition).exists():
        raise EditionError(_("An edition without statements cannot be published."))
    edition.content_digest = compute_digest(edition)
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.save()
    forget_editions_version()
    return edition


@transaction.atomic
def retire_edition(*, edition: Edition) -> Edition:
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != Edition.Status.PUBLISHED:
        raise EditionError(_("Only a published edition can be retired."))
    edition.status = Edition.Status.RETIRED
    edition.save(update_fields=["status"])
    forget_editions_version()
    return edition


def forget_editions_version() -> None:
    """The guideline's cached pages are out of date: now, and again after the commit."""
    cache.delete(EDITIONS_VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(EDITIONS_VERSION_KEY))


def _copy(obj, **changes):
    """A new row with the same field values as obj, except the given ones."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@transaction.atomic
def start_draft_from(*, edition: Edition, label: str) -> Edition:
    """A new draft edition: a deep copy of ``edition`` under a new label."""
    if Edition.objects.filter(label=label).exists():
        raise EditionError(_("An edition with label %(label)s already exists.") % {"label": label})
    source_pk = edition.pk
    source = Edition.objects.get(pk=source_pk)
    draft = Edition(
        label=label,
        issued_on=None,
        status=Edition.Status.DRAFT,
        based_on=source,
        kind=source.kind,
        source=source.source,
        source_page=source.source_page,
        **{
            f"{field}_{lang}": getattr(source, f"{field}_{lang}")
            for field in ("title", "issued_by")
            for lang in ("ja", "en")
        },
    )
    draft.save()

    responsibilities = {
        r.pk: _copy(r, edition=draft) for r in Responsibility.objects.filter(edition_id=source_pk)
    }
    categories = {}
    for c in Category.objects.filter(edition_id=source_pk):
        old = c.pk
        categories[old] = _copy(
            c, edition=draft, responsibility=responsibilities[c.responsibility_id]
        )
    statements = {}
    for s in Statement.objects.filter(edition_id=source_pk):
        old = s.pk
        statements[old] = _copy(s, edition=draft, category=categories[s.category_id])
    for p in Package.objects.filter(edition_id=source_pk):
        members = list(
            PackageStatement.objects.filter(package=p).values_list(
                "statement_id", "source", "source_page"
            )
        )
        new_package = _copy(p, edition=draft)
        PackageStatement.objects.bulk_create(
            PackageStatement(
                package=new_package, statement=statements[sid], source=source, source_page=page
            )
            for sid, source, page in members
        )
    references = {}
    for r in Reference.objects.filter(edition_id=source_pk):
        old = r.pk
        references[old] = _copy(r, edition=draft)
    for link in StatementReference.objects.filter(edition_id=source_pk):
        _copy(
            link,
            edition=draft,
            statement=statements[link.statement_id],
            reference=references[link.reference_id],
        )
    return draft


__all__ = [
    "EditionError",
    "FrozenEditionError",
    "compute_digest",
    "publish_edition",
    "retire_edition",
    "serialize_edition",
    "start_draft_from",
]
