"""A declaration's public summary: who declared what, its status and history, the counts
of each answer per category; the answers themselves for procurers, staff and the vendor."""

import json

import pytest
from django.core.files.base import ContentFile

from declarations import services
from declarations.models import Declaration
from declarations.registry.summary import by_category, shares
from tests.conftest import ANSWER_TEXT

from .registry import renew_and_attest


def _url(declaration, prefix=""):
    return f"{prefix}/registry/{declaration.serial}/"


def test_anyone_reads_who_declared_what(client, published):
    html = client.get(_url(published, "/en")).content.decode()
    assert "アクメ株式会社" in html and "Acme Corp" in html
    assert published.organization.corporate_number in html
    assert "Acme Cloud" in html and "3.2" in html
    assert "Minimum package" in html and "2024-09" in html
    assert published.digest in html
    assert f'href="/en/verify/{published.serial}/"' in html
    assert "In force, valid until" in html


def test_the_summary_shows_what_was_signed_not_what_the_product_became(client, published):
    product = published.product
    services.update_product(product=product, name="Renamed Cloud", kind="software", roles=[])
    html = client.get(_url(published)).content.decode()
    assert "Acme Cloud" in html and "Renamed Cloud" not in html


def test_the_counts_per_category_come_from_the_signed_record(client, published):
    record = json.loads(published.canonical_json)
    categories = by_category(record, {})
    assert sum(c.total for c in categories) == len(record["package"]["statements"])
    for category in categories:
        conformant = next(b for b in category.bars if b.status == "conformant")
        assert conformant.count == category.total and conformant.width == 100
    html = client.get(_url(published)).content.decode()
    assert 'id="answer-counts"' in html and "<caption>" in html
    assert "pw-100" in html and "style=" not in html


def test_chart_widths_add_up_to_a_full_bar():
    for counts in ([1, 1, 1, 0], [2, 1, 0, 0], [5, 0, 3, 1], [0, 0, 0, 0], [7, 0, 0, 0]):
        widths = shares(counts)
        assert all(w % 5 == 0 for w in widths)
        assert sum(widths) == (100 if sum(counts) else 0), counts


@pytest.mark.parametrize(
    "who,sees", [("pat", True), ("root", True), ("vera", True), ("sam", True), ("otto", False)]
)
def test_the_answers_are_shown_to_procurers_staff_and_the_vendor(
    client, published, who, sees, request
):
    client.force_login(request.getfixturevalue(who))
    html = client.get(_url(published)).content.decode()
    assert (ANSWER_TEXT in html) is sees
    assert ('id="answers-full"' in html) is sees
    assert ('class="answer-details' in html) is sees
    assert ('id="answers-restricted"' in html) is not sees


def test_the_public_does_not_see_the_answers(client, published):
    html = client.get(_url(published)).content.decode()
    assert ANSWER_TEXT not in html and "社内規程 SEC-001" not in html
    assert "/accounts/login/?next=" in html


def test_readers_get_the_pdf_link_once_the_pdf_is_ready(client, published, pat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pat)
    assert 'id="pdf-download"' not in client.get(_url(published)).content.decode()
    published.pdf_file.save("x.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
    Declaration.objects.filter(pk=published.pk).update(
        pdf_state=Declaration.PdfState.READY, pdf_file=published.pdf_file.name
    )
    html = client.get(_url(published)).content.decode()
    assert f'href="/registry/{published.serial}/pdf/"' in html
    assert client.get(f"/registry/{published.serial}/pdf/").status_code == 200
    assert client.get(f"/declarations/{published.pk}/pdf/").status_code == 200


def test_a_renewal_links_both_ways(client, published):
    renewal = renew_and_attest(published)
    old = client.get(_url(published, "/en")).content.decode()
    assert "Superseded on" in old and f"/en/registry/{renewal.serial}/" in old
    new = client.get(_url(renewal, "/en")).content.decode()
    assert f"/en/registry/{published.serial}/" in new and 'id="supersedes-link"' in new


def test_a_withdrawal_says_when_and_why(client, published, sam):
    services.withdraw_declaration(declaration=published, user=sam, reason="販売を終了したため")
    html = client.get(_url(published, "/en")).content.decode()
    assert "Withdrawn by the provider on" in html and "販売を終了したため" in html


def test_a_revocation_says_when_and_why(client, published, root):
    services.revoke_declaration(declaration=published, user=root, reason="虚偽の記載")
    html = client.get(_url(published, "/en")).content.decode()
    assert "Revoked by the portal on" in html and "虚偽の記載" in html


def test_a_draft_has_no_summary(client, acme_draft, alice):
    client.force_login(alice)
    assert client.get(f"/registry/{acme_draft.pk}/").status_code == 404


def test_a_lower_case_serial_finds_the_declaration(client, published):
    assert client.get(f"/registry/{published.serial.lower()}/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/registry/JPD-2000-AAAA-AAAA/",
        "/registry/..%2F..%2Fetc/",
        "/registry/a%2Fb/",
        "/registry/%00/",
        "/registry/JPD%00/",
        "/registry/" + "A" * 5000 + "/",
        "/registry/%E3%81%82/",
        "/registry/JPD-2000-AAAA-AAAA/badge.svg/",
    ],
)
def test_an_unknown_or_malformed_serial_is_a_styled_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="not-found"' in html and "/static/css/portal.css" in html


def test_the_declaration_page_links_to_its_public_summary(client, published, alice, pat):
    for reader in (alice, pat):
        client.force_login(reader)
        html = client.get(f"/declarations/{published.pk}/").content.decode()
        assert f'href="/registry/{published.serial}/"' in html


def test_a_procurer_reaches_a_declaration_page_from_the_registry_not_the_vendor_list(
    client, published, pat
):
    client.force_login(pat)
    html = client.get(f"/declarations/{published.pk}/").content.decode()
    assert 'href="/declarations/"' not in html and 'href="/products/' not in html
    assert 'href="/registry/"' in html
