"""Whatever text stands where a serial should, the answer is "unknown serial", never a 500.

The serial's shape is checked before any query, so text that PostgreSQL would
refuse (a NUL) never reaches it; CI runs this file on PostgreSQL too.
"""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

BAD_SERIALS = {
    "slash": "a/b",
    "dot-dot": "..",
    "dot-dot-slash": "../../etc/passwd",
    "nul": "\x00",
    "serial-with-nul": "JPD-2026-7K3M-9QX\x00",
    "5000-characters": "J" * 5000,
    "non-ascii": "自己適合宣言",
    "emoji": "JPD-2026-🔑🔑🔑🔑-9QXD",
    "bad-alphabet": "JPD-2026-0O1I-LLLL",
    "serial-then-more": "JPD-2026-7K3M-9QXD/../x",
    "percent": "%",
    "sql": "' OR 1=1 --",
}


@pytest.fixture(params=BAD_SERIALS.values(), ids=BAD_SERIALS.keys())
def bad_serial(request, published):  # a published declaration: the registry is not empty
    return request.param


def test_the_serial_page_answers_unknown_serial(client, bad_serial):
    page = client.get(f"/en/verify/{quote(bad_serial, safe='')}/")

    assert page.status_code == 404
    assert 'data-outcome="unknown"' in page.content.decode()


def test_the_serial_page_with_unescaped_text_answers_unknown_serial(client, bad_serial):
    if "\x00" in bad_serial:
        pytest.skip("not a character a client can put in a URL unescaped")
    page = client.get(f"/en/verify/{bad_serial}/")

    assert page.status_code == 404
    assert 'data-outcome="unknown"' in page.content.decode()


def test_the_api_answers_unknown_serial(client, bad_serial):
    answer = client.get(f"/api/v1/verify/{quote(bad_serial, safe='')}/")

    assert answer.status_code == 404
    body = answer.json()
    assert body["outcome"] == "unknown"
    assert [check["code"] for check in body["checks"]] == ["unknown_serial"]


def test_the_serial_form_answers_unknown_serial(client, bad_serial):
    page = client.post("/en/verify/", {"serial": bad_serial})

    if "\x00" in bad_serial:
        # Django's own form field refuses it, with its message.
        assert page.status_code == 400
        assert "Null characters are not allowed." in page.content.decode()
    else:
        assert page.status_code == 404
        assert 'data-outcome="unknown"' in page.content.decode()
        assert 'data-code="unknown_serial"' in page.content.decode()


@pytest.mark.parametrize("prefix", ["/en/verify/", "/api/v1/verify/"])
def test_a_newline_in_the_url_matches_no_page_and_is_a_plain_404(client, prefix):
    # Django's path converter stops at a newline: no view, no query.
    assert client.get(f"{prefix}JPD-2026-7K3M-9QXD%0A/").status_code == 404


def test_an_empty_serial_form_asks_for_the_serial(client):
    page = client.post("/en/verify/", {"serial": "  "})

    assert page.status_code == 400
    assert "This field is required." in page.content.decode()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ('{"pdf": "JVBERi0="}', "application/json", 415),
        ("pdf=%00", "application/x-www-form-urlencoded", 415),
        ("\x00" * 100, "application/octet-stream", 415),
        ("--x\r\nbroken multipart", "multipart/form-data; boundary=x", 400),
        ("", "multipart/form-data", 400),
    ],
    ids=["json", "urlencoded", "binary", "broken-multipart", "multipart-without-boundary"],
)
def test_the_upload_api_refuses_bodies_that_are_no_upload(client, body, content_type, status):
    answer = client.post("/api/v1/verify/", body, content_type=content_type)

    assert answer.status_code == status
    assert answer.json()  # a JSON explanation


def test_a_file_under_another_field_name_is_no_upload(client):
    answer = client.post("/api/v1/verify/", {"file": SimpleUploadedFile("d.pdf", b"%PDF-")})

    assert answer.status_code == 400
