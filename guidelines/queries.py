"""Reads of guideline content that recur, each in a fixed number of queries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from .models import (
    Category,
    Edition,
    Package,
    PackageStatement,
    Reference,
    Responsibility,
    Statement,
    StatementReference,
)
from .pagecache import Version


@dataclass
class EditionContent:
    edition: Edition
    responsibilities: list[Responsibility]
    categories: list[Category]
    packages: list[Package]
    references: list[Reference]
    links: list[StatementReference]
    # Each statement's place in each package, with where that place comes from.
    memberships: list[PackageStatement]

    @property
    def statements(self) -> list[Statement]:
        return [s for c in self.categories for s in c.statements.all()]


def edition_content(edition: Edition) -> EditionContent:
    ordered_statements = Statement.objects.order_by("position")
    return EditionContent(
        edition=edition,
        responsibilities=list(Responsibility.objects.filter(edition=edition)),
        categories=list(
            Category.objects.filter(edition=edition)
            .select_related("responsibility")
            .prefetch_related(
                Prefetch(
                    "statements",
                    queryset=ordered_statements.prefetch_related("packages"),
                )
            )
        ),
        packages=list(
            Package.objects.filter(edition=edition).prefetch_related(
                Prefetch(
                    "statements",
                    queryset=Statement.objects.order_by("category__number", "position"),
                )
            )
        ),
        references=list(Reference.objects.filter(edition=edition)),
        links=list(StatementReference.objects.filter(edition=edition).select_related("reference")),
        memberships=list(
            PackageStatement.objects.filter(package__edition=edition)
            .select_related("statement")
            .order_by("statement__category__number", "statement__position")
        ),
    )


def published_editions():
    return Edition.objects.exclude(status=Edition.Status.DRAFT)


EDITIONS_VERSION_KEY = "guideline-editions-version"


def editions_version() -> str:
    """Changes when an edition is published or retired: the key of the guideline's cached pages.

    A digest over every published edition's label, status and content digest,
    itself cached (``services`` forgets it when an edition is published or
    retired; it expires after five minutes whatever happens).
    """

    def compute() -> str:
        rows = published_editions().order_by("pk").values_list("label", "status", "content_digest")
        return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]

    return str(cache.get_or_set(EDITIONS_VERSION_KEY, compute, timeout=300))


def editions_page_version(request: HttpRequest, *args: object, **kwargs: object) -> Version:
    """The version of every cached guideline page (``pagecache.cached_page``'s key)."""
    return Version(key=EDITIONS_VERSION_KEY, make=editions_version)


def latest_published_edition() -> Edition | None:
    return (
        Edition.objects.filter(status=Edition.Status.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )


def get_published_edition(label: str | None) -> Edition:
    """The named published (or retired) edition, or the latest published one."""
    if label is None:
        edition = latest_published_edition()
    else:
        edition = published_editions().filter(label=label).first()
    if edition is None:
        raise Http404(_("No such published guideline edition."))
    return edition
