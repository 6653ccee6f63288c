"""Emails about a request, each to the people waiting on it, in their language.

The vendor hears from it through its admins and signatories, who answer
requests; the procurer through the person who made the request (or, should
that account be gone, the procurer organization's admins).
"""

from __future__ import annotations

from collections.abc import Iterable

from portal.emails import absolute_url, send
from portal.models import Role, User

from ..models import DeclarationRequest


def _vendor_people(declaration_request: DeclarationRequest) -> list[User]:
    if declaration_request.vendor is None:
        return []
    memberships = declaration_request.vendor.memberships.filter(
        role__in=[Role.ADMIN, Role.SIGNATORY]
    ).select_related("user")
    return [m.user for m in memberships if m.user.is_active]


def _requester(declaration_request: DeclarationRequest) -> list[User]:
    user = declaration_request.requested_by
    if user is not None and user.is_active:
        return [user]
    return list(declaration_request.procurer.admins())


def _notify(name: str, declaration_request: DeclarationRequest, users: Iterable[User]) -> None:
    for user in users:
        url = absolute_url(
            "declarations:request_detail",
            language=user.language,
            request_pk=declaration_request.pk,
        )
        send(
            f"request_{name}",
            to=user.email,
            language=user.language,
            context={"user": user, "request": declaration_request, "url": url},
        )


def request_received(declaration_request: DeclarationRequest) -> None:
    _notify("received", declaration_request, _vendor_people(declaration_request))


def request_invitation(declaration_request: DeclarationRequest) -> None:
    """To a vendor not registered yet: an invitation to sign up and register with its number."""
    address = declaration_request.invited_email
    known = User.objects.filter(email__iexact=address).first()
    language = known.language if known else declaration_request.invitation_language
    send(
        "request_invitation",
        to=address,
        language=language,
        context={
            "request": declaration_request,
            "signup_url": absolute_url("accounts:signup", language=language),
            "login_url": absolute_url("login", language=language),
        },
    )


def request_accepted(declaration_request: DeclarationRequest) -> None:
    _notify("accepted", declaration_request, _requester(declaration_request))


def request_declined(declaration_request: DeclarationRequest) -> None:
    _notify("declined", declaration_request, _requester(declaration_request))


def request_fulfilled(declaration_request: DeclarationRequest) -> None:
    _notify("fulfilled", declaration_request, _requester(declaration_request))


def request_due_soon(declaration_request: DeclarationRequest) -> None:
    _notify("reminder", declaration_request, _vendor_people(declaration_request))


def request_overdue(declaration_request: DeclarationRequest) -> None:
    people = {*_requester(declaration_request), *_vendor_people(declaration_request)}
    _notify("overdue", declaration_request, sorted(people, key=lambda u: u.pk))
