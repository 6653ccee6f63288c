"""Products and declarations: one namespace, ``declarations``.

The keyword names (product_pk, declaration_pk, category_number, request_pk) are part of the
contract: the URL × role matrix test fills them in by name.
"""

from django.urls import path

from .views import (
    comparison,
    drafts,
    products,
    publishing,
    registry,
    requests,
    reviews,
    selfcheck,
    watching,
)

app_name = "declarations"

DECLARATION = "declarations/<int:declaration_pk>/"
THREAD = "threads/<int:thread_pk>/"
REGISTRY = "registry/<str:serial>/"
REQUEST = "requests/<int:request_pk>/"

urlpatterns = [
    # The public registry, first: its pages are the most requested, and Django
    # tries the patterns in order (docs/benchmarks.md). No login.
    path("registry/", registry.registry, name="registry"),
    path("registry/export.csv", registry.registry_export, name="registry_export"),
    path(REGISTRY, registry.registry_summary, name="registry_summary"),
    path(REGISTRY + "badge.svg", registry.registry_badge, name="registry_badge"),
    path(REGISTRY + "pdf/", registry.registry_pdf, name="registry_pdf"),
    path(REGISTRY + "cyclonedx.json", registry.registry_cyclonedx, name="registry_cyclonedx"),
    path("products/", products.product_list, name="product_list"),
    path("products/new/", products.product_create, name="product_create"),
    path("products/<int:product_pk>/", products.product_detail, name="product_detail"),
    path("products/<int:product_pk>/edit/", products.product_edit, name="product_edit"),
    path("products/<int:product_pk>/archive/", products.product_archive, name="product_archive"),
    path(
        "products/<int:product_pk>/unarchive/",
        products.product_unarchive,
        name="product_unarchive",
    ),
    path(
        "products/<int:product_pk>/declarations/new/",
        drafts.declaration_start,
        name="declaration_start",
    ),
    path("declarations/", drafts.declaration_list, name="declaration_list"),
    path(DECLARATION, drafts.declaration_detail, name="declaration_detail"),
    path(
        DECLARATION + "categories/<int:category_number>/",
        drafts.declaration_answer,
        name="declaration_answer",
    ),
    path(DECLARATION + "package/", drafts.declaration_package, name="declaration_package"),
    path(DECLARATION + "language/", drafts.declaration_language, name="declaration_language"),
    path(DECLARATION + "review/", drafts.declaration_review, name="declaration_review"),
    path(DECLARATION + "delete/", drafts.declaration_delete, name="declaration_delete"),
    path(DECLARATION + "attest/", publishing.attest, name="attest"),
    path(DECLARATION + "withdraw/", publishing.withdraw, name="withdraw"),
    path(DECLARATION + "revoke/", publishing.revoke, name="revoke"),
    path(DECLARATION + "renew/", publishing.renew, name="renew"),
    path(DECLARATION + "pdf/", publishing.pdf_download, name="pdf"),
    path(DECLARATION + "pdf/status/", publishing.pdf_status, name="pdf_status"),
    path(DECLARATION + "pdf/retry/", publishing.pdf_retry, name="pdf_retry"),
    # Review threads between a procurer organization and the vendor.
    path(DECLARATION + "threads/new/", reviews.thread_start, name="thread_start"),
    path("threads/", reviews.thread_list, name="thread_list"),
    path(THREAD, reviews.thread_detail, name="thread_detail"),
    path(THREAD + "reply/", reviews.thread_reply, name="thread_reply"),
    path(THREAD + "resolve/", reviews.thread_resolve, name="thread_resolve"),
    path(THREAD + "reopen/", reviews.thread_reopen, name="thread_reopen"),
    # Declaration requests: between one procurer organization and one vendor.
    path("requests/", requests.request_list, name="request_list"),
    path("requests/incoming/", requests.request_incoming, name="request_incoming"),
    path("requests/new/", requests.request_create, name="request_create"),
    # A procurer organization's private self-check against the customer category.
    path("self-check/", selfcheck.self_check, name="self_check"),
    path(REQUEST, requests.request_detail, name="request_detail"),
    path(REQUEST + "accept/", requests.request_accept, name="request_accept"),
    path(REQUEST + "decline/", requests.request_decline, name="request_decline"),
    path(REQUEST + "start/", requests.request_start, name="request_start"),
    # Declarations side by side, from the registry's selection: no login either.
    path("compare/", comparison.compare_declarations, name="compare"),
    path("compare/export.csv", comparison.compare_export, name="compare_export"),
    # Watching a product or a vendor; the unsubscribe link of its emails needs no login.
    path(REGISTRY + "watch/", watching.watch, name="watch"),
    path("watching/", watching.watch_list, name="watch_list"),
    path("watching/<int:watch_pk>/unwatch/", watching.unwatch, name="unwatch"),
    path("watching/unsubscribe/<str:token>/", watching.unsubscribe, name="unsubscribe"),
]
