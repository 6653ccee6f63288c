"""Products and declarations.

The keyword names (product_pk, declaration_pk, category_number) are part of the
contract: the URL × role matrix test fills them in by name.
"""

from django.urls import path

from . import views

app_name = "declarations"

urlpatterns = [
    path("products/", views.product_list, name="product_list"),
    path("products/new/", views.product_create, name="product_create"),
    path("products/<int:product_pk>/", views.product_detail, name="product_detail"),
    path("products/<int:product_pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:product_pk>/archive/", views.product_archive, name="product_archive"),
    path(
        "products/<int:product_pk>/unarchive/",
        views.product_unarchive,
        name="product_unarchive",
    ),
    path(
        "products/<int:product_pk>/declarations/new/",
        views.declaration_start,
        name="declaration_start",
    ),
    path("declarations/", views.declaration_list, name="declaration_list"),
    path(
        "declarations/<int:declaration_pk>/",
        views.declaration_detail,
        name="declaration_detail",
    ),
    path(
        "declarations/<int:declaration_pk>/categories/<int:category_number>/",
        views.declaration_answer,
        name="declaration_answer",
    ),
    path(
        "declarations/<int:declaration_pk>/package/",
        views.declaration_package,
        name="declaration_package",
    ),
    path(
        "declarations/<int:declaration_pk>/review/",
        views.declaration_review,
        name="declaration_review",
    ),
    path(
        "declarations/<int:declaration_pk>/delete/",
        views.declaration_delete,
        name="declaration_delete",
    ),
]
