"""Site admins see the outbox, what is unsent and why; nobody edits it."""

import pytest
from django.utils import timezone

from portal.models import OutgoingEmail
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

URL = "/en/admin/portal/outgoingemail/"


@pytest.fixture
def stuck():
    return OutgoingEmail.objects.create(
        recipient="stuck@example.test",
        subject="Invitation to join Acme Corp",
        body="Open https://portal.example/accounts/invitations/secret-token/",
        attempts=3,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )


@pytest.fixture
def gone():
    return OutgoingEmail.objects.create(
        recipient="gone@example.test", subject="Welcome", body="Hi", sent_at=timezone.now()
    )


def test_a_site_admin_lists_the_unsent_emails_and_why(client, root, stuck, gone):
    login_verified(client, root)
    page = client.get(URL, {"sent": "no"}).content.decode()
    assert "stuck@example.test" in page and "Connection unexpectedly closed" in page
    assert "gone@example.test" not in page


def test_the_outbox_is_read_only_and_keeps_the_links_in_the_body_to_itself(client, root, stuck):
    login_verified(client, root)
    page = client.get(f"{URL}{stuck.pk}/change/").content.decode()
    assert "stuck@example.test" in page and "secret-token" not in page
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}{stuck.pk}/delete/").status_code == 403
    client.post(f"{URL}{stuck.pk}/change/", {"recipient": "someone@else.test"})
    stuck.refresh_from_db()
    assert stuck.recipient == "stuck@example.test"


def test_organization_admins_do_not_see_the_outbox(client, ada, stuck):
    client.force_login(ada)
    assert client.get(URL).status_code == 302  # to the admin's login
