"""A statement's category is chosen among its own edition's categories, never a look-alike."""

import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Category, Statement
from guidelines.services import start_draft_from
from tests.conftest import login_verified


def _choices(response) -> list[tuple[str, str]]:
    field = response.context["adminform"].form.fields["category"]
    return [(str(value), label) for value, label in field.choices if value]


def test_a_draft_statement_is_offered_only_its_own_editions_categories(client, root, guideline):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    response = client.get(f"/admin/guidelines/statement/{statement.pk}/change/")
    offered = {int(value) for value, _ in _choices(response)}
    assert offered == set(Category.objects.filter(edition=draft).values_list("pk", flat=True))


def test_on_add_each_category_is_labelled_with_its_edition(client, root, guideline):
    login_verified(client, root)
    start_draft_from(edition=guideline, label="2026-01")
    start_draft_from(edition=guideline, label="2026-02")
    response = client.get("/admin/guidelines/statement/add/")
    labels = [label for _, label in _choices(response)]
    assert len(labels) == 12 and len(set(labels)) == 12
    assert all(label.startswith(("2026-01 · ", "2026-02 · ")) for label in labels)
    # Published editions take no new statements.
    assert not any(label.startswith("2024-09") for label in labels)


def test_the_statement_form_groups_the_provenance_fields(client, root, guideline):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    html = client.get(f"/admin/guidelines/statement/{statement.pk}/change/").content.decode()
    for name in ("title_source", "description_source_page", "alignment_source", "effect_source"):
        assert f'name="{name}"' in html
    assert "Provenance" in html or "出典" in html


def test_a_seed_value_without_a_page_is_refused(guideline):
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-4")
    statement.effect_source = "seed"
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert "effect_source_page" in refused.value.message_dict
