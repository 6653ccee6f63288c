"""A declaration's public pages, cached whole until its status or its PDF changes.

Each serial has a *generation* in the cache, a random token that is part of
the key of every cached page about it (verify, registry summary, badge, read
API). Changing the declaration forgets the generation, at once and again once
the transaction has committed; the next reader draws a new one, and the pages cached under the old
one are never read again (they expire). A reader that read the database just
before the commit and stores its page just after stores it under the old
generation: unreachable, so never stale. Today's date is part of the key too:
a declaration past its validity reads as expired from midnight on.
"""

from __future__ import annotations

import functools
import secrets

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from guidelines.pagecache import Version, cached_page

from ..models import normalise_serial

__all__ = ["cached_page", "declaration_version", "forget_declaration"]


def _generation_key(serial: str) -> str:
    return f"declaration-generation:{serial}"


def declaration_version(
    request: HttpRequest, *args: object, serial: str = "", **kwargs
) -> Version | None:
    """What a declaration's public pages depend on: its generation; its serial and today."""
    canonical = normalise_serial(serial)
    if canonical is None:
        return None
    key = _generation_key(canonical)
    return Version(
        key=key,
        make=functools.partial(_draw_generation, key),
        scope=f"{canonical}:{timezone.localdate():%Y%m%d}",
    )


def _draw_generation(key: str) -> str | None:
    """A new generation, unless another reader drew one first; None from a cache that
    keeps nothing (dummy, full): then no page is served from it."""
    cache.add(key, secrets.token_hex(8), timeout=None)
    return cache.get(key)


def forget_declaration(serial: str | None) -> None:
    """Once the transaction commits, no cached page of ``serial`` is served again."""
    if serial:
        key = _generation_key(serial)
        # At once, so that this transaction's own reads see the change (and tests,
        # whose transactions never commit); again after the commit, since a reader
        # in between may have cached what the database said before it.
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
