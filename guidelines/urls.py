from django.urls import path

from . import api, views

app_name = "guidelines"

urlpatterns = [
    path("", views.guideline_detail, name="latest"),
    path("<slug:label>/", views.guideline_detail, name="edition"),
    path("<slug:label>/crosswalk/", views.crosswalk, name="crosswalk"),
    path("<slug:label>/statements/<slug:slug>/", views.statement_detail, name="statement"),
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
