"""The reaction to a declaration's news: an email to each of its watchers, once.

Called by the one writer inside the act's transaction (publish, supersede,
withdraw, revoke), and by the daily task for a declaration 30 days from
expiry, with the declaration's row locked, so that two runs cannot both find
a watcher not yet told. A ``WatchNotice`` row per person, declaration and event
records each email as it goes into the outbox; whoever has one is skipped, so
a person watching both the product and its vendor, or a task run twice, gets
one email.
"""

from __future__ import annotations

import json

from django.db import transaction

from portal.emails import absolute_url, send

from ..models import Declaration, Watch, WatchNotice
from .queries import watches_covering
from .tokens import make_token

Event = WatchNotice.Event


def declaration_moved(declaration: Declaration, *, superseded: Declaration | None = None) -> int:
    """Tell the watchers of ``declaration`` about its new status; on a publication that
    superseded another, tell the older one's watchers too. The number of emails queued."""
    sent = notify(declaration, Event(declaration.status))
    if superseded is not None:
        sent += notify(superseded, Event.SUPERSEDED, successor=declaration)
    return sent


def notify(declaration: Declaration, event: str, *, successor: Declaration | None = None) -> int:
    """Email every active watcher of ``declaration`` not yet told of ``event``."""
    by_user: dict[int, list[Watch]] = {}
    users = {}
    for watch in watches_covering(declaration):
        if watch.user.is_active and watch.user.email:
            by_user.setdefault(watch.user_id, []).append(watch)
            users[watch.user_id] = watch.user
    if not by_user:
        return 0
    told = set(
        WatchNotice.objects.filter(
            declaration=declaration, event=event, user_id__in=list(by_user)
        ).values_list("user_id", flat=True)
    )
    due = [user_id for user_id in by_user if user_id not in told]
    with transaction.atomic():
        WatchNotice.objects.bulk_create(
            WatchNotice(user_id=user_id, declaration=declaration, event=event) for user_id in due
        )
        record = json.loads(declaration.canonical_json)
        for user_id in due:
            _email(users[user_id], by_user[user_id], declaration, record, event, successor)
    return len(due)


def _email(user, watches, declaration, record, event, successor) -> None:
    language = user.language
    product_watch = next((w for w in watches if w.product_id), None)
    send(
        "watch_event",
        to=user.email,
        language=language,
        context={
            "user": user,
            "event": event,
            "declaration": declaration,
            "product": record["product"],
            "vendor_name": _vendor_name(record, language),
            "successor": successor,
            "by_product": product_watch is not None,
            "url": absolute_url(
                "declarations:registry_summary", language=language, serial=declaration.serial
            ),
            "watch_list_url": absolute_url("declarations:watch_list", language=language),
            "unsubscribe_url": absolute_url(
                "declarations:unsubscribe",
                language=language,
                token=make_token(user.pk, [w.pk for w in watches]),
            ),
        },
    )


def _vendor_name(record, language: str) -> str:
    names = record["organization"]["name"]
    return (language == "en" and names.get("en")) or names["ja"]
