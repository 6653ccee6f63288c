"""How much and how often anyone may verify: the size of an upload, and a rate
per client address (django-ratelimit, counted in the cache), shared by the page
and the API.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

# Re-exported: RATELIMIT_IP_META_KEY names it here.
from portal.clients import client_address  # noqa: F401

logger = logging.getLogger(__name__)

UPLOADS = "verify-upload"
LOOKUPS = "verify-serial"
# Room for the multipart envelope around a file of the largest accepted size.
_ENVELOPE = 64 * 1024


def retry_after(request: HttpRequest, group: str) -> int | None:
    """Count this request in ``group``; the seconds to wait if it is one too many."""
    rate = settings.VERIFY_UPLOAD_RATE if group == UPLOADS else settings.VERIFY_LOOKUP_RATE
    try:
        usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    except Exception:
        # django-ratelimit fails open only when the cache answers nothing; a
        # Redis that is down raises. Verifying matters more than counting.
        logger.warning("Verification not rate-limited: the cache failed", exc_info=True)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])


def rate_limited_message(seconds: int) -> str:
    return _(
        "Too many verifications from your address in a short time. "
        "Please try again in %(seconds)d seconds."
    ) % {"seconds": seconds}


def declared_too_large(request: HttpRequest) -> bool:
    """Whether the request announces a body too large to hold an acceptable PDF.

    Read from the headers, before Django reads (and spools) the body.
    """
    declared = request.META.get("CONTENT_LENGTH") or "0"
    # isdigit() alone would take "²", which int() refuses.
    if not (declared.isascii() and declared.isdigit()):
        return True
    return int(declared) > settings.VERIFY_MAX_UPLOAD_BYTES + _ENVELOPE
