"""The home page: for a signed-in person, a block for each role they hold.

Which blocks come from ``access.home_roles``; each block's rows are a few reads
from the room that owns them, a handful of rows each, with a link to the full
list. Anyone without a role (and anyone signed out) gets the portal's
introduction, as before.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from guidelines.queries import latest_published_edition
from portal.models import Membership, Organization

from ..access import Act, HomeRoles, home_roles
from ..drafting.progress import attach_progress
from ..models import Declaration
from ..requests.queries import requests_made, requests_received
from ..reviews.queries import open_threads_on
from ..watching.queries import watches_of

# Rows per block: the home is a summary; the full lists are one click away.
HOME_ROWS = 5
# How far ahead the vendor's home warns of declarations that run out.
EXPIRING_WITHIN = timedelta(days=60)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    roles = home_roles(request.user)
    if not roles.any:
        return render(request, "portal/home.html", {"edition": latest_published_edition()})
    context: dict = {"roles": roles}
    if roles.vendor is not None:
        context["vendor"] = _vendor_blocks(roles.vendor, roles)
    if roles.procurer is not None:
        context["procurer"] = _procurer_blocks(roles.procurer)
    if roles.staff:
        context["staff"] = _staff_blocks()
    return render(request, "declarations/home.html", context)


def _vendor_blocks(membership: Membership, roles: HomeRoles) -> dict:
    organization = membership.organization
    drafts = attach_progress(
        Declaration.objects.drafts()
        .filter(organization=organization)
        .select_related("product", "package")
        .order_by("-updated_at", "-pk")[:HOME_ROWS]
    )
    complete = [d for d in drafts if _is_complete(d)]
    return {
        "organization": organization,
        "drafts": drafts,
        # The draft a signatory can sign now, one an editor can go on with.
        "ready": complete[0] if complete else None,
        "unfinished": next((d for d in drafts if d not in complete), None),
        "may_attest": roles.vendor_may(Act.ATTEST),
        "may_edit": roles.vendor_may(Act.EDIT),
        "requests": list(requests_received(organization, show="open")[:HOME_ROWS]),
        "expiring": list(
            Declaration.objects.expiring_by(timezone.localdate() + EXPIRING_WITHIN)
            .filter(organization=organization)
            .select_related("product")
            .defer("canonical_json", "search_text")[:HOME_ROWS]
        ),
        "expiring_days": EXPIRING_WITHIN.days,
        "threads": list(open_threads_on(organization)[:HOME_ROWS]),
    }


def _is_complete(draft: Declaration) -> bool:
    progress = getattr(draft, "progress", None)  # attached by attach_progress
    return progress is not None and progress.is_complete


def _procurer_blocks(membership: Membership) -> dict:
    organization = membership.organization
    return {
        "organization": organization,
        "requests": list(requests_made(organization)[:HOME_ROWS]),
        "watches": list(watches_of(membership.user)[:HOME_ROWS]),
    }


def _staff_blocks() -> dict:
    return {
        "organizations": list(Organization.objects.awaiting_approval()[:HOME_ROWS]),
        "failed_pdfs": list(
            Declaration.objects.pdf_failed()
            .select_related("organization", "product")
            .defer("canonical_json", "search_text")[:HOME_ROWS]
        ),
    }
