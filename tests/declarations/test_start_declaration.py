"""An editor starts a draft for a product against a package of the latest edition."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration, DeclarationEvent
from declarations.services import start_declaration
from guidelines.models import Edition


def start_url(product, language=None):
    with translation.override(language or translation.get_language()):
        return reverse("declarations:declaration_start", kwargs={"product_pk": product.pk})


def test_the_start_page_offers_both_packages_with_their_statement_counts(
    client, alice, acme_product, guideline
):
    client.force_login(alice)
    response = client.get(start_url(acme_product, "en"))
    packages = {p.kind: p.statement_count for p in response.context["packages"]}
    assert packages == {"minimum": 13, "standard": 19}
    html = response.content.decode()
    assert 'name="package" value="minimum"' in html
    assert "13 statements" in html and "19 statements" in html


def test_starting_a_draft_creates_an_empty_answer_for_every_operator_statement(
    client, alice, acme_product, guideline
):
    client.force_login(alice)
    response = client.post(start_url(acme_product), {"package": "minimum"})
    draft = Declaration.objects.get()
    assert response["Location"] == reverse(
        "declarations:declaration_detail", kwargs={"declaration_pk": draft.pk}
    )
    assert draft.is_draft and draft.package.kind == "minimum" and draft.edition == guideline
    assert draft.organization == acme_product.organization and draft.created_by == alice
    answers = Answer.objects.filter(declaration=draft)
    assert answers.count() == 19
    assert not answers.exclude(status="").exists()
    assert set(answers.values_list("statement__category__party", flat=True)) == {"operator"}


def test_the_answers_are_inserted_in_one_statement(alice, acme_product, minimum):
    with CaptureQueriesContext(connection) as queries:
        start_declaration(product=acme_product, package=minimum, user=alice)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "declarations_answer"')]
    assert len(inserts) == 1


def test_starting_a_draft_is_recorded_in_its_history(alice, acme_draft):
    event = DeclarationEvent.objects.get(declaration=acme_draft)
    assert (event.from_status, event.to_status, event.actor) == ("", "draft", alice)


def test_a_second_draft_for_the_same_product_is_refused_with_the_first_one_to_continue(
    alice, acme_draft, standard
):
    with pytest.raises(DeclarationError) as refusal:
        start_declaration(product=acme_draft.product, package=standard, user=alice)
    assert refusal.value.existing == acme_draft
    assert Declaration.objects.count() == 1


def test_the_start_page_links_to_the_existing_draft_instead_of_failing(client, alice, acme_draft):
    client.force_login(alice)
    response = client.post(start_url(acme_draft.product), {"package": "standard"})
    assert response.status_code == 200
    detail = reverse("declarations:declaration_detail", kwargs={"declaration_pk": acme_draft.pk})
    assert f'href="{detail}"' in response.content.decode()
    assert Declaration.objects.count() == 1


def test_a_package_must_be_chosen(client, alice, acme_product, guideline):
    client.force_login(alice)
    response = client.post(start_url(acme_product, "en"), {})
    assert response.context["form"].errors["package"] == ["Choose a package."]
    assert not Declaration.objects.exists()


def test_a_draft_is_made_only_against_the_latest_published_edition(alice, acme_product, guideline):
    draft_edition = Edition.objects.create(label="2099-01", title="Next")
    package = draft_edition.package_set.create(kind="minimum", title="Minimum")
    with (
        translation.override("en"),
        pytest.raises(DeclarationError, match="latest published edition"),
    ):
        start_declaration(product=acme_product, package=package, user=alice)
