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

import secrets

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from guidelines.pagecache import cached_page

from ..models import normalise_serial

__all__ = ["cached_page", "declaration_version", "forget_declaration"]


def _generation_key(serial: str) -> str:
    return f"declaration-generation:{serial}"


def declaration_version(
    request: HttpRequest, *args: object, serial: str = "", **kwargs
) -> str | None:
    """The key part of a declaration's public pages: serial, generation, today."""
    canonical = normalise_serial(serial)
    if canonical is None:
        return None
    key = _generation_key(canonical)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        generation = cache.get(key)
    if generation is None:  # a cache that keeps nothing (dummy, full): never serve from it
        return None
    return f"{canonical}:{generation}:{timezone.localdate():%Y%m%d}"


def forget_declaration(serial: str | None) -> None:
    """Once the transaction commits, no cached page of ``serial`` is served again."""
    if serial:
        key = _generation_key(serial)
        # At once, so that this transaction's own reads see the change (and tests,
        # whose transactions never commit); again after the commit, since a reader
        # in between may have cached what the database said before it.
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
