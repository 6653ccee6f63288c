"""Inviting colleagues by email, and accepting, refusing or cancelling invitations."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.models import Invitation, Membership, Organization, Role
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .helpers import link_in, make_invitation

pytestmark = pytest.mark.django_db


def invite_url(organization):
    return f"/en/accounts/organizations/{organization.pk}/invite/"


def cancel_url(organization_pk, invitation):
    return f"/en/accounts/organizations/{organization_pk}/invitations/{invitation.pk}/cancel/"


def invite(client, organization, email="newbie@acme.test", role="editor", language="en"):
    return client.post(
        invite_url(organization), {"email": email, "role": role, "language": language}
    )


# --- sending -----------------------------------------------------------------------------------


def test_an_admin_invites_a_colleague_by_email_with_a_role(
    client, ada, acme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, acme, email="Newbie@Acme.test", role="signatory")
    assert response.status_code == 302
    assert response.url == f"/en/accounts/organizations/{acme.pk}/members/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "newbie@acme.test",
        Role.SIGNATORY,
        ada,
    )
    (message,) = mailoutbox
    assert message.to == ["newbie@acme.test"]
    assert message.subject == "[Declaration portal] Invitation to join Acme Corp"
    assert link_in(message) == f"/en/accounts/invitations/{invitation.token}/"


def test_an_invitation_to_a_newcomer_is_in_the_language_the_admin_chose(
    client, ada, acme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, acme, role="editor", language="ja")
    (message,) = mailoutbox
    assert message.subject == "[自己適合宣言ポータル] アクメ株式会社 への招待"
    assert "編集者" in message.body  # the role, from the Japanese catalogue
    assert link_in(message).startswith("/accounts/invitations/")


def test_an_invitation_to_someone_with_an_account_is_in_their_own_language(
    client, ada, acme, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="bilingual@example.test", language="en")
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, acme, email="bilingual@example.test", language="ja")
    (message,) = mailoutbox
    assert message.subject.startswith("[Declaration portal]")
    assert "as Editor" in message.body


def test_vendors_offer_vendor_roles_and_procurers_offer_procurer_roles(client, ada, acme):
    buyer = OrganizationFactory(kind=Organization.Kind.PROCURER)
    procurer_admin = MembershipFactory(organization=buyer, role=Role.ADMIN).user
    client.force_login(ada)
    vendor_page = client.get(invite_url(acme)).content.decode()
    assert 'value="signatory"' in vendor_page and 'value="member"' not in vendor_page
    client.force_login(procurer_admin)
    procurer_page = client.get(invite_url(buyer)).content.decode()
    assert 'value="member"' in procurer_page and 'value="admin"' in procurer_page
    assert 'value="signatory"' not in procurer_page
    assert invite(client, buyer, role="signatory").status_code == 200  # refused by the form
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_is_refused(
    client, ada, alice, acme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, acme, email="ALICE@acme.test")
    assert response.status_code == 200
    assert "alice@acme.test is already a member." in response.content.decode()
    assert not mailoutbox


def test_inviting_the_same_address_twice_is_refused_until_the_first_is_cancelled(
    client, ada, acme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, acme)
        response = invite(client, acme)
    assert "already been invited" in response.content.decode()
    first = Invitation.objects.get()
    client.post(cancel_url(acme.pk, first))
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(client, acme).status_code == 302
    assert len(mailoutbox) == 2 and Invitation.objects.get().pk != first.pk


def test_an_expired_invitation_is_replaced_by_a_new_one(client, ada, acme):
    old = make_invitation(acme, "newbie@acme.test", created_at=timezone.now() - timedelta(days=15))
    client.force_login(ada)
    assert invite(client, acme).status_code == 302
    assert not Invitation.objects.filter(pk=old.pk).exists()


def test_a_viewer_gets_403_when_inviting(client, vera, acme):
    client.force_login(vera)
    assert client.get(invite_url(acme)).status_code == 403
    assert invite(client, acme).status_code == 403
    assert not Invitation.objects.exists()


def test_an_outsider_gets_404_when_inviting(client, otto, acme):
    client.force_login(otto)
    assert invite(client, acme).status_code == 404


# --- receiving ---------------------------------------------------------------------------------


@pytest.fixture
def invitation(acme, ada):
    return make_invitation(acme, "newbie@acme.test", role=Role.SIGNATORY, invited_by=ada)


def page(invitation):
    return f"/en/accounts/invitations/{invitation.token}/"


def test_the_invited_person_accepts_and_becomes_a_member(client, invitation, acme):
    newbie = UserFactory(email="newbie@acme.test")
    client.force_login(newbie)
    assert "Accept the invitation" in client.get(page(invitation)).content.decode()
    response = client.post(page(invitation))
    assert response.status_code == 302
    assert response.url == f"/en/accounts/organizations/{acme.pk}/members/"
    assert Membership.objects.get(user=newbie, organization=acme).role == Role.SIGNATORY
    invitation.refresh_from_db()
    assert invitation.accepted_by == newbie and invitation.accepted_at is not None


def test_an_anonymous_visitor_is_offered_to_sign_up_or_sign_in_and_come_back(client, invitation):
    html = client.get(page(invitation)).content.decode()
    assert f"/en/accounts/signup/?invitation={invitation.token}" in html
    assert "/en/accounts/login/?next=/en/accounts/invitations/" in html


def test_accepting_without_signing_in_leads_to_the_sign_in_page(client, invitation):
    response = client.post(page(invitation))
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=/en/accounts/invitations/")
    assert not Membership.objects.filter(user__email="newbie@acme.test").exists()


def test_someone_signed_in_with_another_address_gets_a_clear_message(client, invitation, otto):
    client.force_login(otto)
    html = client.get(page(invitation)).content.decode()
    assert "but this invitation was sent to newbie@acme.test" in html
    assert "Accept the invitation" not in html
    client.post(page(invitation))
    assert not Membership.objects.filter(user=otto, organization=invitation.organization).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_expired_invitation_shows_a_clear_page(client, invitation):
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        response = client.get(page(invitation))
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_a_used_invitation_shows_a_clear_page(client, invitation):
    client.force_login(UserFactory(email="newbie@acme.test"))
    client.post(page(invitation))
    response = client.get(page(invitation))
    assert response.status_code == 410
    assert "already been accepted" in response.content.decode()


def test_an_unknown_invitation_is_404_with_a_clear_page(client):
    response = client.get("/en/accounts/invitations/no-such-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_an_admin_cancels_an_invitation(client, ada, invitation):
    client.force_login(ada)
    url = cancel_url(invitation.organization_id, invitation)
    response = client.post(url)
    assert response.status_code == 302 and not Invitation.objects.exists()
    assert client.get(page(invitation)).status_code == 404


def test_an_editor_gets_403_when_cancelling_an_invitation(client, alice, invitation):
    client.force_login(alice)
    url = cancel_url(invitation.organization_id, invitation)
    assert client.post(url).status_code == 403
    assert Invitation.objects.exists()


def test_an_admin_cannot_cancel_another_organizations_invitation_through_their_own(
    client, otto, other_corp, invitation
):
    client.force_login(otto)
    url = cancel_url(other_corp.pk, invitation)
    assert client.post(url).status_code == 404
    assert Invitation.objects.exists()


# --- the whole way, for someone new ------------------------------------------------------------


def test_a_newcomer_signs_up_from_an_invitation_confirms_and_joins(
    client, ada, acme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, acme, email="newbie@acme.test", role="viewer")
    client.logout()
    invitation_page = link_in(mailoutbox[0])
    signup = client.get(invitation_page).content.decode()
    signup_url = signup.split('href="/en/accounts/signup/')[1].split('"')[0]
    password = "a long and unusual passphrase"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/" + signup_url,
            {
                "email": "newbie@acme.test",
                "full_name": "Newbie",
                "language": "en",
                "password1": password,
                "password2": password,
            },
        )
    client.post(link_in(mailoutbox[1], "/confirm/"))
    welcome = client.get("/en/accounts/welcome/").content.decode()
    assert invitation_page in welcome
    client.post(invitation_page)
    assert Membership.objects.get(user__email="newbie@acme.test", organization=acme).role == (
        Role.VIEWER
    )
