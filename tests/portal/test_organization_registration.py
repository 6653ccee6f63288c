"""Registering an organization, and the site admin approving or rejecting it."""

import pytest

from portal.models import Membership, Organization, Role
from portal.permissions import is_procurer
from tests.conftest import login_verified
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/accounts/organizations/new/"


def form(**fields):
    return {
        "kind": "vendor",
        "name_ja": "新規ソフト株式会社",
        "name_en": "New Soft K.K.",
        "corporate_number": "7000012050002",
        "address": "東京都千代田区",
        "contact_email": "psirt@newsoft.example",
        "contact_phone": "03-0000-0000",
        "website": "https://newsoft.example",
        **fields,
    }


def test_registering_a_vendor_makes_the_user_its_admin_and_leaves_it_pending(client, alice):
    client.force_login(alice)
    response = client.post(URL, form())
    organization = Organization.objects.get(corporate_number="7000012050002")
    assert response.status_code == 302
    assert response.url == f"/en/accounts/organizations/{organization.pk}/members/"
    assert organization.status == Organization.Status.PENDING and organization.is_vendor
    assert Membership.objects.get(organization=organization).role == Role.ADMIN


def test_registering_a_procurer_makes_the_user_its_admin(client, alice):
    client.force_login(alice)
    client.post(URL, form(kind="procurer"))
    organization = Organization.objects.get(corporate_number="7000012050002")
    assert organization.kind == Organization.Kind.PROCURER
    assert organization.memberships.get().role == Role.ADMIN
    assert organization.roles == (Role.ADMIN, Role.MEMBER)


def test_full_width_digits_and_hyphens_in_the_corporate_number_are_accepted(client, alice):
    client.force_login(alice)
    client.post(URL, form(corporate_number="７０００－０１２０-５０００２"))
    assert Organization.objects.filter(corporate_number="7000012050002").exists()


def test_a_wrong_check_digit_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(URL, form(corporate_number="8000012050002"))
    assert response.status_code == 200
    assert "check digit is wrong" in response.content.decode()
    assert not Organization.objects.filter(corporate_number="8000012050002").exists()


def test_a_duplicate_corporate_number_gets_a_friendly_error(client, alice, acme):
    client.force_login(alice)
    response = client.post(URL, form(corporate_number=acme.corporate_number))
    html = response.content.decode()
    assert response.status_code == 200
    assert "already registered on the portal" in html and "invite you" in html
    assert Organization.objects.filter(corporate_number=acme.corporate_number).count() == 1


def test_the_japanese_name_is_required_and_the_errors_are_summarised(client, alice):
    client.force_login(alice)
    response = client.post(URL, form(name_ja=""))
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_name_ja"' in html
    assert not Organization.objects.filter(corporate_number="7000012050002").exists()


def test_a_pending_organization_shows_the_approval_banner(client, alice):
    client.force_login(alice)
    response = client.post(URL, form(), follow=True)
    html = response.content.decode()
    assert "Pending approval by the site admin." in html
    assert "You can prepare drafts but not publish declarations" in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")


def test_a_pending_procurer_does_not_count_as_a_procurer_until_approved(buyer_org):
    pending = OrganizationFactory(kind="procurer", status=Organization.Status.PENDING)
    newcomer = MembershipFactory(organization=pending, role=Role.ADMIN).user
    assert not is_procurer(newcomer)
    pending.status = Organization.Status.APPROVED
    pending.save()
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)  # a fresh request, a fresh cache
    assert is_procurer(newcomer)


# --- the site admin ----------------------------------------------------------------------------


@pytest.fixture
def pending_org():
    organization = OrganizationFactory(status=Organization.Status.PENDING, name_en="Pending Co")
    for email, language in [("en-admin@pending.test", "en"), ("ja-admin@pending.test", "ja")]:
        MembershipFactory(
            organization=organization,
            role=Role.ADMIN,
            user=UserFactory(email=email, language=language),
        )
    MembershipFactory(organization=organization, role=Role.EDITOR)  # no email for editors
    return organization


def admin_action(client, action, organization, prefix=""):
    """Run an admin action; ``prefix="/en"`` for the English admin."""
    return client.post(
        f"{prefix}/admin/portal/organization/",
        {"action": action, "_selected_action": [organization.pk]},
        follow=True,
    )


def test_approving_in_the_admin_emails_each_organization_admin_in_their_language(
    client, root, pending_org, mailoutbox, django_capture_on_commit_callbacks
):
    login_verified(client, root)
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(client, "approve", pending_org)
    pending_org.refresh_from_db()
    assert pending_org.is_approved and pending_org.approved_at is not None
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"en-admin@pending.test", "ja-admin@pending.test"}
    english, japanese = by_recipient["en-admin@pending.test"], by_recipient["ja-admin@pending.test"]
    assert english.subject == "[Declaration portal] Pending Co is approved"
    assert f"/en/accounts/organizations/{pending_org.pk}/members/" in english.body
    assert japanese.subject.startswith("[自己適合宣言ポータル]")
    assert pending_org.name_ja in japanese.subject  # organization names follow the language too
    assert f"/accounts/organizations/{pending_org.pk}/members/" in japanese.body
    assert "/en/" not in japanese.body


def test_rejecting_in_the_admin_marks_it_rejected_and_tells_its_admins(
    client, root, pending_org, mailoutbox, django_capture_on_commit_callbacks
):
    login_verified(client, root)
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(client, "reject", pending_org)
    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.REJECTED
    assert len(mailoutbox) == 2
    assert "was not approved" in {m.to[0]: m for m in mailoutbox}["en-admin@pending.test"].subject


def test_an_approved_organization_cannot_be_rejected(
    client, root, acme, ada, mailoutbox, django_capture_on_commit_callbacks
):
    login_verified(client, root)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_action(client, "reject", acme, prefix="/en")
    acme.refresh_from_db()
    assert acme.is_approved and not mailoutbox
    assert "not pending approval" in response.content.decode()


def test_approving_twice_does_not_email_twice(
    client, root, pending_org, mailoutbox, django_capture_on_commit_callbacks
):
    login_verified(client, root)
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(client, "approve", pending_org)
        admin_action(client, "approve", pending_org)
    assert len(mailoutbox) == 2
