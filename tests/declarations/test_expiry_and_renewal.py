"""Declarations expire after their validity; vendors are reminded and renew."""

from datetime import timedelta

import time_machine

from declarations import services, tasks
from declarations.models import Declaration

S = Declaration.Status


def test_the_daily_task_expires_declarations_past_their_validity(published):
    with time_machine.travel(published.valid_until + timedelta(days=1)):
        result = tasks.daily_lifecycle()
    published.refresh_from_db()
    assert result["expired"] == 1 and published.status == S.EXPIRED
    assert published.events.last().actor is None


def test_nothing_expires_on_its_last_valid_day(published):
    assert services.expire_due_declarations(today=published.valid_until) == 0


def test_a_reminder_goes_out_once_30_days_before(
    published, mailoutbox, django_capture_on_commit_callbacks
):
    reminder_day = published.valid_until - timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_renewal_reminders(today=reminder_day - timedelta(days=1)) == 0
        assert services.send_renewal_reminders(today=reminder_day) == 1
        assert services.send_renewal_reminders(today=reminder_day + timedelta(days=1)) == 0
    assert any(published.serial in m.subject for m in mailoutbox)


def test_renewal_starts_a_draft_prefilled_with_the_previous_answers(published, alice):
    draft = services.renew_declaration(declaration=published, user=alice)
    assert draft.is_draft and draft.renewal_of == published
    old = {a.statement.code: a.explanation for a in published.answers.select_related("statement")}
    new = {a.statement.code: a.explanation for a in draft.answers.select_related("statement")}
    assert new == old
    assert published.status == S.PUBLISHED  # until the renewal is attested
