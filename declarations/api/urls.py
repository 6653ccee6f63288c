"""The declarations' API under /api/v1/: one namespace, ``api``."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("declarations/", views.DeclarationList.as_view(), name="declaration_list"),
    path(
        "declarations/<str:serial>/", views.DeclarationDetail.as_view(), name="declaration_detail"
    ),
]
