"""What the pages share."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict
from django.views.decorators.http import require_http_methods

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty (``request.POST or None`` would drop an empty POST)."""
    return request.POST if request.method == "POST" else None
