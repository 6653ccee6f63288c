"""Draft declarations: start, answer category by category, switch package, review, delete.

Thin views over services, queries and access: outsiders get 404, read-only
roles 403 on anything that writes (including the GET of a page whose only
purpose is a write). Which buttons a page shows comes from
``lifecycle.allowed_moves``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest
from portal.models import Role

from .. import services
from ..access import (
    Act,
    get_declaration_for_user,
    get_product_for_user,
    get_vendor_membership_for_user,
    is_own,
    role_may,
)
from ..comparison.queries import declaration_changes
from ..drafting import queries
from ..drafting.forms import AnswerPage, LanguageForm, PackageForm
from ..drafting.progress import attach_progress, draft_progress
from ..errors import DeclarationError
from ..models import Language
from ..publishing.attestation import answers_short_of_language
from ..publishing.lifecycle import allowed_moves, state_allows
from ..reviews.queries import declaration_reviews, with_open_thread_counts
from ..selfcheck.queries import requested_self_check
from .common import GET_POST, PAGE_SIZE, posted


@login_required
@GET_POST
def declaration_start(request: AuthenticatedHttpRequest, product_pk: int) -> HttpResponse:
    product = get_product_for_user(request, product_pk, act=Act.EDIT)
    packages = queries.startable_packages()
    form = PackageForm(posted(request), packages=packages)
    language_form = LanguageForm(posted(request))
    existing = product.declarations.drafts().first()
    if form.is_valid() and language_form.is_valid():
        try:
            declaration = services.start_declaration(
                product=product,
                package=form.cleaned_data["package"],
                user=request.user,
                language=language_form.cleaned_data["language"],
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
        {
            "product": product,
            "form": form,
            "language_form": language_form,
            "packages": packages,
            "existing": existing,
        },
    )


@login_required
@require_safe
def declaration_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = get_vendor_membership_for_user(request)
    declarations = with_open_thread_counts(
        queries.declarations_of(membership.organization), membership.organization
    )
    page = Paginator(declarations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/declaration_list.html",
        {
            "organization": membership.organization,
            "page_obj": page,
            "declarations": attach_progress(page),
            "can_write": role_may(membership.role, Act.EDIT),
        },
    )


@login_required
@require_safe
def declaration_detail(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk)
    context = {
        "declaration": declaration,
        "events": queries.history(declaration),
        "moves": allowed_moves(declaration, request.user),
        "own": is_own(request.user, declaration),
        **declaration_changes(declaration, request.user),
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
            "languages": Language.choices,
        }
        if progress.overall.is_complete and Act.EDIT in context["moves"]:
            # Whom an editor asks to sign the draft they finished.
            context["signatories"] = declaration.organization.members_with_role(Role.SIGNATORY)
    else:
        context["reviews"] = declaration_reviews(declaration, request.user)
        context["self_check"] = requested_self_check(request.user, declaration)
    return render(request, "declarations/declaration_detail.html", context)


@login_required
@GET_POST
def declaration_answer(
    request: AuthenticatedHttpRequest, declaration_pk: int, category_number: int
) -> HttpResponse:
    declaration = get_declaration_for_user(
        request, declaration_pk, act=Act.EDIT if request.method == "POST" else Act.READ
    )
    if not state_allows(declaration, Act.EDIT):
        messages.info(request, _("This declaration is no longer a draft; its answers are fixed."))
        return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)
    page = queries.category_page(declaration, category_number)
    answers = AnswerPage(page.answers, posted(request), language=declaration.language)
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
            "moves": allowed_moves(declaration, request.user),
        },
    )


def _after_save(request: AuthenticatedHttpRequest, declaration, page: queries.CategoryPage) -> str:
    """Where the button that was pressed leads: this page, the next or previous one, the review."""
    action = request.POST.get("action", "")
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
def declaration_package(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.EDIT)
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
@require_POST
def declaration_language(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.EDIT)
    form = LanguageForm(request.POST)
    if not request.POST.get("language") or not form.is_valid():
        messages.error(request, _("Choose the authoritative language."))
    else:
        previous = declaration.language
        try:
            services.change_language(
                declaration=declaration, language=form.cleaned_data["language"], user=request.user
            )
        except DeclarationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The answers in %(language)s are now the declaration. Every text was kept.")
                % {"language": declaration.get_language_display()},
            )
            short = answers_short_of_language(declaration, previous=previous)
            if short:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d answer now needs its text in %(language)s: %(codes)s.",
                        "%(count)d answers now need their text in %(language)s: %(codes)s.",
                        len(short),
                    )
                    % {
                        "count": len(short),
                        "language": declaration.get_language_display(),
                        "codes": ", ".join(answer.statement.code for answer in short),
                    },
                )
    return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)


@login_required
@require_safe
def declaration_review(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk)
    return render(
        request,
        "declarations/declaration_review.html",
        {
            "declaration": declaration,
            "review": queries.review(declaration),
            "moves": allowed_moves(declaration, request.user),
            "own": is_own(request.user, declaration),
        },
    )


@login_required
@GET_POST
def declaration_delete(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.EDIT)
    if not state_allows(declaration, Act.EDIT):
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
