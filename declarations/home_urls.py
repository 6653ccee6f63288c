"""The home page, at the root, with no namespace: every page links to ``home``."""

from django.urls import path

from .views import home

urlpatterns = [
    path("", home.home, name="home"),
]
