"""The reads behind watching: whose watches cover a declaration, and one person's list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from portal.models import User

from ..models import Declaration, Watch


def watches_covering(declaration: Declaration) -> QuerySet[Watch]:
    """Every watch of the declaration's product or of its vendor, with its user."""
    return Watch.objects.filter(
        Q(product_id=declaration.product_id) | Q(organization_id=declaration.organization_id)
    ).select_related("user")


def watches_of(user: User) -> QuerySet[Watch]:
    """The user's watches, newest first, each with the serial of the newest issued
    declaration it covers (``latest_serial``), in one query."""
    issued = Declaration.objects.issued().order_by("-attested_at", "-pk").values("serial")
    return (
        Watch.objects.filter(user=user)
        .select_related("product__organization", "organization")
        .annotate(
            product_serial=Subquery(issued.filter(product_id=OuterRef("product_id"))[:1]),
            vendor_serial=Subquery(issued.filter(organization_id=OuterRef("organization_id"))[:1]),
        )
    )


@dataclass(frozen=True)
class WatchState:
    """What a declaration's public page shows of the reader's watches."""

    product: Watch | None
    vendor: Watch | None


def watch_state(user, declaration: Declaration) -> WatchState | None:
    """The reader's watches of the declaration's product and vendor; None when signed out."""
    if not user.is_authenticated:
        return None
    product = vendor = None
    for watch in Watch.objects.filter(user=user).filter(
        Q(product_id=declaration.product_id) | Q(organization_id=declaration.organization_id)
    ):
        if watch.product_id:
            product = watch
        else:
            vendor = watch
    return WatchState(product=product, vendor=vendor)
