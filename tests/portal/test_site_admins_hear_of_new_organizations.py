"""A registered organization waits for approval: the site admins are told by email,
and find it in the admin's list under its "Pending approval" filter."""

import pytest

from portal import services
from portal.models import Organization, OutgoingEmail
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register(user):
    return services.register_organization(
        user=user, kind="vendor", name_ja="新規ソフト株式会社", corporate_number="1234567890123"
    )


@pytest.fixture
def newcomer():
    return UserFactory(email="new@shinki.example")


def test_every_active_site_admin_gets_an_email_through_the_outbox(root, newcomer):
    UserFactory(email="english@portal.test", is_staff=True, language="en")
    UserFactory(email="gone@portal.test", is_staff=True, is_active=False)
    organization = _register(newcomer)
    emails = {e.recipient: e for e in OutgoingEmail.objects.all()}
    assert set(emails) == {"root@portal.test", "english@portal.test"}
    english = emails["english@portal.test"]
    assert "新規ソフト株式会社" in english.subject
    assert "awaits approval" in english.subject
    assert f"/en/admin/portal/organization/{organization.pk}/change/" in english.body
    assert "1234567890123" in english.body


def test_no_one_else_gets_it(alice, newcomer):
    _register(newcomer)
    assert not OutgoingEmail.objects.filter(recipient__in=[alice.email, newcomer.email]).exists()


def test_a_refused_registration_sends_nothing(root, newcomer, acme):
    with pytest.raises(services.OrganizationError):
        services.register_organization(
            user=newcomer, kind="vendor", name_ja="重複", corporate_number=acme.corporate_number
        )
    assert not OutgoingEmail.objects.exists()


def test_the_admin_list_filters_the_organizations_awaiting_approval(client, root, acme):
    from tests.conftest import login_verified

    waiting = OrganizationFactory(status=Organization.Status.PENDING, name_ja="審査待ち株式会社")
    login_verified(client, root)
    page = client.get("/en/admin/portal/organization/").content.decode()
    assert "?status__exact=pending" in page  # the filter is offered
    page = client.get("/en/admin/portal/organization/?status__exact=pending").content.decode()
    assert waiting.name_ja in page
    assert acme.name_ja not in page


def test_the_queryset_lists_them_oldest_first(acme):
    first = OrganizationFactory(status=Organization.Status.PENDING)
    second = OrganizationFactory(status=Organization.Status.PENDING)
    assert list(Organization.objects.awaiting_approval()) == [first, second]
