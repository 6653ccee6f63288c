"""POST /api/v1/verify/ and GET /api/v1/verify/<serial>/: the page's verdicts as JSON."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from declarations import services, tasks


@pytest.fixture
def issued_pdf(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    tasks.generate_pdf.delay(published.pk)
    published.refresh_from_db()
    return published.pdf_file.read()


def upload(client, data: bytes, query: str = "", **headers):
    pdf = SimpleUploadedFile("declaration.pdf", data, "application/pdf")
    return client.post(f"/api/v1/verify/{query}", {"pdf": pdf}, headers=headers)


def codes(body) -> list[str]:
    return [check["code"] for check in body["checks"]]


def test_an_issued_pdf_is_authentic_and_in_force(client, issued_pdf, published):
    answer = upload(client, issued_pdf, "?lang=en")

    assert answer.status_code == 200
    body = answer.json()
    assert body["outcome"] == "current" and body["checked"] == "document"
    assert body["headline"] == "Authentic and in force."
    assert codes(body) == ["signature_valid", "record_matches", "in_force"]
    assert all(check["ok"] for check in body["checks"])
    assert body["declaration"] == {
        "serial": published.serial,
        "status": "published",
        "valid_until": published.valid_until.isoformat(),
        "registry_url": f"{settings.SITE_URL}/registry/{published.serial}/",
        "superseded_by": None,
    }


def test_a_withdrawn_declarations_pdf_says_why_and_since_when(client, issued_pdf, published, sam):
    services.withdraw_declaration(declaration=published, user=sam, reason="提供終了")

    body = upload(client, issued_pdf, "?lang=en").json()

    assert body["outcome"] == "not_current"
    assert codes(body) == ["signature_valid", "record_matches", "withdrawn"]
    assert "提供終了" in body["checks"][-1]["text"]
    assert body["declaration"]["status"] == "withdrawn"


def test_a_serial_is_registered_not_authentic(client, published):
    answer = client.get(f"/api/v1/verify/{published.serial.lower()}/?lang=en")

    assert answer.status_code == 200
    body = answer.json()
    assert body["outcome"] == "current" and body["checked"] == "serial"
    assert body["headline"] == "Registered and in force."
    assert codes(body) == ["serial_registered", "in_force"]
    assert "upload the PDF" in body["checks"][0]["text"]
    assert body["declaration"]["serial"] == published.serial


def test_an_unknown_serial_is_a_404_with_a_verdict(client, guideline):
    answer = client.get("/api/v1/verify/JPD-2026-2222-2222/?lang=en")

    assert answer.status_code == 404
    body = answer.json()
    assert body["outcome"] == "unknown" and codes(body) == ["unknown_serial"]
    assert body["declaration"] is None


def test_japanese_is_the_default_language(client, published):
    answer = client.get(f"/api/v1/verify/{published.serial}/")

    assert answer["Content-Language"] == "ja"
    assert answer.json()["headline"] == "登録されており、有効です。"


def test_accept_language_chooses_english_and_lang_overrides_it(client, published):
    url = f"/api/v1/verify/{published.serial}/"

    english = client.get(url, headers={"accept-language": "en-US,en;q=0.9"})
    japanese = client.get(url + "?lang=ja", headers={"accept-language": "en"})

    assert english["Content-Language"] == "en"
    assert english.json()["headline"] == "Registered and in force."
    assert japanese["Content-Language"] == "ja"
    assert "Accept-Language" in english["Vary"]


def test_the_upload_needs_no_csrf_token_even_when_signed_in(sam, portal_pki):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sam)

    answer = upload(client, b"not a pdf")

    assert answer.status_code == 200
    assert codes(answer.json()) == ["not_pdf"]


def test_a_post_without_a_file_is_a_400(client):
    answer = client.post("/api/v1/verify/?lang=en")

    assert answer.status_code == 400
    assert answer.json() == {"pdf": ["No file was submitted."]}


def test_an_empty_file_is_a_400(client):
    answer = upload(client, b"", "?lang=en")

    assert answer.status_code == 400
    assert answer.json() == {"pdf": ["The submitted file is empty."]}


def test_a_file_over_the_limit_is_a_413_with_a_verdict(client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 1024

    small_body = upload(client, b"%PDF-" + b"0" * 2000, "?lang=en")
    big_body = upload(client, b"%PDF-" + b"0" * 200_000, "?lang=en")

    for answer in (small_body, big_body):  # the file alone, and the declared body
        assert answer.status_code == 413
        assert answer.json()["outcome"] == "invalid"
        assert codes(answer.json()) == ["too_large"]


def test_the_upload_takes_only_post(client):
    assert client.get("/api/v1/verify/").status_code == 405


def test_the_schema_documents_both_endpoints_without_a_warning(tmp_path):
    schema = tmp_path / "schema.yaml"

    call_command("spectacular", validate=True, fail_on_warn=True, file=str(schema))

    text = schema.read_text()
    assert "operationId: verify_upload" in text and "operationId: verify_serial" in text
    assert "- over_budget" in text and "- rate_limited" in text


def test_a_superseded_declaration_points_to_its_successor(
    client, published, minimum, sam, alice, portal_pki
):
    from declarations import services
    from tests.conftest import answer_everything, attest

    draft = services.start_declaration(product=published.product, package=minimum, user=alice)
    answer_everything(draft)
    newer = attest(draft, sam)
    answer = client.get(f"/api/v1/verify/{published.serial}/").json()
    assert answer["outcome"] == "not_current"
    assert answer["declaration"]["superseded_by"] == newer.serial
    page = client.get(f"/verify/{published.serial}/").content.decode()
    assert f"/registry/{newer.serial}/" in page and f"/registry/{published.serial}/" in page
