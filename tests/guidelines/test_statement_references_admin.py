"""Admins link a draft statement to its references; a published one's links are history."""

from django.urls import reverse

from guidelines.models import Reference, Statement, StatementReference
from guidelines.services import start_draft_from
from tests.conftest import login_verified


def as_submitted(response) -> dict:
    """The change page's form data as a browser would send it back unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value not in (None, False):
                data[field.html_name] = "on" if value is True else value
    return data


def with_a_new_link(data: dict, reference: Reference, locator: str) -> dict:
    row = int(data["links-TOTAL_FORMS"])
    return {
        **data,
        "links-TOTAL_FORMS": row + 1,
        f"links-{row}-reference": reference.pk,
        f"links-{row}-locator_ja": locator,
        f"links-{row}-locator_en": locator,
        f"links-{row}-url": "https://example.test/ssdf#PW.9.9",
        f"links-{row}-source": "portal",
    }


def change_url(statement: Statement) -> str:
    return reverse("admin:guidelines_statement_change", args=[statement.pk])


def test_an_admin_adds_a_reference_to_a_statement_of_a_draft_edition(client, root, guideline):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    reference = Reference.objects.get(edition=draft, key="eu-cra")
    links_before = statement.links.count()
    page = client.get(change_url(statement))
    assert b'name="links-0-locator_ja"' in page.content
    assert b'name="links-0-locator_en"' in page.content

    data = with_a_new_link(as_submitted(page), reference, "Annex I, Part II (9)")
    response = client.post(change_url(statement), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    link = StatementReference.objects.get(statement=statement, locator_en="Annex I, Part II (9)")
    assert link.reference == reference and link.edition == draft
    assert statement.links.count() == links_before + 1


def test_a_draft_statement_is_offered_only_the_references_of_its_own_edition(
    client, root, guideline
):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    page = client.get(change_url(statement))
    (inline,) = page.context["inline_admin_formsets"]
    offered = inline.formset.empty_form.fields["reference"].queryset
    assert set(offered) == set(Reference.objects.filter(edition=draft))


def test_the_same_post_on_a_published_statement_changes_nothing(client, root, guideline):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    published = Statement.objects.get(edition=guideline, code="(1)-1")
    links_before = list(published.links.values_list("pk", "reference", "locator", "url"))
    data = with_a_new_link(
        as_submitted(client.get(change_url(Statement.objects.get(edition=draft, code="(1)-1")))),
        Reference.objects.get(edition=guideline, key="eu-cra"),
        "Annex I, Part II (9)",
    )
    data["links-0-id"] = published.links.first().pk
    data["links-0-locator_ja"] = "改ざん"

    response = client.post(change_url(published), data)

    assert response.status_code == 403
    assert list(published.links.values_list("pk", "reference", "locator", "url")) == links_before


def test_a_published_statement_shows_its_references_without_fields_to_edit(client, root, guideline):
    login_verified(client, root)
    published = Statement.objects.get(edition=guideline, code="(1)-1")
    page = client.get(change_url(published))
    assert page.status_code == 200
    assert published.links.first().locator.encode() in page.content
    for field in ("reference", "locator_ja", "locator_en", "url", "source", "note_ja", "DELETE"):
        assert f'name="links-0-{field}"'.encode() not in page.content
        assert f'name="links-__prefix__-{field}"'.encode() not in page.content


def test_a_mapping_said_to_be_the_seeds_needs_its_page(client, root, guideline):
    login_verified(client, root)
    draft = start_draft_from(edition=guideline, label="2026-01")
    statement = Statement.objects.get(edition=draft, code="(1)-1")
    reference = Reference.objects.get(edition=draft, key="eu-cra")
    data = with_a_new_link(as_submitted(client.get(change_url(statement))), reference, "Art. 99")
    row = int(data["links-TOTAL_FORMS"]) - 1
    data[f"links-{row}-source"] = "seed"

    response = client.post(change_url(statement), data)

    assert response.status_code == 200
    assert not StatementReference.objects.filter(statement=statement, locator_en="Art. 99").exists()
    assert "この対応を記載している方向性資料（案）のページ" in response.content.decode()
