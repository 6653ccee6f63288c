"""A draft's page leads with what the reader may do now: sign, ask a signatory, or answer."""

import pytest
from django.urls import reverse

from portal.models import Organization

pytestmark = pytest.mark.django_db


def _page(client, user, declaration, prefix=""):
    client.force_login(user)
    url = prefix + reverse("declarations:declaration_detail", args=[declaration.pk])
    return client.get(url).content.decode()


def _primary(page: str) -> str:
    """The first button of the draft's actions: the page's primary action."""
    actions = page.split('id="draft-actions"', 1)[1]
    return actions.split("</a>", 1)[0]


def test_a_signatory_on_a_complete_draft_is_offered_to_sign_and_publish(
    client, sam, complete_draft
):
    page = _page(client, sam, complete_draft)
    primary = _primary(page)
    assert 'id="attest-link"' in primary
    assert reverse("declarations:attest", args=[complete_draft.pk]) in primary
    assert "署名して公開" in primary
    assert "閲覧" not in page.split('id="signatory-note"', 1)[1].split("</div>", 1)[0]


def test_in_english_it_says_sign_and_publish(client, sam, complete_draft):
    assert "Sign and publish" in _primary(_page(client, sam, complete_draft, prefix="/en"))


def test_a_signatory_on_an_unfinished_draft_reads_the_answers_and_learns_when_to_sign(
    client, sam, acme_draft
):
    page = _page(client, sam, acme_draft, prefix="/en")
    assert 'id="attest-link"' not in page
    assert "Read the answers" in _primary(page)
    assert "You sign and publish this draft once every statement is answered" in page


def test_an_editor_on_a_complete_draft_is_sent_to_review_and_ask_a_signatory(
    client, alice, sam, complete_draft
):
    page = _page(client, alice, complete_draft, prefix="/en")
    primary = _primary(page)
    assert 'id="review"' in primary and "ask a signatory" in primary
    assert 'id="attest-link"' not in page
    assert 'id="ask-signatory"' in page
    assert sam.email in page.split('id="ask-signatory"', 1)[1]


def test_an_editor_is_told_when_no_one_can_sign(client, alice, sam, complete_draft):
    sam.memberships.all().delete()
    assert 'id="no-signatory"' in _page(client, alice, complete_draft)


def test_an_editor_on_an_unfinished_draft_continues_answering(client, alice, acme_draft):
    primary = _primary(_page(client, alice, acme_draft, prefix="/en"))
    assert 'id="resume"' in primary and "Continue answering" in primary


def test_no_one_signs_for_an_organization_not_yet_approved(client, sam, complete_draft):
    Organization.objects.filter(pk=complete_draft.organization_id).update(
        status=Organization.Status.PENDING
    )
    page = _page(client, sam, complete_draft)
    assert 'id="attest-link"' not in page
    assert 'id="org-not-approved"' in page


def test_a_viewer_only_reads(client, vera, complete_draft):
    page = _page(client, vera, complete_draft, prefix="/en")
    assert 'id="attest-link"' not in page and 'id="ask-signatory"' not in page
    assert "You can read this draft" in page
