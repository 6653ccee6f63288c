"""Emails about review threads: each message to the other side's members, in their language.

Sent once per message, to the active members of the party that did not write
it (never to the author). They name the thread and link to it; the message
itself is read on the portal, behind its access check.
"""

from __future__ import annotations

from portal.emails import absolute_url, send
from portal.models import Organization

from ..models import ReviewMessage, ReviewThread


def _members(organization: Organization, *, besides) -> list:
    memberships = organization.memberships.select_related("user")
    return [
        m.user
        for m in memberships
        if m.user.is_active and (besides is None or m.user_id != besides.pk)
    ]


def message_posted(thread: ReviewThread, message: ReviewMessage, *, first: bool) -> None:
    """Tell the other side of ``thread`` that ``message`` was written."""
    to_vendor = message.side == ReviewMessage.Side.PROCURER
    other = thread.declaration.organization if to_vendor else thread.procurer
    writer = thread.procurer if to_vendor else thread.declaration.organization
    name = "review_thread_opened" if first else "review_message_posted"
    for user in _members(other, besides=message.author):
        url = absolute_url(
            "declarations:thread_detail", language=user.language, thread_pk=thread.pk
        )
        send(
            name,
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "thread": thread,
                "declaration": thread.declaration,
                "writer": writer,
                "url": url,
            },
        )
