from django.urls import path

from . import views

app_name = "guidelines"

urlpatterns = [
    path("", views.guideline_detail, name="latest"),
    path("<slug:label>/", views.guideline_detail, name="edition"),
    path("<slug:label>/statements/<slug:slug>/", views.statement_detail, name="statement"),
]

api_urlpatterns = [
    path("guideline/", views.guideline_json, name="api_latest"),
    path("guideline/<slug:label>/", views.guideline_json, name="api_edition"),
]
