"""Switching a draft between Minimum and Standard keeps every answer."""

import pytest

from declarations.drafting.progress import draft_progress
from declarations.errors import DeclarationError
from declarations.models import Answer, DeclarationEvent
from declarations.services import change_package
from guidelines.models import Edition, Package

from .drafting import CONFORMANT, answer_url, page_data, url


def switch(client, draft, kind):
    return client.post(url("declaration_package", draft), {"package": kind})


def test_switching_to_standard_keeps_every_answer_and_counts_the_new_statements(
    client, alice, acme_draft
):
    client.force_login(alice)
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))
    before = Answer.objects.filter(declaration=acme_draft).count()

    response = switch(client, acme_draft, "standard")
    assert response.status_code == 302
    acme_draft.refresh_from_db()
    assert acme_draft.package.kind == "standard"
    assert Answer.objects.filter(declaration=acme_draft).count() == before == 19
    progress = draft_progress(acme_draft)
    assert (progress.overall.answered, progress.overall.total) == (3, 19)
    # (1)-1 is in Standard only: it now has a page and is unanswered.
    assert [
        f.answer.statement.code for f in client.get(answer_url(acme_draft, 1)).context["answers"]
    ] == ["(1)-1", "(1)-2", "(1)-3", "(1)-4"]
    assert client.get(answer_url(acme_draft, 5)).status_code == 200


def test_answers_outside_the_package_are_kept_but_not_counted_and_shown_apart(
    client, alice, acme_draft, standard, minimum
):
    change_package(declaration=acme_draft, package=standard, user=alice)
    client.force_login(alice)
    client.post(answer_url(acme_draft, 5), page_data(acme_draft, 5, every=CONFORMANT))
    client.post(answer_url(acme_draft, 1), page_data(acme_draft, 1, every=CONFORMANT))

    switch(client, acme_draft, "minimum")
    acme_draft.refresh_from_db()
    progress = draft_progress(acme_draft)
    assert (progress.overall.answered, progress.overall.total) == (3, 13)
    kept = Answer.objects.filter(declaration=acme_draft, status="conformant")
    assert set(kept.values_list("statement__code", flat=True)) == {
        "(1)-1",
        "(1)-2",
        "(1)-3",
        "(1)-4",
        "(5)-1",
        "(5)-2",
    }

    review = client.get(url("declaration_review", acme_draft))
    outside = [a.statement.code for a in review.context["review"].outside]
    assert outside == ["(1)-1", "(5)-1", "(5)-2"]
    assert 'id="outside-package"' in review.content.decode()

    switch(client, acme_draft, "standard")
    acme_draft.refresh_from_db()
    assert draft_progress(acme_draft).overall.answered == 6


def test_the_switch_is_written_into_the_drafts_history(alice, acme_draft, standard):
    change_package(declaration=acme_draft, package=standard, user=alice)
    event = DeclarationEvent.objects.filter(declaration=acme_draft).last()
    assert (event.from_status, event.to_status, event.actor) == ("draft", "draft", alice)
    assert "標準要求パッケージ" in event.reason or "Standard" in event.reason


def test_a_package_of_another_edition_is_refused(alice, acme_draft, guideline):
    other = Edition.objects.create(label="2099-01", title="Next")
    package = Package.objects.create(edition=other, kind="standard", title="Standard")
    with pytest.raises(DeclarationError):
        change_package(declaration=acme_draft, package=package, user=alice)


def test_a_viewer_cannot_switch_the_package(client, vera, acme_draft):
    client.force_login(vera)
    assert switch(client, acme_draft, "standard").status_code == 403
    acme_draft.refresh_from_db()
    assert acme_draft.package.kind == "minimum"
