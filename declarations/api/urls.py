"""The declarations' API under /api/v1/: one namespace, ``api``."""

from django.urls import URLPattern, URLResolver

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = []
