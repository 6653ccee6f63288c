"""What a review message may hold: plain text of a bounded length, and web links.

The forms call these for the person at the screen, and the service calls them
again before it writes, so a form is never the only guard. Messages are shown
as text, never as HTML; control characters (a NUL, an escape sequence, a
bidirectional override that would make a link read differently) are refused
rather than stripped, so that what is stored is what was typed.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

MAX_SUBJECT = 200
MAX_BODY = 5000
MAX_LINKS = 10
MAX_LINK = 500

# Invisible characters that reorder the text around them (CVE-2021-42574).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\t")

_url = URLValidator(schemes=["http", "https"])


def normalise(text: str) -> str:
    """Line breaks as ``\\n``, no blanks around the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _has_control(text: str, *, allowed: frozenset[str] = frozenset()) -> bool:
    return any(
        (unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in BIDI_CONTROLS
        for ch in text
    )


def subject_problems(subject: str) -> list[str]:
    subject = normalise(subject)
    if not subject:
        return [_("Please give the thread a subject.")]
    if len(subject) > MAX_SUBJECT:
        return [_("The subject is limited to %(n)d characters.") % {"n": MAX_SUBJECT}]
    if _has_control(subject):
        return [_("The subject contains control characters; please remove them.")]
    return []


def body_problems(body: str) -> list[str]:
    body = normalise(body)
    if not body:
        return [_("Please write a message.")]
    if len(body) > MAX_BODY:
        return [_("A message is limited to %(n)d characters.") % {"n": MAX_BODY}]
    if _has_control(body, allowed=LINE_BREAKS):
        return [_("The message contains control characters; please remove them.")]
    return []


def split_links(text: str) -> list[str]:
    return [line.strip() for line in normalise(text).split("\n") if line.strip()]


def link_problems(links: list[str]) -> list[str]:
    if len(links) > MAX_LINKS:
        return [_("At most %(n)d links per message.") % {"n": MAX_LINKS}]
    problems = []
    for link in links:
        if len(link) > MAX_LINK or _has_control(link):
            problems.append(_("A link is too long or contains control characters."))
            continue
        try:
            _url(link)
        except ValidationError:
            problems.append(
                _("“%(link)s” is not a web address (http:// or https://).") % {"link": link}
            )
    return problems
