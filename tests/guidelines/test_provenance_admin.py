"""Admins set every item's provenance on its change page, in a group of its own."""

import pytest

from guidelines.models import Category, Package, Responsibility
from guidelines.services import start_draft_from
from tests.conftest import login_verified


@pytest.fixture
def draft(guideline):
    return start_draft_from(edition=guideline, label="2026-01")


def test_each_change_page_offers_the_provenance_fields(client, root, draft):
    login_verified(client, root)
    pages = {
        f"/admin/guidelines/edition/{draft.pk}/change/": ["kind", "issued_by_ja", "source_page"],
        f"/admin/guidelines/responsibility/{Responsibility.objects.filter(edition=draft)[0].pk}"
        "/change/": ["title_source", "description_source_page"],
        f"/admin/guidelines/category/{Category.objects.filter(edition=draft)[0].pk}/change/": [
            "title_source",
            "summary_source_page",
        ],
        f"/admin/guidelines/package/{Package.objects.filter(edition=draft)[0].pk}/change/": [
            "derivation_ja",
            "description_source",
            "packagestatement_set-0-source",
        ],
    }
    for url, names in pages.items():
        html = client.get(url).content.decode()
        for name in names:
            assert f'name="{name}"' in html, (url, name)


def test_a_category_is_offered_only_its_own_editions_responsibilities(client, root, draft):
    login_verified(client, root)
    category = Category.objects.filter(edition=draft)[0]
    response = client.get(f"/admin/guidelines/category/{category.pk}/change/")
    field = response.context["adminform"].form.fields["responsibility"]
    offered = {int(str(value)) for value, _ in field.choices if value}
    assert offered == set(Responsibility.objects.filter(edition=draft).values_list("pk", flat=True))
