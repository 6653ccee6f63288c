"""Anyone may verify, but not without end: rates per client address, page and API alike."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from declarations.verification.limits import client_address

NOT_A_PDF = b"hello"


@pytest.fixture(autouse=True)
def within_one_window():
    """The limits count per fixed minute: a slow machine must not cross into the next
    minute halfway through a test, so the clock stands still at a minute's start."""
    with time_machine.travel(
        datetime.datetime(2026, 6, 1, 12, 0, 1, tzinfo=datetime.UTC), tick=False
    ):
        yield


def api_upload(client, address="10.0.0.1", lang="en"):
    pdf = SimpleUploadedFile("d.pdf", NOT_A_PDF)
    return client.post(f"/api/v1/verify/?lang={lang}", {"pdf": pdf}, REMOTE_ADDR=address)


def page_upload(client, address="10.0.0.1", prefix="/en"):
    pdf = SimpleUploadedFile("d.pdf", NOT_A_PDF)
    return client.post(f"{prefix}/verify/", {"pdf": pdf}, REMOTE_ADDR=address)


def test_the_31st_upload_in_a_minute_gets_429_with_retry_after(client, portal_pki):
    for _ in range(30):
        assert api_upload(client).status_code == 200

    refused = api_upload(client)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["code"] == "rate_limited"
    assert "Too many verifications" in refused.json()["detail"]


def test_another_client_address_is_not_affected(client, portal_pki):
    for _ in range(31):
        api_upload(client, address="10.0.0.1")

    assert api_upload(client, address="10.0.0.2").status_code == 200
    assert page_upload(client, address="2001:db8:1::1").status_code == 200


def test_the_page_and_the_api_share_one_count(client, portal_pki):
    for _ in range(15):
        assert page_upload(client).status_code == 200
        assert api_upload(client).status_code == 200

    refused = page_upload(client)

    assert refused.status_code == 429 and refused["Retry-After"]
    assert 'id="rate-limited"' in refused.content.decode()


def test_the_refusal_is_in_the_readers_language(client, portal_pki):
    for _ in range(30):
        page_upload(client, prefix="")

    page = page_upload(client, prefix="").content.decode()
    api = api_upload(client, lang="ja").json()

    assert "短時間に検証が多すぎます" in page
    assert api["detail"].startswith("短時間に検証が多すぎます")


def test_the_121st_serial_lookup_in_a_minute_gets_429(client, published):
    url = f"/api/v1/verify/{published.serial}/"
    for _ in range(120):
        assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200

    refused = client.get(url, REMOTE_ADDR="10.0.0.1")

    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_serial_lookups_on_the_page_count_as_lookups_not_uploads(client, published):
    # As a browser sends the serial form: urlencoded, where an upload is multipart.
    form, urlencoded = urlencode({"serial": published.serial}), "application/x-www-form-urlencoded"
    for _ in range(31):
        response = client.post("/verify/", form, content_type=urlencoded, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 302


def test_the_rates_are_settings(client, settings, portal_pki):
    settings.VERIFY_UPLOAD_RATE = "2/m"

    assert [api_upload(client).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize(
    ("header", "meta", "counted_as"),
    [
        ("", {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "192.0.2.1"),  # no proxy: ignored
        ("X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}, "203.0.113.7"),
        ("X-Real-IP", {"HTTP_X_REAL_IP": "203.0.113.7"}, "203.0.113.7"),
        ("X-Real-IP", {}, "192.0.2.1"),  # proxy header missing: the socket's address
        ("X-Real-IP", {"HTTP_X_REAL_IP": "not-an-address"}, "192.0.2.1"),
    ],
)
def test_the_client_address_comes_from_a_proxy_header_only_when_configured(
    settings, header, meta, counted_as
):
    settings.CLIENT_IP_HEADER = header
    request = RequestFactory().post("/verify/", REMOTE_ADDR="192.0.2.1", **meta)

    assert client_address(request) == counted_as


def test_verification_goes_on_when_the_cache_is_down(client, settings, portal_pki, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nobody listens on port 9
        }
    }

    assert api_upload(client).status_code == 200
    assert page_upload(client).status_code == 200
    assert "not rate-limited" in caplog.text
