"""Sign-up, email confirmation, the profile, organizations, members and invitations.

Each view reads a form, calls a service from ``services.py`` and redirects; an
``OrganizationError`` becomes a message. Access goes through ``permissions.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .forms import (
    InvitationForm,
    OrganizationForm,
    ProfileForm,
    ResendConfirmationForm,
    RoleForm,
    SignupForm,
)
from .http import AuthenticatedHttpRequest
from .models import Invitation, Role
from .permissions import (
    get_invitation_for_user,
    get_membership_for_user,
    get_organization_for_user,
    memberships_of,
)
from .services import OrganizationError

require_GET_or_POST = require_http_methods(["GET", "HEAD", "POST"])


# --- Sign-up and email confirmation ---------------------------------------------------------


@require_GET_or_POST
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    invitation = _open_invitation(request.GET.get("invitation", ""))
    initial = {"email": invitation.email} if invitation else {}
    form = SignupForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        services.register_user(
            email=data["email"],
            full_name=data["full_name"],
            language=data["language"],
            password=data["password1"],
        )
        return redirect("accounts:signup_done")
    return render(request, "portal/user_signup.html", {"form": form, "invitation": invitation})


@require_safe
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/user_signup_done.html")


@require_GET_or_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # The link opens a page with a button rather than confirming on GET: mail
    # scanners that prefetch links must not use it up, and nobody can sign a
    # visitor into an account of theirs by making the browser load a link.
    try:
        if request.method != "POST":
            user = services.user_for_confirmation(token=token)
            return render(request, "portal/email_confirm.html", {"confirming": user})
        user = services.confirm_email(token=token)
    except OrganizationError as error:
        form = ResendConfirmationForm()
        context = {"error": str(error), "form": form}
        return render(request, "portal/email_confirm_invalid.html", context, status=400)
    # Signed in by the link, not a password: the model backend, not the throttling one.
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed. Welcome!"))
    return redirect("accounts:welcome")


@require_GET_or_POST
def confirm_resend(request: HttpRequest) -> HttpResponse:
    form = ResendConfirmationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.resend_confirmation(email=form.cleaned_data["email"])
        return redirect("accounts:signup_done")
    return render(request, "portal/email_confirm_resend.html", {"form": form})


@require_safe
@login_required
def welcome(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What next, after confirming: accept an invitation or register an organization."""
    invitations = (
        Invitation.objects.pending()
        .filter(email__iexact=request.user.email)
        .select_related("organization")
    )
    return render(
        request,
        "portal/user_welcome.html",
        {"invitations": invitations, "memberships": memberships_of(request.user)},
    )


@require_safe
@login_required
def landing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where signing in leads when no page asked for it (LOGIN_REDIRECT_URL): the home
    page, which shows each person the work of their roles (a procurer's starts with a
    search of the registry)."""
    return redirect("home")


# --- My account ------------------------------------------------------------------------------


@require_GET_or_POST
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {"full_name": user.full_name, "language": user.language}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "portal/user_profile.html",
        {"form": form, "memberships": memberships_of(user)},
    )


# --- Organizations and their members ----------------------------------------------------------


@require_GET_or_POST
@login_required
def organization_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            organization = services.register_organization(user=request.user, **form.cleaned_data)
        except OrganizationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is registered and waits for the site admin's approval.")
                % {"name": organization},
            )
            return redirect("accounts:members", organization_pk=organization.pk)
    return render(request, "portal/organization_create.html", {"form": form})


@require_safe
@login_required
def members(request: AuthenticatedHttpRequest, organization_pk: int) -> HttpResponse:
    organization, membership = get_organization_for_user(request, organization_pk)
    is_admin = membership.role == Role.ADMIN
    context = {
        "organization": organization,
        "membership": membership,
        "is_admin": is_admin,
        "members": organization.memberships.select_related("user").order_by("created_at"),
        "role_choices": [(role.value, role.label) for role in organization.roles],
    }
    if is_admin:
        context["invitations"] = organization.invitations.pending().select_related("invited_by")
    return render(request, "portal/member_list.html", context)


@require_GET_or_POST
@login_required
def invite(request: AuthenticatedHttpRequest, organization_pk: int) -> HttpResponse:
    organization, _membership = get_organization_for_user(request, organization_pk, manage=True)
    form = InvitationForm(
        request.POST if request.method == "POST" else None, organization=organization
    )
    if form.is_valid():
        try:
            invitation = services.invite_member(
                organization=organization, invited_by=request.user, **form.cleaned_data
            )
        except OrganizationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:members", organization_pk=organization.pk)
    return render(
        request, "portal/invitation_create.html", {"form": form, "organization": organization}
    )


@require_POST
@login_required
def member_role(
    request: AuthenticatedHttpRequest, organization_pk: int, membership_pk: int
) -> HttpResponse:
    membership = get_membership_for_user(request, organization_pk, membership_pk)
    form = RoleForm(request.POST, organization=membership.organization)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the roles offered."))
    else:
        try:
            services.change_role(
                membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
        except OrganizationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(user)s is now: %(role)s.")
                % {"user": membership.user, "role": membership.get_role_display()},
            )
    return redirect("accounts:members", organization_pk=organization_pk)


@require_POST
@login_required
def member_remove(
    request: AuthenticatedHttpRequest, organization_pk: int, membership_pk: int
) -> HttpResponse:
    membership = get_membership_for_user(request, organization_pk, membership_pk)
    try:
        services.remove_member(membership=membership, actor=request.user)
    except OrganizationError as error:
        messages.error(request, str(error))
        return redirect("accounts:members", organization_pk=organization_pk)
    if membership.user_id == request.user.pk:
        messages.success(request, _("You have left %(name)s.") % {"name": membership.organization})
        return redirect("accounts:profile")
    messages.success(
        request,
        _("%(user)s is no longer a member of %(name)s.")
        % {"user": membership.user, "name": membership.organization},
    )
    return redirect("accounts:members", organization_pk=organization_pk)


@require_POST
@login_required
def invitation_cancel(
    request: AuthenticatedHttpRequest, organization_pk: int, invitation_pk: int
) -> HttpResponse:
    invitation = get_invitation_for_user(request, organization_pk, invitation_pk)
    try:
        services.cancel_invitation(invitation=invitation, actor=request.user)
    except OrganizationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
        )
    return redirect("accounts:members", organization_pk=organization_pk)


# --- Invitations, for the invited ------------------------------------------------------------


def _open_invitation(token: str) -> Invitation | None:
    invitation = Invitation.objects.filter(token=token).first() if token else None
    return invitation if invitation and invitation.is_pending else None


@require_GET_or_POST
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation email. The token is the credential: no login to see it."""
    found = (
        Invitation.objects.select_related("organization", "invited_by").filter(token=token).first()
    )
    if found is None or not found.is_pending:
        return render(
            request,
            "portal/invitation_invalid.html",
            {"invitation": found},
            status=404 if found is None else 410,
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = services.accept_invitation(invitation=found, user=request.user)
        except OrganizationError as error:
            messages.error(request, str(error))
            return redirect("accounts:invitation", token=token)
        messages.success(
            request,
            _("You are now a member of %(name)s (%(role)s).")
            % {"name": membership.organization, "role": membership.get_role_display()},
        )
        return redirect("accounts:members", organization_pk=membership.organization_id)
    signup_url = reverse("accounts:signup") + "?invitation=" + token
    return render(
        request,
        "portal/invitation_detail.html",
        {
            "invitation": found,
            "for_me": found.is_addressed_to(request.user),
            "signup_url": signup_url,
        },
    )
