"""The embeddable badge: the package and today's status in both languages, cached for an
hour at most, revalidated by its ETag, grey with a 404 for a serial nobody issued."""

import datetime
import re
from xml.etree import ElementTree

import pytest
import time_machine

from declarations import services

from .registry import publish, renew_and_attest

SVG = "{http://www.w3.org/2000/svg}"


def _badge(client, declaration, **headers):
    return client.get(f"/registry/{declaration.serial}/badge.svg", headers=headers)


def _texts(response) -> str:
    root = ElementTree.fromstring(response.content)
    return " ".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_a_badge_says_the_package_and_that_it_is_in_force(client, published):
    response = _badge(client, published)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    texts = _texts(response)
    assert "自己適合宣言" in texts and "ミニマム 有効" in texts and "Minimum · in force" in texts
    root = ElementTree.fromstring(response.content)
    title = root.find(f"{SVG}title").text
    assert published.serial in title and "有効" in title and "in force" in title
    link = root.find(f"{SVG}a")
    assert link.get("href").endswith(f"/registry/{published.serial}/")
    assert "#146c43" in response.content.decode()  # green


def test_a_badge_is_cached_an_hour_at_most_and_revalidated_by_its_etag(client, published):
    response = _badge(client, published)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) <= 3600
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.get("Vary", "")
    etag = response["ETag"]
    again = _badge(client, published, if_none_match=etag)
    assert again.status_code == 304 and not again.content


def test_the_etag_changes_with_the_status(client, published, sam):
    etag = _badge(client, published)["ETag"]
    services.withdraw_declaration(declaration=published, user=sam, reason="終了")
    response = _badge(client, published, if_none_match=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_a_badge_may_be_embedded_in_a_frame(client, published):
    assert "X-Frame-Options" not in _badge(client, published).headers


@pytest.mark.parametrize(
    "end,ja,en",
    [
        ("withdraw", "撤回", "withdrawn"),
        ("revoke", "取消", "revoked"),
        ("renew", "置き換え済み", "superseded"),
    ],
)
def test_a_badge_says_when_a_declaration_is_no_longer_in_force(
    client, published, sam, root, end, ja, en
):
    if end == "withdraw":
        services.withdraw_declaration(declaration=published, user=sam, reason="終了")
    elif end == "revoke":
        services.revoke_declaration(declaration=published, user=root, reason="虚偽")
    else:
        renew_and_attest(published)
    texts = _texts(_badge(client, published))
    assert f"ミニマム {ja}" in texts and f"Minimum · {en}" in texts
    assert "#146c43" not in _badge(client, published).content.decode()


def test_a_badge_past_the_validity_says_expired(client, published):
    later = published.valid_until + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        texts = _texts(_badge(client, published))
    assert "期限切れ" in texts and "expired" in texts


def test_a_standard_declaration_says_standard(client, acme, standard, portal_pki):
    declaration = publish(acme, "Acme Edge", standard)
    assert "標準 有効" in _texts(_badge(client, declaration))


def test_an_unknown_serial_gets_a_grey_not_found_badge(client, db):
    for serial in ("JPD-2000-AAAA-AAAA", "%00", "A" * 5000):
        response = client.get(f"/registry/{serial}/badge.svg")
        assert response.status_code == 404, serial
        assert response["Content-Type"] == "image/svg+xml"
        assert "見つかりません" in _texts(response) and "not found" in _texts(response)
        assert "#6c757d" in response.content.decode()
