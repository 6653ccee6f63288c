"""Past its deadline a request is flagged overdue on both sides; vendors are reminded before."""

import datetime

import time_machine
from django.utils import timezone

from declarations import tasks
from declarations.models import DeclarationRequest
from declarations.services.requests import (
    REMINDER_DAYS,
    flag_overdue_requests,
    send_request_reminders,
    start_draft_for_request,
)
from tests.conftest import answer_everything, attest

from .requesting import request_from

R = DeclarationRequest.Status


def test_the_daily_task_flags_a_request_past_its_deadline_once(
    pat, acme_product, ada, sam, mailoutbox, django_capture_on_commit_callbacks
):
    made = request_from(pat, acme_product, days=3)
    mailoutbox.clear()
    late = made.deadline + datetime.timedelta(days=1)
    with time_machine.travel(late), django_capture_on_commit_callbacks(execute=True):
        assert tasks.daily_requests()["overdue"] == 1
        assert tasks.daily_requests()["overdue"] == 0
    made.refresh_from_db()
    assert made.status == R.OVERDUE
    overdue = [m for m in mailoutbox if "overdue" in m.subject.lower() or "期限" in m.subject]
    assert sorted(m.to[0] for m in overdue) == ["ada@acme.test", "pat@buyer.test", "sam@acme.test"]


def test_nothing_is_overdue_on_its_deadline_day(pat, acme_product):
    made = request_from(pat, acme_product, days=3)
    assert flag_overdue_requests(today=made.deadline) == 0


def test_the_vendor_is_reminded_once_before_the_deadline(
    pat, acme_product, ada, sam, mailoutbox, django_capture_on_commit_callbacks
):
    made = request_from(pat, acme_product, days=20)
    mailoutbox.clear()
    reminder_day = made.deadline - datetime.timedelta(days=REMINDER_DAYS)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_request_reminders(today=reminder_day - datetime.timedelta(days=1)) == 0
        assert send_request_reminders(today=reminder_day) == 1
        assert send_request_reminders(today=reminder_day + datetime.timedelta(days=1)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@acme.test", "sam@acme.test"]


def test_an_overdue_request_is_flagged_on_both_lists(client, pat, acme_product, ada):
    made = request_from(pat, acme_product, days=1)
    flag_overdue_requests(today=made.deadline + datetime.timedelta(days=1))
    for user, url in ((pat, "/requests/?show=overdue"), (ada, "/requests/incoming/?show=overdue")):
        client.force_login(user)
        response = client.get(url)
        assert [r.pk for r in response.context["requests"]] == [made.pk]
        assert 'data-status="overdue"' in response.content.decode()
    assert 'id="overdue-flag"' in client.get(f"/requests/{made.pk}/").content.decode()


def test_a_late_declaration_still_fulfils_an_overdue_request(pat, acme_product, sam, portal_pki):
    made = request_from(pat, acme_product, days=1)
    drafting = start_draft_for_request(declaration_request=made, user=sam, product=acme_product)
    flag_overdue_requests(today=made.deadline + datetime.timedelta(days=1))
    made.refresh_from_db()
    assert made.status == R.OVERDUE
    answer_everything(drafting.declaration)
    published = attest(drafting.declaration, sam)
    made.refresh_from_db()
    assert made.status == R.FULFILLED and made.declaration == published


def test_a_fulfilled_request_is_never_overdue(pat, published):
    made = request_from(pat, published.product, package_kind="minimum", days=1)
    assert made.status == R.FULFILLED
    assert flag_overdue_requests(today=timezone.localdate() + datetime.timedelta(days=5)) == 0
