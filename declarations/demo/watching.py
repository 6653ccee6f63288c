"""The demo procurer watches the demo vendor, as a buyer who relies on it would."""

from __future__ import annotations

from portal.models import Organization, User

from ..models import Declaration, Watch
from ..services.watching import WatchTarget, watch


def seed_watch(*, user: User, organization: Organization) -> Watch | None:
    """``user`` watches ``organization`` (once), through one of its issued declarations."""
    declaration = Declaration.objects.issued().filter(organization=organization).first()
    if declaration is None:
        return None
    return watch(user=user, declaration=declaration, target=WatchTarget.VENDOR)
