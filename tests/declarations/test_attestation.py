"""A signatory attests a complete draft; it becomes a published, frozen record."""

import hashlib
import json

import pytest
from django.urls import reverse
from django.utils import translation

from declarations.errors import DeclarationError
from declarations.models import Answer, Declaration
from portal.models import Organization
from tests.conftest import attest, login_verified


def test_attesting_publishes_with_a_serial_a_digest_and_a_year_of_validity(published):
    assert published.status == Declaration.Status.PUBLISHED
    assert published.serial.startswith("JPD-")
    assert published.digest == hashlib.sha256(published.canonical_json.encode()).hexdigest()
    assert (published.valid_until - published.attested_at.date()).days in (365, 366)
    assert published.pdf_state == Declaration.PdfState.PENDING
    assert published.events.last().to_status == "published"


def test_the_record_holds_every_answer_of_the_package_by_code(published, minimum):
    record = json.loads(published.canonical_json)
    codes = [s.code for s in minimum.statements.all()]
    assert sorted(record["answers"]) == sorted(codes)
    assert record["organization"]["corporate_number"] == published.organization.corporate_number
    assert record["guideline"] == {
        "edition": "2024-09",
        "content_digest": published.edition.content_digest,
        "title": record["guideline"]["title"],
    }
    assert record["signatory"] == {"name": "署名 三郎", "title": "代表取締役"}
    assert record["serial"] == published.serial
    assert record["valid_until"] == published.valid_until.isoformat()
    assert record["attested_at"].endswith("Z")


def test_a_wrong_password_is_refused(complete_draft, sam):
    with pytest.raises(DeclarationError):
        attest(complete_draft, sam, password="wrong")
    complete_draft.refresh_from_db()
    assert complete_draft.is_draft and complete_draft.serial is None


def test_a_draft_with_a_missing_answer_cannot_be_attested(complete_draft, sam):
    Answer.objects.filter(declaration=complete_draft).filter(statement__code="(1)-2").update(
        status=""
    )
    with translation.override("en"), pytest.raises(DeclarationError, match="not answered"):
        attest(complete_draft, sam)


def test_an_unapproved_organization_cannot_publish(complete_draft, sam, acme):
    Organization.objects.filter(pk=acme.pk).update(status=Organization.Status.PENDING)
    complete_draft.organization.refresh_from_db()
    with translation.override("en"), pytest.raises(DeclarationError, match="approved"):
        attest(complete_draft, sam)


def test_the_attest_page_says_why_a_draft_is_not_ready(client, acme_draft, sam):
    login_verified(client, sam)
    response = client.get(reverse("declarations:attest", args=[acme_draft.pk]))
    assert response.status_code == 200
    assert b'id="attest-problems"' in response.content


def test_a_signatory_attests_through_the_page(client, complete_draft, sam, portal_pki):
    login_verified(client, sam)
    url = reverse("declarations:attest", args=[complete_draft.pk])
    page = client.get(url)
    assert "虚偽の宣言" in page.content.decode()  # the legal statement, in full
    response = client.post(
        url,
        {
            "signatory_name": "署名 三郎",
            "signatory_title": "代表取締役",
            "confirm": "on",
            "password": "correct horse battery",
        },
    )
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.status == Declaration.Status.PUBLISHED


@pytest.mark.parametrize("who", ["alice", "vera", "ada", "otto", "pat"])
def test_only_a_signatory_can_attest(client, complete_draft, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("declarations:attest", args=[complete_draft.pk]))
    assert response.status_code in (403, 404)


def test_a_signatory_finds_the_attest_button_on_the_complete_draft_itself(
    client, complete_draft, sam, alice
):
    url = reverse("declarations:declaration_detail", args=[complete_draft.pk])
    client.force_login(sam)
    assert 'id="attest-link"' in client.get(url).content.decode()
    client.force_login(alice)
    assert 'id="attest-link"' not in client.get(url).content.decode()
