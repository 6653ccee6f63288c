"""A procurer organization's private self-check against the guideline's customer category."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.http import AuthenticatedHttpRequest

from .. import services
from ..access import get_self_check_membership_for_user
from ..errors import DeclarationError
from ..selfcheck.forms import SelfCheckPage
from ..selfcheck.queries import current_self_check
from .common import GET_POST, posted


@login_required
@GET_POST
def self_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = get_self_check_membership_for_user(request)
    view = current_self_check(membership.organization)
    page = SelfCheckPage(view.rows if view else [], posted(request))
    if view is not None and request.method == "POST" and page.is_valid():
        try:
            services.save_self_check(
                organization=membership.organization,
                edition=view.edition,
                changes=page.changes(),
                user=request.user,
            )
        except DeclarationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your organization's self-check is saved."))
            return redirect("declarations:self_check")
    return render(
        request,
        "declarations/self_check.html",
        {"organization": membership.organization, "check": view, "page": page},
    )
