"""The API's language.

The API's URLs carry no language prefix, so LocaleMiddleware gives them the
default language (Japanese). An API client says which it wants with
``?lang=`` or Accept-Language; error details, labels and verdicts follow it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        requested = request.GET.get("lang", "")
        if requested not in dict(settings.LANGUAGES):
            requested = translation.get_language_from_request(request)
        request.LANGUAGE_CODE = requested
        with translation.override(requested):  # restored afterwards: nothing else inherits it
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", requested)
        patch_vary_headers(response, ["Accept-Language"])
        return response
