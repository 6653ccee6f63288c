from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse, translate_url
from django.utils import translation

from .permissions import is_procurer, vendor_membership

# Each language named in itself: the reader may not read the page's language.
_OWN_NAMES = {"ja": "日本語", "en": "English"}


def memberships(request):
    """What the navigation needs to know about the signed-in user."""
    user = request.user
    return {
        "vendor_membership": vendor_membership(user),
        "is_procurer": is_procurer(user),
    }


def language_links(request):
    """This page in each other language: a link, as the language is in the URL.

    A link, not Django's set_language form: the form's CSRF token made every page
    personal, and the language is in the URL anyway (unprefixed Japanese, /en/
    English). Where the page has no URL of its own in that language (an API
    page, a 404), the link is to that language's home. A page that sends the
    reader on (``next``: sign-in, the second factor) sends them on in it too.
    """
    here = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == translation.get_language():
            continue
        url = translate_url(here, code)
        if url == here:
            with translation.override(code):
                url = reverse("home")
        links.append({"code": code, "name": _OWN_NAMES.get(code, code), "url": _onward(url, code)})
    return {"language_links": links}


def _onward(url: str, code: str) -> str:
    """``url`` with its ``next`` page, if it names one here, in language ``code``."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    onward = query.get("next", "")
    if not onward.startswith("/") or onward.startswith("//"):
        return url
    query["next"] = translate_url(onward, code)
    return urlunsplit(parts._replace(query=query.urlencode(safe="/")))
