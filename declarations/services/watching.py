"""Watching: start and stop watching a product or a vendor, and the daily expiry notices.

Anyone signed in may watch what the registry shows: a product or a vendor
with at least one issued declaration (the pages reach them through a serial).
The emails themselves are ``watching.notices``; the acts of
``services.declarations`` call it, and ``send_watch_expiry_notices`` here
does for the daily task.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from portal.models import User

from ..errors import DeclarationError
from ..models import Declaration, Watch
from ..watching import notices
from ..watching.tokens import Unsubscription
from .declarations import REMINDER_DAYS


class WatchTarget:
    PRODUCT = "product"
    VENDOR = "vendor"
    CHOICES = (PRODUCT, VENDOR)


def watch(*, user: User, declaration: Declaration, target: str) -> Watch:
    """Watch the product or the vendor of an issued declaration (again: nothing new)."""
    if not user.is_authenticated or not user.is_active:
        raise DeclarationError(_("Sign in to watch."))
    if declaration.is_draft:
        raise DeclarationError(_("Only what the registry shows can be watched."))
    if target not in WatchTarget.CHOICES:
        raise DeclarationError(_("Choose the product or the provider to watch."))
    what: dict[str, Any] = (
        {"product_id": declaration.product_id}
        if target == WatchTarget.PRODUCT
        else {"organization_id": declaration.organization_id}
    )
    try:
        with transaction.atomic():
            found, _created = Watch.objects.get_or_create(user=user, **what)
    except IntegrityError:  # the same click twice at once
        found = Watch.objects.get(user=user, **what)
    return found


def unwatch(*, user: User, watch: Watch) -> None:
    if watch.user_id != user.pk:
        raise DeclarationError(_("This is not one of your watches."))
    Watch.objects.filter(pk=watch.pk).delete()


def unsubscribe(*, unsubscription: Unsubscription) -> int:
    """Stop the watches a signed link names, of the person it names; how many there were."""
    deleted, _by_model = Watch.objects.filter(
        user_id=unsubscription.user_id, pk__in=unsubscription.watch_ids
    ).delete()
    return deleted


def send_watch_expiry_notices(*, today: date) -> int:
    """Tell watchers once about each declaration in force that ends within 30 days.

    Idempotent: each declaration is handled with its row locked, and its notices
    record who was told, so a second run (or two beats at once) sends nothing more.
    A watch started inside the 30 days still hears of it at the next run.
    """
    due = (
        Declaration.objects.published()
        .filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=REMINDER_DAYS))
        .filter(
            Exists(Watch.objects.filter(product_id=OuterRef("product_id")))
            | Exists(Watch.objects.filter(organization_id=OuterRef("organization_id")))
        )
        .order_by("valid_until", "pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            declaration = Declaration.objects.select_for_update().get(pk=pk)
            if declaration.status == Declaration.Status.PUBLISHED:
                sent += notices.notify(declaration, notices.Event.EXPIRING)
    return sent
