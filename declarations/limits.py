"""How much free text each field of the declarations app may hold.

Columns that are ``TextField`` have no length of their own, and a bounded
``CharField`` refuses an overlong value differently on each database (SQLite
stores it, PostgreSQL raises). So every free-text field has its limit here:
the forms show it at the field, and the services check it again before they
write, so that neither a huge paste nor a direct call ends in a server error
or in a PDF of hundreds of pages.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# An answer (the public statements have theirs on the model: 500 each).
EXPLANATION = 4000
EVIDENCE_LINKS = 2000
EVIDENCE = 2000
REMEDIATION_PLAN = 2000
# A product.
PRODUCT_DESCRIPTION = 2000
# A declaration request (the form's limits, kept by the service too).
REQUEST_PRODUCT_DESCRIPTION = 500
REQUEST_NOTE = 2000
REQUEST_VENDOR_NAME = 200
REQUEST_REFERENCE = 100
# The reason of a withdrawal, a revocation or a declined request.
REASON = 2000
# The signatory's name and title as signed (their columns' length).
SIGNATORY_NAME = 200
SIGNATORY_TITLE = 200


def too_long_message(*, limit: int, length: int) -> str:
    return _("Keep this to %(limit)s characters; it has %(length)s.") % {
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }


def first_too_long(*fields: tuple[str, int]) -> str | None:
    """What is wrong with the first ``(text, limit)`` over its limit, if any: the
    services raise it as their refusal."""
    for text, limit in fields:
        if len(text) > limit:
            return too_long_message(limit=limit, length=len(text))
    return None
