"""Products and draft declarations: thin views over services, permissions and queries.

Every object is fetched through ``portal.permissions``: outsiders get 404,
read-only roles get 403 on anything that writes (including the GET of a page
whose only purpose is a write).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.permissions import (
    can_attest,
    can_maintain,
    can_write,
    get_declaration_for_user,
    get_product_for_user,
    get_vendor_membership_for_user,
)

from . import queries, services
from .errors import DeclarationError
from .forms import AnswerPage, PackageForm, ProductForm
from .progress import attach_progress, draft_progress

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _posted(request: HttpRequest):
    """The submitted data, even when empty (``request.POST or None`` would drop an empty POST)."""
    return request.POST if request.method == "POST" else None


# ---------------------------------------------------------------- products


@login_required
@require_safe
def product_list(request: HttpRequest) -> HttpResponse:
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
            "can_write": can_write(request.user, membership.organization_id),
        },
    )


@login_required
@GET_POST
def product_create(request: HttpRequest) -> HttpResponse:
    membership = get_vendor_membership_for_user(request, write=True)
    form = ProductForm(_posted(request))
    if form.is_valid():
        product = services.create_product(organization=membership.organization, **form.cleaned_data)
        messages.success(request, _("Product “%(name)s” added.") % {"name": product})
        return redirect("declarations:product_detail", product_pk=product.pk)
    return render(request, "declarations/product_form.html", {"form": form, "product": None})


@login_required
@require_safe
def product_detail(request: HttpRequest, product_pk: int) -> HttpResponse:
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
            "can_write": can_write(request.user, product.organization_id),
        },
    )


@login_required
@GET_POST
def product_edit(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, write=True)
    form = ProductForm.for_product(product, _posted(request))
    if form.is_valid():
        services.update_product(product=product, **form.cleaned_data)
        messages.success(request, _("Product saved."))
        return redirect("declarations:product_detail", product_pk=product.pk)
    return render(request, "declarations/product_form.html", {"form": form, "product": product})


@login_required
@require_POST
def product_archive(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, write=True)
    services.archive_product(product=product)
    messages.success(
        request, _("Product archived. It is hidden from the list and cannot get new declarations.")
    )
    return redirect("declarations:product_detail", product_pk=product.pk)


@login_required
@require_POST
def product_unarchive(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, write=True)
    services.unarchive_product(product=product)
    messages.success(request, _("Product restored from the archive."))
    return redirect("declarations:product_detail", product_pk=product.pk)


# ------------------------------------------------------------ declarations


@login_required
@GET_POST
def declaration_start(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, write=True)
    packages = queries.startable_packages()
    form = PackageForm(_posted(request), packages=packages)
    existing = product.declarations.drafts().first()
    if form.is_valid():
        try:
            declaration = services.start_declaration(
                product=product, package=form.cleaned_data["package"], user=request.user
            )
        except DeclarationError as error:
            form.add_error(None, error.message)
            existing = error.existing or existing
        else:
            messages.success(request, _("Draft started. Answer each statement of the package."))
            return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
    return render(
        request,
        "declarations/declaration_start.html",
        {"product": product, "form": form, "packages": packages, "existing": existing},
    )


@login_required
@require_safe
def declaration_list(request: HttpRequest) -> HttpResponse:
    membership = get_vendor_membership_for_user(request)
    declarations = queries.declarations_of(membership.organization)
    page = Paginator(declarations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/declaration_list.html",
        {
            "organization": membership.organization,
            "page_obj": page,
            "declarations": attach_progress(page),
            "can_write": can_write(request.user, membership.organization_id),
        },
    )


@login_required
@require_safe
def declaration_detail(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk)
    organization_id = declaration.organization_id
    context = {
        "declaration": declaration,
        "events": queries.history(declaration),
        "can_attest": can_attest(request.user, organization_id),
        "can_maintain": can_maintain(request.user, organization_id),
    }
    if declaration.is_draft:
        progress = draft_progress(declaration)
        context |= {
            "progress": progress,
            "categories": queries.with_progress(
                queries.package_categories(declaration.package_id), progress
            ),
            "resume": queries.first_unfinished_category(progress),
            "packages": queries.edition_packages(declaration),
            "can_write": can_write(request.user, organization_id),
        }
    return render(request, "declarations/declaration_detail.html", context)


@login_required
@GET_POST
def declaration_answer(
    request: HttpRequest, declaration_pk: int, category_number: int
) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, write=request.method == "POST")
    if not declaration.is_draft:
        messages.info(request, _("This declaration is no longer a draft; its answers are fixed."))
        return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
    page = queries.category_page(declaration, category_number)
    answers = AnswerPage(page.answers, _posted(request))
    if request.method == "POST" and answers.is_valid():
        try:
            result = services.save_answers(
                declaration=declaration, changes=answers.changes(), user=request.user
            )
        except DeclarationError as error:
            messages.error(request, error.message)
            return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
        if result.conflicts:
            answers.rebase(result.conflicts)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect(_after_save(request, declaration, page))
    return render(
        request,
        "declarations/declaration_answer.html",
        {
            "declaration": declaration,
            "page": page,
            "answers": answers,
            "can_write": can_write(request.user, declaration.organization_id),
        },
    )


def _after_save(request: HttpRequest, declaration, page: queries.CategoryPage) -> str:
    """Where the button that was pressed leads: this page, the next or previous one, the review."""
    action = request.POST.get("action")
    target = {"next": page.next, "previous": page.previous}.get(action)
    if target is not None:
        return reverse(
            "declarations:declaration_answer",
            kwargs={"declaration_pk": declaration.pk, "category_number": target.number},
        )
    if action in {"next", "review"}:
        return reverse("declarations:declaration_review", kwargs={"declaration_pk": declaration.pk})
    return request.path


@login_required
@require_POST
def declaration_package(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, write=True)
    form = PackageForm(request.POST, packages=queries.edition_packages(declaration))
    if not form.is_valid():
        messages.error(request, _("Choose a package."))
    else:
        try:
            services.change_package(
                declaration=declaration, package=form.cleaned_data["package"], user=request.user
            )
        except DeclarationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The draft now follows the %(package)s. Every answer was kept.")
                % {"package": declaration.package.title},
            )
    return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)


@login_required
@require_safe
def declaration_review(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk)
    return render(
        request,
        "declarations/declaration_review.html",
        {
            "declaration": declaration,
            "review": queries.review(declaration),
            "can_write": can_write(request.user, declaration.organization_id),
            "can_attest": can_attest(request.user, declaration.organization_id),
        },
    )


@login_required
@GET_POST
def declaration_delete(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, write=True)
    if not declaration.is_draft:
        messages.error(request, _("Only a draft can be deleted."))
        return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
    if request.method == "POST":
        try:
            services.delete_draft(declaration=declaration, user=request.user)
        except DeclarationError as error:
            messages.error(request, error.message)
            return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
        messages.success(request, _("The draft was deleted."))
        return redirect("declarations:declaration_list")
    return render(request, "declarations/declaration_delete.html", {"declaration": declaration})
