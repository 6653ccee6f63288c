"""The members page: who is in, their roles, and what an organization admin may change."""

import pytest

from portal.models import Membership, Organization, Role
from tests.factories import MembershipFactory, OrganizationFactory

from .helpers import make_invitation

pytestmark = pytest.mark.django_db


def members_url(organization):
    return f"/en/accounts/organizations/{organization.pk}/members/"


def role_url(membership):
    return f"{members_url(membership.organization)}{membership.pk}/role/"


def remove_url(membership):
    return f"{members_url(membership.organization)}{membership.pk}/remove/"


def membership(user):
    return Membership.objects.get(user=user)


def test_members_see_who_is_in_the_organization_and_their_roles(client, vera, alice, acme):
    client.force_login(vera)
    response = client.get(members_url(acme))
    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@acme.test" in html and "vera@acme.test" in html and "Editor" in html


def test_an_outsider_gets_404_on_the_members_page(client, otto, acme):
    client.force_login(otto)
    assert client.get(members_url(acme)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, acme):
    response = client.get(members_url(acme))
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def test_members_who_are_not_admins_see_no_invitations_or_controls(client, vera, acme, ada):
    make_invitation(acme, "secret-hire@acme.test")
    client.force_login(vera)
    html = client.get(members_url(acme)).content.decode()
    assert "secret-hire@acme.test" not in html
    assert "Invite a colleague" not in html and "/remove/" not in html


def test_admins_see_pending_invitations(client, ada, acme):
    make_invitation(acme, "new-hire@acme.test", role=Role.SIGNATORY)
    client.force_login(ada)
    html = client.get(members_url(acme)).content.decode()
    assert "new-hire@acme.test" in html and "Invite a colleague" in html


def test_admins_see_an_empty_state_when_no_invitation_is_pending(client, ada, acme):
    client.force_login(ada)
    assert "No pending invitations." in client.get(members_url(acme)).content.decode()


def test_an_admin_changes_a_members_role(client, ada, alice):
    client.force_login(ada)
    response = client.post(role_url(membership(alice)), {"role": "signatory"}, follow=True)
    assert membership(alice).role == Role.SIGNATORY
    assert "is now: Signatory" in response.content.decode()


def test_a_viewer_gets_403_when_changing_a_role(client, vera, alice):
    client.force_login(vera)
    assert client.post(role_url(membership(alice)), {"role": "admin"}).status_code == 403
    assert membership(alice).role == Role.EDITOR


def test_a_vendor_member_cannot_be_given_a_procurer_role(client, ada, alice):
    client.force_login(ada)
    response = client.post(role_url(membership(alice)), {"role": "member"}, follow=True)
    assert membership(alice).role == Role.EDITOR
    assert "Please choose one of the roles offered." in response.content.decode()


def test_the_last_admin_cannot_demote_themselves(client, ada, alice):
    client.force_login(ada)
    response = client.post(role_url(membership(ada)), {"role": "editor"}, follow=True)
    assert membership(ada).role == Role.ADMIN
    assert "An organization needs at least one admin." in response.content.decode()


def test_the_last_admin_cannot_remove_themselves(client, ada, alice):
    client.force_login(ada)
    response = client.post(remove_url(membership(ada)), follow=True)
    assert Membership.objects.filter(user=ada).exists()
    assert "An organization needs at least one admin." in response.content.decode()


def test_an_admin_may_step_down_when_another_admin_remains(client, ada, alice):
    Membership.objects.filter(user=alice).update(role=Role.ADMIN)
    client.force_login(ada)
    client.post(role_url(membership(ada)), {"role": "viewer"})
    assert membership(ada).role == Role.VIEWER


def test_an_admin_may_leave_when_another_admin_remains(client, ada, alice):
    Membership.objects.filter(user=alice).update(role=Role.ADMIN)
    client.force_login(ada)
    response = client.post(remove_url(membership(ada)))
    assert response.status_code == 302 and response.url == "/en/accounts/profile/"
    assert not Membership.objects.filter(user=ada).exists()


def test_an_admin_removes_a_member(client, ada, alice, acme):
    client.force_login(ada)
    response = client.post(remove_url(membership(alice)))
    assert response.status_code == 302 and response.url == members_url(acme)
    assert not Membership.objects.filter(user=alice).exists()


def test_an_editor_gets_403_when_removing_a_member(client, alice, vera):
    client.force_login(alice)
    assert client.post(remove_url(membership(vera))).status_code == 403
    assert Membership.objects.filter(user=vera).exists()


def test_a_membership_of_another_organization_is_404_even_for_an_admin(client, ada, acme, otto):
    client.force_login(ada)
    smuggled = f"{members_url(acme)}{membership(otto).pk}/remove/"
    assert client.post(smuggled).status_code == 404
    assert Membership.objects.filter(user=otto).exists()


def test_changing_and_removing_accept_only_post(client, ada, alice):
    client.force_login(ada)
    assert client.get(role_url(membership(alice))).status_code == 405
    assert client.get(remove_url(membership(alice))).status_code == 405


def test_a_procurer_organization_has_admins_who_manage_its_members(client):
    buyer = OrganizationFactory(kind=Organization.Kind.PROCURER)
    boss = MembershipFactory(organization=buyer, role=Role.ADMIN).user
    clerk = MembershipFactory(organization=buyer, role=Role.MEMBER)
    client.force_login(boss)
    html = client.get(members_url(buyer)).content.decode()
    assert '<option value="member"' in html and '<option value="editor"' not in html
    client.post(role_url(clerk), {"role": "admin"})
    clerk.refresh_from_db()
    assert clerk.role == Role.ADMIN


def test_a_procurer_member_gets_403_when_inviting(client, pat, buyer_org):
    client.force_login(pat)
    url = f"/en/accounts/organizations/{buyer_org.pk}/invite/"
    assert client.get(url).status_code == 403
