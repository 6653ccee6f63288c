"""One-click unsubscribe links: the watches an email was sent for, signed.

The link works without signing in, so it names its watches and their owner
inside a ``django.core.signing`` signature; anything else in its place (a
changed character, another salt, a truncated link) is refused. It does not
expire: an old email's link should still stop the emails it brought.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core import signing

SALT = "declarations.watching.unsubscribe"
# Longer than any token this module makes; more is not worth unsigning.
MAX_LENGTH = 400


@dataclass(frozen=True)
class Unsubscription:
    user_id: int
    watch_ids: tuple[int, ...]


def make_token(user_id: int, watch_ids: Sequence[int]) -> str:
    return signing.dumps({"u": user_id, "w": sorted(watch_ids)}, salt=SALT, compress=True)


def read_token(token: str) -> Unsubscription | None:
    """What a link unsubscribes from, or None if it is not one of ours."""
    if not token or len(token) > MAX_LENGTH:
        return None
    try:
        data = signing.loads(token, salt=SALT)
        user_id = data["u"]
        watch_ids = tuple(data["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or not all(isinstance(pk, int) for pk in watch_ids):
        return None
    return Unsubscription(user_id=user_id, watch_ids=watch_ids)
