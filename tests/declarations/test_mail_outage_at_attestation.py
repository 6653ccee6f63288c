"""The signatory attests while the mail server is down: the page says it is
published, and the emails go out once the server is back."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from declarations.models import Declaration
from portal import tasks
from portal.models import OutgoingEmail
from tests.conftest import PASSWORD, login_verified
from tests.mail_backends import FAILING, WORKING


def test_the_attest_page_succeeds_and_the_emails_follow_later(
    client,
    complete_draft,
    sam,
    alice,
    portal_pki,
    settings,
    tmp_path,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = FAILING
    login_verified(client, sam)
    form = {
        "signatory_name": "署名 三郎",
        "signatory_title": "代表取締役",
        "confirm": "on",
        "password": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("declarations:attest", args=[complete_draft.pk]), form, follow=True
        )
    assert response.status_code == 200
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.PUBLISHED
    notices = " ".join(str(m) for m in response.context["messages"])
    assert complete_draft.serial in notices
    assert not mailoutbox and OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 3

    settings.EMAIL_BACKEND = WORKING
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert tasks.send_unsent_emails() == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@acme.test",
        "sam@acme.test",
        "sam@acme.test",
    ]
