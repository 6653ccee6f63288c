"""Products, declarations and their answers."""

from django.urls import path  # noqa: F401

app_name = "declarations"

urlpatterns: list = []
