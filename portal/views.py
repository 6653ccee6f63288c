from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_safe
from rest_framework.exceptions import NotFound

from .accessibility import LAST_CHECKED


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility policy: target, scope, how it is tested, limits, contact."""
    return render(
        request,
        "portal/accessibility.html",
        {"last_checked": LAST_CHECKED, "contact_email": settings.CONTACT_EMAIL},
    )


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For the container's health check and load balancers: the process answers
    and reaches its database. Says nothing else about the portal."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The API's clients read JSON, whatever URL they got wrong (a serial with a slash,
    say): the API's own 404 body. Everyone else gets the page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
