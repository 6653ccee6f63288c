"""A declaration's public pages come whole from the cache for anonymous visitors, with
ETags; every change of status shows at once; a signed-in
reader never gets the anonymous copy, and the anonymous never get theirs."""

from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token

from declarations import services
from tests.conftest import ANSWER_TEXT

from .registry import renew_and_attest

PAGES = {
    "verify": "/verify/{serial}/",
    "summary": "/registry/{serial}/",
    "summary, English": "/en/registry/{serial}/",
    "badge": "/registry/{serial}/badge.svg",
    "read API": "/api/v1/declarations/{serial}/",
}


def _get(client, page, declaration, **headers):
    return client.get(PAGES[page].format(serial=declaration.serial), headers=headers)


@pytest.mark.parametrize("page", PAGES)
def test_the_second_anonymous_visit_costs_no_query(
    client, published, page, django_assert_num_queries
):
    first = _get(client, page, published)
    with django_assert_num_queries(0):
        second = _get(Client(), page, published)
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"]


@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_with_the_page_gets_304_not_modified(client, published, page):
    etag = _get(client, page, published)["ETag"]
    response = _get(client, page, published, if_none_match=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag


def test_pages_say_how_long_others_may_keep_them(client, published):
    assert "private" in _get(client, "summary", published)["Cache-Control"]
    assert "max-age=0" in _get(client, "verify", published)["Cache-Control"]
    api = _get(client, "read API", published)
    assert "public" in api["Cache-Control"] and "Cookie" in api["Vary"]
    assert "Authorization" in api["Vary"]


def test_english_and_japanese_are_kept_apart(client, published):
    assert "In force" in _get(client, "summary, English", published).content.decode()
    assert "In force" not in _get(client, "summary", published).content.decode()


@pytest.mark.parametrize("page", [page for page in PAGES if page != "verify"])
def test_a_cached_page_without_a_form_is_the_same_for_everyone_and_sets_no_cookie(published, page):
    first, second = _get(Client(), page, published), _get(Client(), page, published)
    assert first.content == second.content and not second.cookies
    assert b"csrfmiddlewaretoken" not in second.content


# ------------------------------------------------------------- what changes shows at once


def _withdraw(declaration, sam):
    services.withdraw_declaration(declaration=declaration, user=sam, reason="販売終了")
    return "withdrawn"


def _revoke(declaration, root):
    services.revoke_declaration(declaration=declaration, user=root, reason="虚偽の申告")
    return "revoked"


def _supersede(declaration, _user):
    renew_and_attest(declaration)
    return "superseded"


def _expire(declaration, _user):
    # The task's own day: today stays today, only the status moves.
    services.expire_due_declarations(today=declaration.valid_until + timedelta(days=1))
    return "expired"


@pytest.mark.parametrize("act", [_withdraw, _revoke, _supersede, _expire], ids=lambda f: f.__name__)
@pytest.mark.parametrize("page", ["verify", "summary, English", "badge", "read API"])
def test_a_change_of_status_shows_at_once(client, published, sam, root, act, page):
    before = _get(client, page, published)
    assert _get(client, page, published)["ETag"] == before["ETag"]  # served from the cache
    status = act(published, root if act is _revoke else sam)
    after = _get(client, page, published, if_none_match=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    text = after.content.decode().lower()
    assert status in text or {"withdrawn": "撤回", "revoked": "取消"}.get(status, "~") in text


# ------------------------------------------------------------- nobody gets another's page


def test_a_procurer_never_gets_the_anonymous_copy(client, published, pat):
    anonymous = _get(Client(), "summary", published)
    assert ANSWER_TEXT not in anonymous.content.decode()
    client.force_login(pat)
    response = _get(client, "summary", published)
    assert ANSWER_TEXT in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "record" in _get(client, "read API", published).json()


def test_the_anonymous_never_get_a_procurers_page(client, published, pat):
    client.force_login(pat)
    assert ANSWER_TEXT in _get(client, "summary", published).content.decode()
    assert "record" in _get(client, "read API", published).json()
    anonymous = Client()
    assert ANSWER_TEXT not in _get(anonymous, "summary", published).content.decode()
    assert "record" not in _get(anonymous, "read API", published).json()
    assert "pat@buyer.test" not in _get(anonymous, "verify", published).content.decode()


def test_an_api_token_gets_the_live_answer(client, published, pat):
    _get(Client(), "read API", published)  # the anonymous copy, cached
    token = Token.objects.create(user=pat)
    body = _get(client, "read API", published, authorization=f"Token {token.key}").json()
    assert "record" in body


def test_a_visitor_with_a_message_waiting_gets_the_live_page(client, published):
    _get(Client(), "summary", published)  # the anonymous copy, cached
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Only for you")])
    assert "Only for you" in _get(client, "summary", published).content.decode()
    assert "Only for you" not in _get(Client(), "summary", published).content.decode()


@pytest.mark.services
def test_over_redis_a_page_is_served_from_the_cache_until_a_withdrawal(
    client, published, sam, redis_cache, django_assert_num_queries
):
    before = _get(client, "verify", published)
    with django_assert_num_queries(0):
        assert _get(Client(), "verify", published)["ETag"] == before["ETag"]
    _withdraw(published, sam)
    after = _get(Client(), "verify", published)
    assert after["ETag"] != before["ETag"] and "撤回" in after.content.decode()
