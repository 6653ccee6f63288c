"""Reads behind the request pages, each in a fixed number of queries.

Both lists start from ``requests_made`` / ``requests_received``: one queryset
each, so that what a list shows about every row (an annotation) is added in
one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from portal.models import Organization

from ..drafting.progress import Progress, progress_by_declaration
from ..models import Declaration, DeclarationRequest, RequestEvent
from . import lifecycle

R = DeclarationRequest.Status

# The list filters: name → statuses (None: every request).
FILTERS: dict[str, frozenset[str] | None] = {
    "all": None,
    "open": lifecycle.OPEN,
    "overdue": frozenset({R.OVERDUE}),
    "fulfilled": frozenset({R.FULFILLED}),
    "declined": frozenset({R.DECLINED}),
}


def _listed(requests: QuerySet[DeclarationRequest], show: str) -> QuerySet[DeclarationRequest]:
    statuses = FILTERS.get(show)
    if statuses is not None:
        requests = requests.filter(status__in=statuses)
    return (
        requests.select_related("procurer", "vendor", "product", "declaration", "requested_by")
        # A list shows a declaration's status and serial, never its record.
        .defer("declaration__canonical_json", "declaration__search_text")
        .order_by("-created_at", "-pk")
    )


def requests_made(organization: Organization, *, show: str = "all") -> QuerySet[DeclarationRequest]:
    """The procurer organization's requests, newest first."""
    return _listed(DeclarationRequest.objects.filter(procurer=organization), show)


def addressed_to(organization: Organization) -> Q:
    """The requests for ``organization``: those pointing at it, and — once it is an
    approved vendor — those made before it registered, by its corporate number."""
    addressed = Q(vendor=organization)
    if organization.is_vendor and organization.is_approved:
        addressed |= Q(vendor__isnull=True, corporate_number=organization.corporate_number)
    return addressed


def requests_received(
    organization: Organization, *, show: str = "all"
) -> QuerySet[DeclarationRequest]:
    """The requests the vendor organization received, newest first."""
    return _listed(DeclarationRequest.objects.filter(addressed_to(organization)), show)


def attach_progress(requests: Iterable[DeclarationRequest]) -> list[DeclarationRequest]:
    """The requests, each with ``progress`` (answered / total of the draft it follows,
    None when it follows no draft): one query for a whole page."""
    requests = list(requests)
    drafts = [r.declaration for r in requests if r.declaration and r.declaration.is_draft]
    progress = progress_by_declaration(drafts)
    for declaration_request in requests:
        draft = declaration_request.declaration
        declaration_request.progress = (  # type: ignore[attr-defined]
            progress.get(draft.pk, Progress()) if draft is not None and draft.is_draft else None
        )
    return requests


def history(declaration_request: DeclarationRequest) -> list[RequestEvent]:
    return list(declaration_request.events.select_related("actor"))


def initial_from_serial(serial: str) -> dict:
    """What a request for the product of the issued declaration ``serial`` starts with:
    its vendor's number, the product and the package (nothing for a bad serial)."""
    declaration = (
        Declaration.objects.issued()
        .with_serial(serial)
        .select_related("organization", "product", "package")
        .first()
    )
    if declaration is None or declaration.product.archived_at is not None:
        return {}
    return {
        "corporate_number": declaration.organization.corporate_number,
        "product": declaration.product,
        "package_kind": declaration.package.kind,
    }
