"""The portal's error pages, in the language of the URL: a bad request (400), a body
too large (413), too many requests (429) and a server error (500). The 403 and 404
pages are Django's own views with the templates of the same names.

400, 413 and 500 may come before the middleware has given the request a user or a
session (a Host header not served is refused first), or from the database: they
render their template alone, with no request context (templates/error_page.html).

The API's clients read JSON: under /api/ each error is a ``detail`` as the API
answers its own.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import ngettext


def _for_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django answers every SuspiciousOperation with this (handler400). A body over
    DATA_UPLOAD_MAX_MEMORY_SIZE is one of them, but it is too large, not malformed."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    if _for_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return _alone("400.html", 400)


def too_large(request: HttpRequest) -> HttpResponse:
    if _for_api(request):
        return JsonResponse({"detail": "Request body too large."}, status=413)
    return _alone("413.html", 413)


def too_many_requests(request: HttpRequest, seconds: int, message: str = "") -> HttpResponse:
    """The answer of a rate-limited view: when to try again, in the page and in
    Retry-After."""
    seconds = max(1, int(seconds))
    response = render(
        request,
        "429.html",
        {
            "message": message
            or ngettext(
                "Too many requests from you in a short time. "
                "Please try again in %(seconds)d second.",
                "Too many requests from you in a short time. "
                "Please try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the template alone, with no request context — no context
    processor, no session, no database — since any of them may be what failed."""
    if _for_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return _alone("500.html", 500)


def _alone(template: str, status: int) -> HttpResponse:
    return HttpResponse(loader.get_template(template).render(), status=status)
