"""The declarations' API under /api/v1/: one namespace, ``api``."""

from django.urls import URLPattern, URLResolver, path

from . import verification

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("verify/", verification.verify_upload, name="verify_upload"),
    # Any text, slashes too: whatever is not a serial gets the "unknown serial" verdict.
    path("verify/<path:serial>/", verification.verify_serial, name="verify_serial"),
]
