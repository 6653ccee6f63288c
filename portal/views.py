from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guidelines.queries import latest_published_edition


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"edition": latest_published_edition()})
