"""What a published declaration does to the requests it answers.

``fulfil_requests`` is called by ``services.declarations.attest_declaration``
inside the attestation's transaction, so a request is fulfilled exactly when
the declaration is published, or not at all.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from guidelines.models import Package

from ..models import Declaration, DeclarationRequest
from . import emails, lifecycle

R = DeclarationRequest.Status
K = Package.Kind

# Standard holds every statement of the guideline's operator categories,
# Minimum a subset of them: a Standard declaration answers a Minimum request too.
ANSWERED_BY: dict[str, frozenset[str]] = {
    K.MINIMUM: frozenset({K.MINIMUM, K.STANDARD}),
    K.STANDARD: frozenset({K.STANDARD}),
}


def answers(declaration: Declaration, package_kind: str) -> bool:
    return declaration.package.kind in ANSWERED_BY.get(package_kind, frozenset())


def declaration_in_force(
    *, product_id: int, package_kind: str, today: datetime.date
) -> Declaration | None:
    """The product's published, still valid declaration that answers ``package_kind``."""
    return (
        Declaration.objects.published()
        .filter(
            product_id=product_id,
            package__kind__in=ANSWERED_BY.get(package_kind, ()),
            valid_until__gte=today,
        )
        .select_related("package")
        .order_by("-attested_at", "-pk")
        .first()
    )


def fulfil(declaration_request: DeclarationRequest, declaration: Declaration, *, actor=None):
    """Fulfil one request with ``declaration`` and tell the procurer."""
    fulfilled = lifecycle.move(
        declaration_request,
        to=R.FULFILLED,
        actor=actor,
        declaration=declaration,
        vendor_id=declaration.organization_id,
    )
    emails.request_fulfilled(fulfilled)
    return fulfilled


def fulfil_requests(declaration: Declaration, *, actor=None) -> int:
    """Fulfil every open request the just-published ``declaration`` answers: the ones
    following it, and the others asking for its product in a package it covers."""
    waiting = DeclarationRequest.objects.filter(status__in=lifecycle.OPEN).filter(
        Q(declaration=declaration) | Q(product_id=declaration.product_id)
    )
    done = 0
    for declaration_request in waiting.select_related("procurer", "requested_by"):
        if answers(declaration, declaration_request.package_kind):
            fulfil(declaration_request, declaration, actor=actor)
            done += 1
    return done
