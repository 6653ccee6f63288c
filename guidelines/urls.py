from django.urls import path

from . import api, views

app_name = "guidelines"

urlpatterns = [
    path("", views.guideline_detail, name="latest"),
    path("<slug:label>/", views.guideline_detail, name="edition"),
    path("<slug:label>/crosswalk/", views.crosswalk, name="crosswalk"),
    path("<slug:label>/statements/<slug:slug>/", views.statement_detail, name="statement"),
    # Staff only, for a draft edition; 404 for anyone else.
    path("<slug:draft_label>/preview/", views.guideline_preview, name="preview"),
    path(
        "<slug:draft_label>/preview/statements/<slug:slug>/",
        views.statement_preview,
        name="statement_preview",
    ),
]

api_urlpatterns = [
    path("guideline/", api.guideline_latest, name="api_latest"),
    path("guideline/<slug:label>/", api.guideline_edition, name="api_edition"),
    path(
        "guideline/<slug:label>/oscal/catalog.json",
        api.oscal_catalog,
        name="api_oscal_catalog",
    ),
    path(
        "guideline/<slug:label>/oscal/profiles/<slug:kind>.json",
        api.oscal_profile,
        name="api_oscal_profile",
    ),
]
