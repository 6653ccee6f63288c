"""Attest, withdraw, revoke and renew a declaration; download or retry its signed PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest

from .. import services
from ..access import Act, get_declaration_for_user, may_read_answers
from ..errors import DeclarationError
from ..models import Declaration
from ..publishing.attestation import attestation_problems
from ..publishing.forms import AttestForm, ReasonForm
from ..publishing.lifecycle import state_allows
from .common import GET_POST, pdf_refused, posted, signed_pdf


def _detail(declaration: Declaration):
    return redirect("declarations:declaration_detail", declaration_pk=declaration.pk)


@login_required
@GET_POST
def attest(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.ATTEST)
    if not state_allows(declaration, Act.ATTEST):
        return _detail(declaration)
    form = AttestForm(
        posted(request), initial={"signatory_name": request.user.full_name}, request=request
    )
    if form.is_valid():
        try:
            published = services.attest_declaration(
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
            messages.add_message(request, *_published_message(published))
            return _detail(published)
    return render(
        request,
        "declarations/declaration_attest.html",
        {
            "declaration": declaration,
            "form": form,
            "problems": attestation_problems(declaration),
        },
    )


def _published_message(published: Declaration) -> tuple[int, str]:
    """What attesting did, worded from the PDF's state once the publication committed:
    without a broker (development) the PDF task ran eagerly on commit and may be ready,
    or failed, already; the page it leads to says the same."""
    published.refresh_from_db(fields=["pdf_state"])
    level = messages.SUCCESS
    match published.pdf_state:
        case Declaration.PdfState.READY:
            done = _("Declaration %(serial)s is published. Its signed PDF is ready.")
        case Declaration.PdfState.FAILED:
            level = messages.WARNING
            done = _(
                "Declaration %(serial)s is published, but its signed PDF could not be made. "
                "You can try again from its page; the site admins have been told."
            )
        case _:
            done = _("Declaration %(serial)s is published. The signed PDF is being generated.")
    return level, done % {"serial": published.serial}


ENDINGS = {
    Act.WITHDRAW: (services.withdraw_declaration, gettext_lazy("The declaration was withdrawn.")),
    Act.REVOKE: (services.revoke_declaration, gettext_lazy("The declaration was revoked.")),
}


def _ending(request: AuthenticatedHttpRequest, declaration_pk: int, *, act: Act) -> HttpResponse:
    """Withdraw or revoke: both ask for a reason, then make the move."""
    declaration = get_declaration_for_user(request, declaration_pk, act=act)
    if not state_allows(declaration, act):
        messages.info(
            request,
            _("A %(status)s declaration cannot be withdrawn or revoked.")
            % {"status": declaration.get_status_display()},
        )
        return _detail(declaration)
    service, done = ENDINGS[act]
    form = ReasonForm(posted(request))
    if form.is_valid():
        try:
            service(declaration=declaration, user=request.user, reason=form.cleaned_data["reason"])
        except DeclarationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(done))
        return _detail(declaration)
    return render(
        request,
        "declarations/declaration_reason.html",
        {"declaration": declaration, "form": form, "action": act.value},
    )


@login_required
@GET_POST
def withdraw(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    return _ending(request, declaration_pk, act=Act.WITHDRAW)


@login_required
@GET_POST
def revoke(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    return _ending(request, declaration_pk, act=Act.REVOKE)


@login_required
@require_POST
def renew(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.RENEW)
    try:
        draft = services.renew_declaration(declaration=declaration, user=request.user)
    except DeclarationError as error:
        messages.error(request, str(error))
        if error.existing is not None:
            return _detail(error.existing)
        return _detail(declaration)
    messages.success(request, _("A renewal draft was started with the previous answers."))
    return _detail(draft)


@require_safe
def pdf_download(request: HttpRequest, declaration_pk: int) -> HttpResponseBase:
    if not request.user.is_authenticated:
        # Not a login redirect: whoever follows a link learns who may download the
        # PDF and where to verify a copy, and nothing about this declaration.
        return pdf_refused(request, None)
    declaration = get_declaration_for_user(request, declaration_pk)
    if not may_read_answers(request.user, declaration):
        raise Http404  # a draft: it has no PDF
    return signed_pdf(declaration)


@login_required
@require_safe
def pdf_status(request: AuthenticatedHttpRequest, declaration_pk: int) -> JsonResponse:
    """Polled by the declaration page until the PDF is ready or failed."""
    declaration = get_declaration_for_user(request, declaration_pk)
    ready = declaration.pdf_state == Declaration.PdfState.READY
    return JsonResponse(
        {
            "state": declaration.pdf_state,
            "label": declaration.get_pdf_state_display(),
            "download_url": reverse("declarations:pdf", args=[declaration.pk]) if ready else None,
        }
    )


@login_required
@require_POST
def pdf_retry(request: AuthenticatedHttpRequest, declaration_pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request, declaration_pk, act=Act.RETRY_PDF)
    if services.retry_pdf(declaration=declaration, user=request.user):
        # Worded from the state after commit, as after attesting: made eagerly, it is done.
        declaration.refresh_from_db(fields=["pdf_state"])
        if declaration.pdf_state == Declaration.PdfState.READY:
            messages.success(request, _("The signed PDF is ready."))
        elif declaration.pdf_state == Declaration.PdfState.FAILED:
            messages.warning(request, _("The signed PDF could not be made again."))
        else:
            messages.success(request, _("The PDF is being generated again."))
    else:
        messages.info(request, _("The PDF is not in a failed state."))
    return _detail(declaration)
