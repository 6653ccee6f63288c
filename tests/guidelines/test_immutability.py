"""A published edition is history: nothing in it can change."""

import pytest
from django.db import transaction
from django.urls import reverse

from guidelines.models import (
    Category,
    Edition,
    FrozenEditionError,
    Package,
    PackageStatement,
    Statement,
)
from tests.conftest import login_verified


def test_saving_a_statement_of_a_published_edition_raises(guideline):
    statement = Statement.objects.get(edition=guideline, code="(1)-1")
    statement.title_ja = "改ざん"
    with pytest.raises(FrozenEditionError):
        statement.save()
    statement.refresh_from_db()
    assert statement.title_ja == "設計時のリスク評価と対策の追跡"


def test_deleting_anything_in_a_published_edition_raises(guideline):
    with pytest.raises(FrozenEditionError):
        Statement.objects.get(edition=guideline, code="(1)-1").delete()
    with pytest.raises(FrozenEditionError):
        Category.objects.filter(edition=guideline).delete()
    with pytest.raises(FrozenEditionError):
        guideline.delete()


def test_bulk_updates_of_a_published_edition_raise(guideline):
    with pytest.raises(FrozenEditionError):
        Statement.objects.filter(edition=guideline).update(difficulty="low")


def test_package_membership_of_a_published_edition_cannot_change(guideline):
    minimum = Package.objects.get(edition=guideline, kind="minimum")
    outsider = Statement.objects.get(edition=guideline, code="(1)-1")
    # Each attempt in its own savepoint: the related manager's own atomic
    # block marks the enclosing transaction as broken when it raises.
    with pytest.raises(FrozenEditionError), transaction.atomic():
        minimum.statements.add(outsider)
    with pytest.raises(FrozenEditionError), transaction.atomic():
        minimum.statements.clear()
    with pytest.raises(FrozenEditionError), transaction.atomic():
        PackageStatement.objects.filter(package=minimum).first().delete()
    assert minimum.statements.count() == 13


def test_adding_a_statement_to_a_published_edition_raises(guideline):
    category = Category.objects.get(edition=guideline, number=1)
    with pytest.raises(FrozenEditionError):
        Statement.objects.create(
            edition=guideline,
            category=category,
            code="(1)-9",
            position=9,
            title="x",
            alignment="matches_foreign",
            effect="direct",
            difficulty="low",
        )


def test_the_edition_text_cannot_change_but_it_can_retire(guideline):
    guideline.title_ja = "別の題"
    with pytest.raises(FrozenEditionError):
        guideline.save()
    guideline.refresh_from_db()
    guideline.status = Edition.Status.RETIRED
    guideline.save(update_fields=["status"])
    guideline.refresh_from_db()
    assert guideline.status == Edition.Status.RETIRED


def test_the_admin_offers_no_edit_form_for_a_published_statement(client, root, guideline):
    login_verified(client, root)
    statement = Statement.objects.get(edition=guideline, code="(1)-1")
    url = reverse("admin:guidelines_statement_change", args=[statement.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b'name="title_ja"' not in response.content  # view-only page
    response = client.post(url, {"title_ja": "改ざん", "code": "(1)-1"})
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.title_ja == "設計時のリスク評価と対策の追跡"


def test_the_admin_offers_no_delete_for_a_published_edition(client, root, guideline):
    login_verified(client, root)
    url = reverse("admin:guidelines_edition_delete", args=[guideline.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Edition.objects.filter(pk=guideline.pk).exists()


def test_a_draft_statement_cannot_point_at_a_category_of_another_edition(guideline):
    from django.core.exceptions import ValidationError

    from guidelines.services import start_draft_from

    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    statement.category = Category.objects.get(edition=guideline, number=1)
    with pytest.raises(ValidationError):
        statement.full_clean()


def test_every_frozen_model_has_the_guarded_manager():
    # Each concrete model declares it itself (see FrozenWithEdition): none may forget.
    from django.apps import apps

    from guidelines.models import FrozenGuardQuerySet, FrozenWithEdition

    frozen = [m for m in apps.get_models() if issubclass(m, FrozenWithEdition)]
    assert len(frozen) >= 7
    for model in frozen:
        assert isinstance(model.objects.all(), FrozenGuardQuerySet), model
        assert isinstance(model._default_manager.all(), FrozenGuardQuerySet), model
