"""A mail server outage never fails an action: its emails wait in the outbox, and
the sweep sends each of them once the server is back."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from declarations.models import Declaration
from portal import emails, tasks
from portal.models import Invitation, OutgoingEmail
from tests.conftest import attest, broker_down
from tests.mail_backends import FAILING, WORKING

from .helpers import link_in

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = FAILING


def smtp_back(settings):
    settings.EMAIL_BACKEND = WORKING


def sweep_later() -> int:
    """The beat sweep, a few minutes on."""
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        return tasks.send_unsent_emails()


def test_signing_up_while_the_mail_server_is_down_sends_the_link_once_it_is_back(
    client, smtp_down, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "new@example.test",
                "full_name": "Nina Newcomer",
                "language": "en",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302 and response.url == "/en/accounts/signup/done/"
    assert not mailoutbox
    (email,) = OutgoingEmail.objects.all()
    assert email.sent_at is None and email.attempts == 1
    assert email.last_error.startswith("SMTPServerDisconnected")

    smtp_back(settings)
    assert sweep_later() == 1
    (message,) = mailoutbox
    assert message.to == ["new@example.test"]
    assert client.post(link_in(message, "/confirm/")).status_code == 302
    email.refresh_from_db()
    assert email.sent_at is not None and email.last_error == ""

    assert sweep_later() == 0
    assert len(mailoutbox) == 1


def test_inviting_while_the_mail_server_is_down_sends_the_invitation_once_it_is_back(
    client, ada, acme, smtp_down, settings, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/accounts/organizations/{acme.pk}/invite/",
            {"email": "newbie@acme.test", "role": "editor", "language": "en"},
        )
    assert response.status_code == 302
    assert response.url == f"/en/accounts/organizations/{acme.pk}/members/"
    invitation = Invitation.objects.get()
    assert not mailoutbox
    assert OutgoingEmail.objects.get().sent_at is None

    smtp_back(settings)
    assert sweep_later() == 1
    (message,) = mailoutbox
    assert message.to == ["newbie@acme.test"]
    assert link_in(message) == f"/en/accounts/invitations/{invitation.token}/"

    assert sweep_later() == 0
    assert len(mailoutbox) == 1


def test_attesting_while_the_mail_server_is_down_publishes_and_makes_the_pdf(
    complete_draft,
    sam,
    alice,
    portal_pki,
    smtp_down,
    settings,
    tmp_path,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        published = attest(complete_draft, sam)
    published.refresh_from_db()
    assert published.status == Declaration.Status.PUBLISHED
    assert published.pdf_state == Declaration.PdfState.READY
    assert not mailoutbox
    unsent = OutgoingEmail.objects.filter(sent_at__isnull=True)
    # "Published" to both, and Sam's "PDF ready" from inside the PDF task.
    assert sorted(unsent.values_list("recipient", flat=True)) == [
        "alice@acme.test",
        "sam@acme.test",
        "sam@acme.test",
    ]

    smtp_back(settings)
    assert sweep_later() == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@acme.test",
        "sam@acme.test",
        "sam@acme.test",
    ]
    assert not unsent.exists()


def test_an_email_queued_while_the_broker_is_down_is_sent_by_the_sweep(
    alice, eager_celery, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with broker_down(eager_celery, settings), django_capture_on_commit_callbacks(execute=True):
        emails.send_already_registered(alice)
    assert not mailoutbox
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None and email.attempts == 0  # never tried: no task ran

    assert sweep_later() == 1
    assert [m.to for m in mailoutbox] == [["alice@acme.test"]]
    email.refresh_from_db()
    assert email.sent_at is not None


def test_an_email_sent_in_an_action_that_rolls_back_is_never_sent(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emails.send_already_registered(alice)
        raise RuntimeError("the action failed after all")
    assert not OutgoingEmail.objects.exists() and not mailoutbox
