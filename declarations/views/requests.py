"""Declaration requests: the procurer's list and form, the vendor's incoming list and answers.

Thin views over ``services.requests``, ``requests`` and ``access``: a request
is fetched and authorised by ``get_request_for_user`` (404 for outsiders, 403
for the vendor's members who may read but not answer). Which buttons a page
shows comes from ``requests.lifecycle.allowed_responses``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.http import AuthenticatedHttpRequest

from ..access import (
    REQUESTER,
    Act,
    RequestAct,
    get_procurer_membership_for_user,
    get_request_for_user,
    get_vendor_membership_for_user,
    request_roles,
    responding_membership,
    role_may,
)
from ..errors import DeclarationError
from ..models import DeclarationRequest
from ..requests import queries
from ..requests.forms import DeclineForm, NewProductForm, RequestForm, StartDraftForm
from ..requests.lifecycle import allowed_responses
from ..reviews.queries import with_open_thread_counts
from ..selfcheck.queries import current_self_check
from ..services import requests as writers
from .common import GET_POST, PAGE_SIZE, posted


def _detail(declaration_request: DeclarationRequest):
    return redirect("declarations:request_detail", request_pk=declaration_request.pk)


def _list_page(request: AuthenticatedHttpRequest, requests, *, side: str, organization):
    show = request.GET.get("show", "all")
    if show not in queries.FILTERS:
        show = "all"
    # Open review threads on the declaration a request led to, as the other lists show them.
    listed = with_open_thread_counts(
        requests(organization, show=show), organization, declaration="declaration"
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "declarations/request_list.html",
        {
            "side": side,
            "organization": organization,
            "page_obj": page,
            "requests": queries.attach_progress(page),
            "show": show,
            "filters": list(queries.FILTERS),
            # The pagination fragment appends "page=…" to this.
            "query": f"show={show}&",
            # The procurer's own half of the guideline, beside the vendors' declarations.
            "self_check": current_self_check(organization) if side == "procurer" else None,
        },
    )


@login_required
@require_safe
def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The requests the procurer's organization made."""
    membership = get_procurer_membership_for_user(request)
    return _list_page(
        request, queries.requests_made, side="procurer", organization=membership.organization
    )


@login_required
@require_safe
def request_incoming(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The requests the vendor's organization received."""
    membership = get_vendor_membership_for_user(request)
    return _list_page(
        request, queries.requests_received, side="vendor", organization=membership.organization
    )


@login_required
@GET_POST
def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = get_procurer_membership_for_user(request)
    initial = queries.initial_from_serial(request.GET.get("serial", ""))
    form = RequestForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = writers.create_request(
                user=request.user,
                corporate_number=data["corporate_number"],
                vendor_name=data["vendor_name"],
                invited_email=data["invited_email"],
                language=data["language"],
                product=data["product"],
                product_description=data["product_description"],
                package_kind=data["package_kind"],
                deadline=data["deadline"],
                note=data["note"],
                reference=data["reference"],
            )
        except DeclarationError as error:
            form.add_error(None, error.message)
        else:
            if made.status == DeclarationRequest.Status.FULFILLED:
                messages.success(
                    request, _("A declaration in force already answers it: request fulfilled.")
                )
            elif made.vendor_id is None:
                messages.success(
                    request,
                    _("Request sent. The provider is invited to register at %(email)s.")
                    % {"email": made.invited_email},
                )
            else:
                messages.success(
                    request, _("Request sent to %(vendor)s.") % {"vendor": made.vendor}
                )
            return _detail(made)
    product = form.cleaned_data.get("product") if form.is_bound else initial.get("product")
    return render(
        request,
        "declarations/request_form.html",
        {"form": form, "organization": membership.organization, "product": product},
    )


@login_required
@require_safe
def request_detail(request: AuthenticatedHttpRequest, request_pk: int) -> HttpResponse:
    declaration_request = get_request_for_user(request, request_pk)
    [declaration_request] = queries.attach_progress([declaration_request])
    roles = request_roles(request.user, declaration_request)
    requester = REQUESTER in roles
    return render(
        request,
        "declarations/request_detail.html",
        {
            "req": declaration_request,
            "vendor_side": bool(roles - {REQUESTER}),
            "responses": allowed_responses(declaration_request, request.user),
            "events": queries.history(declaration_request),
            "self_check": current_self_check(declaration_request.procurer) if requester else None,
        },
    )


@login_required
@require_POST
def request_accept(request: AuthenticatedHttpRequest, request_pk: int) -> HttpResponse:
    declaration_request = get_request_for_user(request, request_pk, act=RequestAct.RESPOND)
    try:
        writers.accept_request(declaration_request=declaration_request, user=request.user)
    except DeclarationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Request accepted. Start the draft when you are ready."))
    return _detail(declaration_request)


@login_required
@GET_POST
def request_decline(request: AuthenticatedHttpRequest, request_pk: int) -> HttpResponse:
    declaration_request = get_request_for_user(request, request_pk, act=RequestAct.RESPOND)
    form = DeclineForm(posted(request))
    if form.is_valid():
        try:
            writers.decline_request(
                declaration_request=declaration_request,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DeclarationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Request declined. The customer is told why."))
        return _detail(declaration_request)
    return render(
        request, "declarations/request_decline.html", {"req": declaration_request, "form": form}
    )


@login_required
@GET_POST
def request_start(request: AuthenticatedHttpRequest, request_pk: int) -> HttpResponse:
    """Link the request to a product and start (or continue) its draft, in one step;
    or, for a product not on the portal yet, register it and start, in one step too."""
    declaration_request = get_request_for_user(request, request_pk, act=RequestAct.RESPOND)
    membership = responding_membership(request.user, declaration_request)
    new_product = "new-name" in request.POST
    form = StartDraftForm(
        None if new_product else posted(request),
        organization=membership.organization,
        initial={"product": declaration_request.product_id},
    )
    product_form = NewProductForm(
        posted(request) if new_product else None,
        initial={"name": declaration_request.product_description[:200]},
    )
    chosen = form if not new_product else product_form
    if chosen.is_valid():
        try:
            if new_product:
                started = writers.start_draft_for_new_product(
                    declaration_request=declaration_request,
                    user=request.user,
                    **product_form.cleaned_data,
                )
            else:
                started = writers.start_draft_for_request(
                    declaration_request=declaration_request,
                    user=request.user,
                    product=form.cleaned_data["product"],
                )
        except DeclarationError as error:
            chosen.add_error(None, error.message)
        else:
            if started.status == DeclarationRequest.Status.FULFILLED:
                messages.success(
                    request, _("A declaration in force already answers it: request fulfilled.")
                )
                return _detail(started)
            messages.success(
                request, _("The draft follows the request. Answer each statement of the package.")
            )
            return redirect(
                "declarations:declaration_detail", declaration_pk=started.declaration_id
            )
    return render(
        request,
        "declarations/request_start.html",
        {
            "req": declaration_request,
            "form": form,
            "product_form": product_form,
            "can_add_products": role_may(membership.role, Act.EDIT),
        },
    )
