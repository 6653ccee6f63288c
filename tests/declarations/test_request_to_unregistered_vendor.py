"""A request to a vendor not on the portal yet: an invitation, then the request waits for it.

The request keeps the corporate number and the invited address; the portal
app knows nothing of requests. Once a vendor with that number is registered
and approved, the request is in its incoming list, and its first act
attaches the request to it.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from declarations.models import DeclarationRequest
from declarations.services.requests import accept_request, create_request
from portal import services as portal_services
from portal.models import Organization
from tests.factories import UserFactory, _corporate_number

NUMBER = _corporate_number(987654)


def _request(pat, **fields):
    return create_request(
        user=pat,
        corporate_number=NUMBER,
        vendor_name="未登録ソフト株式会社",
        invited_email="Security@Unregistered.example",
        product_description="未登録クラウド 2.0",
        package_kind="minimum",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        **fields,
    )


def test_the_invited_address_gets_a_link_to_sign_up(
    pat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = _request(pat, language="en")
    assert made.vendor is None and made.invited_email == "security@unregistered.example"
    [email] = mailoutbox
    assert email.to == ["security@unregistered.example"]
    assert "/en/accounts/signup/" in email.body and NUMBER in email.body
    assert "未登録クラウド 2.0" in email.body


def test_an_address_with_an_account_gets_it_in_its_own_language(
    pat, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="security@unregistered.example", language="ja")
    with django_capture_on_commit_callbacks(execute=True):
        _request(pat, language="en")
    assert "/accounts/signup/" in mailoutbox[0].body
    assert "/en/" not in mailoutbox[0].body


def test_an_invitation_needs_an_address(client, pat):
    client.force_login(pat)
    response = client.post(
        reverse("declarations:request_create"),
        {
            "corporate_number": NUMBER,
            "language": "ja",
            "product_description": "未登録クラウド",
            "package_kind": "minimum",
            "deadline": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
        },
    )
    assert response.context["form"].errors["invited_email"]


def test_once_registered_and_approved_the_vendor_finds_the_request_and_takes_it_over(client, pat):
    made = _request(pat)
    founder = UserFactory(email="security@unregistered.example")
    organization = portal_services.register_organization(
        user=founder,
        kind=Organization.Kind.VENDOR,
        name_ja="未登録ソフト株式会社",
        corporate_number=NUMBER,
    )
    client.force_login(founder)
    incoming = reverse("declarations:request_incoming")
    # Pending approval: nothing yet.
    assert list(client.get(incoming).context["requests"]) == []
    assert client.get(f"/requests/{made.pk}/").status_code == 404

    portal_services.approve_organization(organization=organization)
    client.force_login(founder)  # a fresh request re-reads the memberships
    assert [r.pk for r in client.get(incoming).context["requests"]] == [made.pk]
    assert client.get(f"/requests/{made.pk}/").status_code == 200

    accepted = accept_request(declaration_request=made, user=founder)
    assert accepted.vendor == organization and accepted.status == DeclarationRequest.Status.ACCEPTED
    made.refresh_from_db()
    assert made.vendor == organization


def test_another_vendor_never_sees_a_request_for_someone_elses_number(client, pat, otto):
    made = _request(pat)
    client.force_login(otto)
    assert list(client.get(reverse("declarations:request_incoming")).context["requests"]) == []
    assert client.get(f"/requests/{made.pk}/").status_code == 404
