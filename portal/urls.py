from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from guidelines.urls import api_urlpatterns as guideline_api

from . import errors, views

# A 404 under /api/ is JSON, like the API's own; so are the other errors.
handler400 = errors.bad_request
handler404 = views.page_not_found
handler500 = errors.server_error

# The API is not translated: its URLs carry no language prefix.
urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", views.health, name="health"),
    path("api/v1/", include((guideline_api, "guidelines_api"))),
    path("api/v1/", include("declarations.api.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Swagger UI from drf-spectacular-sidecar: unlike Redoc's page, it loads
    # nothing (fonts, logos) from other hosts. The split view serves its setup
    # script from a URL of its own (?script), so no inline script is needed.
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="portal/api_docs.html"
        ),
        name="api_docs",
    ),
]

# Unprefixed URLs are Japanese (the default); /en/… serves English. The language
# is the URL's alone: every page links to itself in the other one
# (portal.context_processors.language_links), so no set_language view.
urlpatterns += i18n_patterns(
    # The public pages first: they are the most requested, and Django tries the
    # patterns in order.
    path("verify/", include("declarations.verification_urls")),
    path("guideline/", include("guidelines.urls")),
    # The home page shows each role's work, so it lives with that work.
    path("", include("declarations.home_urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accounts/", include("portal.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("declarations.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
