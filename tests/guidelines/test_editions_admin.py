"""Admins publish drafts and start new drafts as deep copies."""

import pytest
from django.urls import reverse

from guidelines.models import Edition, Package, Statement, StatementReference
from guidelines.services import (
    EditionError,
    compute_digest,
    publish_edition,
    serialize_edition,
    start_draft_from,
)
from tests.conftest import login_verified


def test_start_new_draft_copies_the_whole_edition(guideline):
    draft = start_draft_from(edition=guideline, label="2026-01")
    assert draft.status == Edition.Status.DRAFT and draft.based_on == guideline
    assert Statement.objects.filter(edition=draft).count() == 21
    assert StatementReference.objects.filter(edition=draft).count() == (
        StatementReference.objects.filter(edition=guideline).count()
    )
    minimum = Package.objects.get(edition=draft, kind="minimum")
    assert sorted(s.code for s in minimum.statements.all()) == sorted(
        s.code for s in Package.objects.get(edition=guideline, kind="minimum").statements.all()
    )
    assert all(s.edition_id == draft.pk for s in minimum.statements.all())
    # The copy says the same as its source, under its own label.
    copy, source = serialize_edition(draft), serialize_edition(guideline)
    for data in (copy, source):
        data.pop("edition"), data.pop("issued_on")
    assert copy == source


def test_a_draft_is_editable_and_publishing_freezes_it_with_a_new_digest(guideline):
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-4")
    statement.difficulty = "low"
    statement.save()
    Package.objects.get(edition=draft, kind="minimum").statements.remove(statement)

    published = publish_edition(edition=draft)
    assert published.status == Edition.Status.PUBLISHED
    assert published.published_at is not None
    assert published.content_digest == compute_digest(published)
    assert published.content_digest != guideline.content_digest


def test_publishing_twice_is_refused(guideline):
    with pytest.raises(EditionError):
        publish_edition(edition=guideline)


def test_a_label_cannot_be_reused(guideline):
    with pytest.raises(EditionError):
        start_draft_from(edition=guideline, label="2024-09")


def test_admin_actions_start_a_draft_and_publish_it(client, root, guideline):
    login_verified(client, root)
    url = reverse("admin:guidelines_edition_changelist")
    response = client.post(
        url, {"action": "start_new_draft", "_selected_action": [guideline.pk]}, follow=True
    )
    assert response.status_code == 200
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert draft.based_on == guideline

    # The draft's statements have an edit form with both languages.
    statement = Statement.objects.get(edition=draft, code="(2)-1")
    change = client.get(reverse("admin:guidelines_statement_change", args=[statement.pk]))
    assert b'name="title_ja"' in change.content and b'name="title_en"' in change.content

    client.post(url, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    draft.refresh_from_db()
    assert draft.status == Edition.Status.PUBLISHED and len(draft.content_digest) == 64
