from django.urls import path

from .views import verification as views

app_name = "verification"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("certificate/", views.certificate, name="certificate"),
    path(
        "certificate/root.pem",
        views.certificate_download,
        {"which": "root"},
        name="root_certificate",
    ),
    path(
        "certificate/signing.pem",
        views.certificate_download,
        {"which": "signing"},
        name="signing_certificate",
    ),
    # The distribution point the development CA's certificates name
    # (documents.dev_pki.CRL_PATH); a fetcher gets it without a language prefix.
    path("certificate/root.crl", views.certificate_revocation_list, name="crl"),
    # Any text, slashes too: whatever is not a serial gets the "unknown serial" verdict.
    path("<path:serial>/", views.verify_by_serial, name="serial"),
]
