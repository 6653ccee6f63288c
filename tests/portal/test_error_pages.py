"""With DEBUG off, every error a person can meet is a page of the portal in the
language of the URL, saying what happened and where to go next — never Django's
debug page, never a bare "Bad Request"."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError
from django.test import Client

# (the page's marker, its heading in Japanese, its heading in English)
BAD_REQUEST = (
    'id="bad-request"',
    "リクエストを読み取れませんでした",
    "The request could not be read",
)
TOO_LARGE = ('id="too-large"', "送信されたデータが大きすぎます", "Too much data sent")
NOT_FOUND = ('id="not-found"', "ページが見つかりません", "Page not found")
TOO_MANY = ('id="too-many-requests"', "リクエストが多すぎます", "Too many requests")
SERVER_ERROR = ('id="server-error"', "問題が発生しました", "Something went wrong")

FORM = "application/x-www-form-urlencoded"
LANGUAGES = [("", 1, 'lang="ja"'), ("/en", 2, 'lang="en"')]


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def assert_styled(response, status, page, heading_index, lang):
    marker, *headings = page
    body = response.content.decode()
    assert response.status_code == status
    assert marker in body and lang in body
    assert headings[heading_index - 1] in body
    assert 'href="/' in body  # somewhere to go next
    assert 'id="footer-accessibility"' in body  # every page's footer, error pages too
    assert "Traceback" not in body and "technical" not in body.lower()


@pytest.mark.parametrize("prefix,which,lang", LANGUAGES)
def test_a_malformed_request_gets_the_400_page(client, db, prefix, which, lang):
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses to parse it.
    fields = {f"field{n}": "x" for n in range(1001)}
    response = client.post(f"{prefix}/accounts/login/", fields)
    assert_styled(response, 400, BAD_REQUEST, which, lang)


@pytest.mark.parametrize("prefix,which,lang", LANGUAGES)
def test_a_body_over_the_upload_limit_gets_the_413_page_not_a_400(
    client, db, settings, prefix, which, lang
):
    body = "username=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(f"{prefix}/accounts/login/", body, content_type=FORM)
    assert_styled(response, 413, TOO_LARGE, which, lang)


def test_the_api_answers_a_body_over_the_limit_with_a_json_413(client, db, settings):
    # Multipart, as the API takes an upload; a field (not a file) counts against the limit.
    response = client.post(
        "/api/v1/verify/", {"note": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large."}


@pytest.mark.parametrize("prefix,which,lang", LANGUAGES)
def test_an_unknown_address_gets_the_404_page(client, db, prefix, which, lang):
    response = client.get(f"{prefix}/no-such-page/")
    assert_styled(response, 404, NOT_FOUND, which, lang)


@pytest.mark.parametrize("prefix,which,lang", LANGUAGES)
def test_too_many_lookups_get_the_429_page_with_retry_after(
    client, db, settings, prefix, which, lang
):
    settings.VERIFY_LOOKUP_RATE = "1/m"
    # The limit counts per fixed minute: both requests fall in one.
    standing = time_machine.travel(
        datetime.datetime(2026, 6, 1, 12, 0, 1, tzinfo=datetime.UTC), tick=False
    )
    standing.start()
    # As a browser sends the serial form: urlencoded (an upload is multipart).
    form = {"data": "serial=JPD-2026-AAAA-AAAA", "content_type": FORM}
    client.post(f"{prefix}/verify/", **form)
    response = client.post(f"{prefix}/verify/", **form)
    standing.stop()
    assert_styled(response, 429, TOO_MANY, which, lang)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert 'id="rate-limited"' in response.content.decode()


@pytest.mark.parametrize("prefix,which,lang", LANGUAGES)
def test_a_failing_view_gets_the_500_page_without_touching_the_database(
    db, monkeypatch, django_assert_num_queries, prefix, which, lang
):
    def broken(*args, **kwargs):
        raise DatabaseError("the database is gone")

    monkeypatch.setattr("declarations.views.home.latest_published_edition", broken)
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(f"{prefix}/")
    assert_styled(response, 500, SERVER_ERROR, which, lang)


def test_the_api_answers_a_server_error_with_json(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("guidelines.api.get_published_edition", broken)
    response = Client(raise_request_exception=False).get("/api/v1/guideline/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_request_for_a_host_not_served_gets_the_400_page(client, db, method):
    response = getattr(client, method)("/en/accounts/login/", HTTP_HOST="elsewhere.example")
    assert_styled(response, 400, BAD_REQUEST, 2, 'lang="en"')
