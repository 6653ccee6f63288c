"""Every tampered or bogus PDF the tests know gets its reason codes, through the
page and through the API, in Japanese and English, and leaves the error log clean.
"""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.declarations.tampering import CASES, Materials


@pytest.fixture
def materials(signed_pdf, unsigned_pdf, settings, pki_dir, attacker_pki_dir):
    return Materials(signed_pdf, unsigned_pdf, settings, pki_dir, attacker_pki_dir)


def post_to_api(client, data: bytes, lang: str):
    upload = SimpleUploadedFile("declaration.pdf", data, "application/pdf")
    return client.post(f"/api/v1/verify/?lang={lang}", {"pdf": upload})


@pytest.mark.parametrize("case", CASES)
def test_the_api_gives_each_tampered_pdf_its_reason_codes(client, materials, case, caplog):
    make, codes = CASES[case]
    data = make(materials)
    caplog.clear()

    answer = post_to_api(client, data, "en")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["outcome"] == "invalid" and body["checked"] == "document"
    assert {check["code"] for check in body["checks"] if not check["ok"]} == codes
    assert body["declaration"] is None
    # Hostile files are the uploader's business, not the operator's.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("case", CASES)
def test_the_page_gives_each_tampered_pdf_its_reason_codes(client, materials, case, caplog):
    make, codes = CASES[case]
    data = make(materials)
    caplog.clear()

    page = client.post("/en/verify/", {"pdf": SimpleUploadedFile("d.pdf", data)})

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-outcome="invalid"' in html
    assert all(f'data-code="{code}"' in html for code in codes)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("case", CASES)
def test_every_reason_reads_in_japanese_on_the_page_and_in_the_api(client, materials, case):
    make, _codes = CASES[case]
    data = make(materials)

    english = post_to_api(client, data, "en").json()
    japanese = post_to_api(client, data, "ja").json()
    page = client.post("/verify/", {"pdf": SimpleUploadedFile("d.pdf", data)}).content.decode()

    assert japanese["headline"] != english["headline"]
    assert japanese["headline"] in page and english["headline"] not in page
    for ja, en in zip(japanese["checks"], english["checks"], strict=True):
        assert ja["code"] == en["code"] and ja["text"] != en["text"]
        assert ja["text"] in page.replace("&#x27;", "'") and en["text"] not in page
