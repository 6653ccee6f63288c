"""A vendor's products: list, add, edit, archive. Thin views over services and access."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest

from .. import services
from ..access import (
    Act,
    get_product_for_user,
    get_vendor_membership_for_user,
    permits,
    product_roles,
    role_may,
)
from ..drafting import queries
from ..drafting.forms import ProductForm
from ..drafting.progress import attach_progress
from .common import GET_POST, PAGE_SIZE, posted


@login_required
@require_safe
def product_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = get_vendor_membership_for_user(request)
    show_archived = request.GET.get("archived") == "1"
    products = queries.products_of(membership.organization, archived=show_archived)
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/product_list.html",
        {
            "organization": membership.organization,
            "page_obj": page,
            "show_archived": show_archived,
            "can_write": role_may(membership.role, Act.EDIT),
        },
    )


@login_required
@GET_POST
def product_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = get_vendor_membership_for_user(request, act=Act.EDIT)
    form = ProductForm(posted(request))
    if form.is_valid():
        product = services.create_product(organization=membership.organization, **form.cleaned_data)
        messages.success(request, _("Product “%(name)s” added.") % {"name": product})
        return redirect("declarations:product_detail", product_pk=product.pk)
    return render(request, "declarations/product_form.html", {"form": form, "product": None})


@login_required
@require_safe
def product_detail(request: AuthenticatedHttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk)
    declarations = attach_progress(
        product.declarations.select_related("package", "edition").order_by("-updated_at", "-pk")
    )
    return render(
        request,
        "declarations/product_detail.html",
        {
            "product": product,
            "declarations": declarations,
            "draft": next((d for d in declarations if d.is_draft), None),
            "can_write": permits(product_roles(request.user, product), Act.EDIT),
        },
    )


@login_required
@GET_POST
def product_edit(request: AuthenticatedHttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, act=Act.EDIT)
    form = ProductForm.for_product(product, posted(request))
    if form.is_valid():
        services.update_product(product=product, **form.cleaned_data)
        messages.success(request, _("Product saved."))
        return redirect("declarations:product_detail", product_pk=product.pk)
    return render(request, "declarations/product_form.html", {"form": form, "product": product})


@login_required
@require_POST
def product_archive(request: AuthenticatedHttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, act=Act.EDIT)
    services.archive_product(product=product)
    messages.success(
        request, _("Product archived. It is hidden from the list and cannot get new declarations.")
    )
    return redirect("declarations:product_detail", product_pk=product.pk)


@login_required
@require_POST
def product_unarchive(request: AuthenticatedHttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, act=Act.EDIT)
    services.unarchive_product(product=product)
    messages.success(request, _("Product restored from the archive."))
    return redirect("declarations:product_detail", product_pk=product.pk)
