"""How much anyone may verify: the size of an upload, shared by the page and the API."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

# Room for the multipart envelope around a file of the largest accepted size.
_ENVELOPE = 64 * 1024


def declared_too_large(request: HttpRequest) -> bool:
    """Whether the request announces a body too large to hold an acceptable PDF.

    Read from the headers, before Django reads (and spools) the body.
    """
    declared = request.META.get("CONTENT_LENGTH") or "0"
    # isdigit() alone would take "²", which int() refuses.
    if not (declared.isascii() and declared.isdigit()):
        return True
    return int(declared) > settings.VERIFY_MAX_UPLOAD_BYTES + _ENVELOPE
