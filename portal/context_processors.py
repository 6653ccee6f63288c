from django.conf import settings
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
    personal (and the cached public pages splice a token into each copy), and the
    language is in the URL anyway (unprefixed Japanese, /en/ English). Where the
    page has no URL of its own in that language (an API page, a 404), the link
    is to that language's home.
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
        links.append({"code": code, "name": _OWN_NAMES.get(code, code), "url": url})
    return {"language_links": links}
