"""Public pages kept whole in Django's cache (Redis in production), with ETags.

A page that is the same for every anonymous visitor (a declaration's verify
page, its registry summary, its badge, the guideline) is rendered once per
*version* of what it shows and then served from the cache: no query, no
template. The caller names the version (``key`` gives a ``Version``): the cache
entry that changes when the page must (the guideline's editions digest, a
declaration's generation, see ``declarations.caching``), read in the same
round trip as the page, and what else the page depends on.

Only the anonymous rendering is ever stored or served: a signed-in visitor, a
request with credentials (``Authorization``) or with a message waiting gets the
live view, marked ``Cache-Control: private``. A page holding a CSRF token (a
form that changes something) is personal, so it is never stored: the cached
pages have none (the language switch is a link, verification needs no token).

It lives in the lowest app so that every app's pages can use it; it knows no model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

# What {% csrf_token %} writes: a page with it is the visitor's own.
_CSRF_INPUT = b'name="csrfmiddlewaretoken"'
# Headers the view sets that belong to the page, not to this one response.
_DROPPED_HEADERS = {"set-cookie", "vary", "cache-control", "etag"}
# Long enough to matter, short enough that a key forgotten by mistake heals itself.
TIMEOUT = 15 * 60


@dataclass(frozen=True)
class Version:
    """What a page's cached copy must match to be served.

    ``key`` names the cache entry whose value changes, or is forgotten, when what
    the page shows changes; ``make`` gives (and stores) its value when it is
    missing, or None for a cache that keeps nothing. ``scope`` is the rest of
    what the page depends on (a serial, today's date), part of the page's key.
    """

    key: str
    make: Callable[[], str | None]
    scope: str = ""


Key = Callable[..., "Version | None"]


@dataclass(frozen=True)
class Stored:
    """A page as kept in the cache, with the version it was rendered at."""

    version: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    frame_exempt: bool


def is_anonymous_request(request: HttpRequest) -> bool:
    """May this request get (and make) the shared rendering?"""
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    # A message waiting would be shown on (and stored with) the page.
    return not hasattr(request, "_messages") or len(get_messages(request)) == 0


def _cache_key(request: HttpRequest, scope: str) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"cached-page:{scope}:{translation.get_language()}:{digest}"


def _store(response: HttpResponse, version: str) -> Stored:
    headers = tuple(
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in _DROPPED_HEADERS
    )
    return Stored(
        version=version,
        content=response.content,
        headers=headers,
        etag=f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
        frame_exempt=getattr(response, "xframe_options_exempt", False),
    )


def _serve(stored: Stored) -> HttpResponse:
    response = HttpResponse(stored.content)
    for name, value in stored.headers:
        response[name] = value
    if stored.frame_exempt:
        response.xframe_options_exempt = True
    return response


def _finish(request: HttpRequest, response: HttpResponse, stored: Stored, vary, control):
    response["ETag"] = stored.etag
    patch_cache_control(response, **control)
    if vary:
        patch_vary_headers(response, vary)
    return get_conditional_response(request, etag=stored.etag, response=response) or response


def cached_page(key: Key, *, max_age: int = 0, public: bool = False, same_for_all: bool = False):
    """Serve the view's anonymous rendering from the cache, under ``key(request, **kwargs)``.

    ``key`` returns the ``Version`` of what the page shows, or None for "do not cache".
    ``max_age`` and ``public`` are what browsers and shared caches are told (an
    HTML page is not ``public``: a signed-in visitor's, under the same URL, is theirs).
    ``same_for_all``: the view never reads who asks (a badge, the guideline as
    JSON), so everyone gets the cached copy and no session is even looked at.
    """
    # Otherwise shared caches keep one copy per cookie and per credentials: never a procurer's.
    vary = () if same_for_all else ("Cookie", "Authorization")
    control: dict[str, Any] = {"max_age": max_age}
    control.update(public=True) if public else control.update(private=True)
    if not max_age:
        control["must_revalidate"] = True

    def decorator(view: Callable[..., HttpResponseBase]):
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method not in ("GET", "HEAD") or not (
                same_for_all or is_anonymous_request(request)
            ):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                return response
            version = key(request, *args, **kwargs)
            if version is None:
                return view(request, *args, **kwargs)
            cache_key = _cache_key(request, version.scope)
            # One round trip: the version and the page together.
            found = cache.get_many([version.key, cache_key])
            current, stored = found.get(version.key), found.get(cache_key)
            if current is not None and isinstance(stored, Stored) and stored.version == current:
                return _finish(request, _serve(stored), stored, vary, control)
            if current is None and (current := version.make()) is None:
                return view(request, *args, **kwargs)
            # Rendered after the version was read: a change in between forgets that
            # version, so this copy, stored under it, is never served.
            response = view(request, *args, **kwargs)
            if (
                response.status_code != 200
                or response.streaming
                or response.cookies
                or not isinstance(response, HttpResponse)
            ):
                return response
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            if _CSRF_INPUT in response.content:
                patch_cache_control(response, private=True)
                return response
            stored = _store(response, current)
            cache.set(cache_key, stored, TIMEOUT)
            return _finish(request, response, stored, vary, control)

        return wrapper

    return decorator
