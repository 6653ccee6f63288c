"""After attesting, the message says what became of the PDF, as the page it leads to does.

Transactional, as a request is: the PDF task queued on commit runs (eagerly, as in
development) when the attestation commits, before the message is worded.
"""

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from declarations import tasks
from declarations.services import start_declaration
from guidelines.models import Package
from tests.conftest import FIXTURE, answer_everything, broker_down, login_verified


@pytest.fixture
def complete_draft(transactional_db, acme_product, alice):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    minimum = Package.objects.get(kind=Package.Kind.MINIMUM)
    draft = start_declaration(product=acme_product, package=minimum, user=alice)
    answer_everything(draft)
    return draft


FORM = {
    "signatory_name": "署名 三郎",
    "signatory_title": "代表取締役",
    "confirm": "on",
    "password": "correct horse battery",
}


@pytest.fixture
def attesting(client, complete_draft, sam, portal_pki, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    login_verified(client, sam)

    def post():
        response = client.post(
            "/en" + reverse("declarations:attest", args=[complete_draft.pk]), FORM
        )
        assert response.status_code == 302
        return [str(m) for m in get_messages(response.wsgi_request)]

    return post


def test_made_at_once_the_message_says_the_pdf_is_ready(attesting, eager_celery):
    (message,) = attesting()
    assert "Its signed PDF is ready" in message
    assert "being generated" not in message


def test_with_a_worker_to_come_it_says_the_pdf_is_being_generated(
    attesting, eager_celery, settings
):
    with broker_down(eager_celery, settings):
        (message,) = attesting()
    assert "being generated" in message


def test_a_pdf_that_failed_at_once_is_no_pdf_being_generated(attesting, eager_celery, monkeypatch):
    def broken(declaration):
        raise RuntimeError("no font")

    monkeypatch.setattr(tasks, "render_signed", broken)
    (message,) = attesting()
    assert "could not be made" in message
