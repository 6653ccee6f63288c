"""The declarations' API under /api/v1/: one namespace, ``api``."""

from django.urls import URLPattern, URLResolver, path

from . import verification, views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("declarations/", views.DeclarationList.as_view(), name="declaration_list"),
    path(
        "declarations/<str:serial>/", views.DeclarationDetail.as_view(), name="declaration_detail"
    ),
    path("verify/", verification.verify_upload, name="verify_upload"),
    # Any text, slashes too: whatever is not a serial gets the "unknown serial" verdict.
    path("verify/<path:serial>/", verification.verify_serial, name="verify_serial"),
]
