from django.urls import path

from . import publishing_views as views

app_name = "publishing"

urlpatterns = [
    path("declarations/<int:declaration_pk>/attest/", views.attest, name="attest"),
    path("declarations/<int:declaration_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("declarations/<int:declaration_pk>/revoke/", views.revoke, name="revoke"),
    path("declarations/<int:declaration_pk>/renew/", views.renew, name="renew"),
    path("declarations/<int:declaration_pk>/pdf/", views.pdf_download, name="pdf"),
    path("declarations/<int:declaration_pk>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("declarations/<int:declaration_pk>/pdf/retry/", views.pdf_retry, name="pdf_retry"),
]
