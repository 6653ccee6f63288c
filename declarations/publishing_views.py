"""Attest, withdraw, renew, revoke, and the signed PDF of a declaration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.permissions import get_declaration_for_user

from . import pdf_jobs, publishing
from .errors import DeclarationError
from .forms_publishing import AttestForm, ReasonForm
from .models import Declaration


def _detail(declaration: Declaration):
    return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)


@login_required
def attest(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, attest=True)
    if not declaration.is_draft:
        return _detail(declaration)
    form = AttestForm(request.POST or None, initial={"signatory_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            published = publishing.attest_declaration(
                declaration=declaration,
                user=request.user,
                password=form.cleaned_data["password"],
                signatory_name=form.cleaned_data["signatory_name"],
                signatory_title=form.cleaned_data["signatory_title"],
                confirmed=form.cleaned_data["confirm"],
            )
        except DeclarationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Declaration %(serial)s is published. The signed PDF is being generated.")
                % {"serial": published.serial},
            )
            return _detail(published)
    return render(
        request,
        "declarations/declaration_attest.html",
        {
            "declaration": declaration,
            "form": form,
            "problems": publishing.attestation_problems(declaration),
        },
    )


def _ending(request: HttpRequest, declaration: Declaration, *, action: str) -> HttpResponse:
    """Withdraw or revoke: both ask for a reason, then make the move."""
    act, done = {
        "withdraw": (publishing.withdraw_declaration, _("The declaration was withdrawn.")),
        "revoke": (publishing.revoke_declaration, _("The declaration was revoked.")),
    }[action]
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            act(declaration=declaration, user=request.user, reason=form.cleaned_data["reason"])
        except DeclarationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return _detail(declaration)
    return render(
        request,
        "declarations/declaration_reason.html",
        {"declaration": declaration, "form": form, "action": action},
    )


@login_required
def withdraw(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, withdraw=True)
    return _ending(request, declaration, action="withdraw")


@login_required
def revoke(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    declaration = get_declaration_for_user(request, declaration_pk)
    return _ending(request, declaration, action="revoke")


@login_required
@require_POST
def renew(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, maintain=True)
    try:
        draft = publishing.renew_declaration(declaration=declaration, user=request.user)
    except DeclarationError as error:
        messages.error(request, str(error))
        if error.existing is not None:
            return _detail(error.existing)
        return _detail(declaration)
    messages.success(request, _("A renewal draft was started with the previous answers."))
    return _detail(draft)


@login_required
@require_safe
def pdf_download(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk)
    if declaration.pdf_state != Declaration.PdfState.READY or not declaration.pdf_file:
        raise Http404
    return FileResponse(
        declaration.pdf_file.open("rb"),
        as_attachment=True,
        filename=f"{declaration.serial}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_safe
def pdf_status(request: HttpRequest, declaration_pk: int) -> JsonResponse:
    """Polled by the declaration page until the PDF is ready or failed."""
    declaration = get_declaration_for_user(request, declaration_pk)
    ready = declaration.pdf_state == Declaration.PdfState.READY
    return JsonResponse(
        {
            "state": declaration.pdf_state,
            "label": declaration.get_pdf_state_display(),
            "download_url": reverse("publishing:pdf", args=[declaration.pk]) if ready else None,
        }
    )


@login_required
@require_POST
def pdf_retry(request: HttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, maintain=True)
    if pdf_jobs.request_retry(declaration):
        messages.success(request, _("The PDF is being generated again."))
    else:
        messages.info(request, _("The PDF is not in a failed state."))
    return _detail(declaration)
