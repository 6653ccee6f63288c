"""The public registry's list: search, filters, sort, pages, and what each row says."""

import re

import pytest
import time_machine
from django.urls import reverse

from declarations import services
from tests.factories import OrganizationFactory

from .registry import publish

URL = "/registry/"


@pytest.fixture
def registry(published, standard, minimum):
    """Acme's Minimum in force; a gateway's Standard in force; a withdrawn one."""
    gateway = OrganizationFactory(name_ja="株式会社ゲートウェイ", name_en="Gateway K.K.")
    gateway_one = publish(gateway, "制御サーバー", standard, version="2.1", kind="firmware")
    other = OrganizationFactory(name_ja="撤回商事", name_en="Withdrawn Trading")
    withdrawn = publish(other, "Old Tool", minimum)
    services.withdraw_declaration(
        declaration=withdrawn, user=withdrawn.attested_by, reason="販売終了"
    )
    return {"acme": published, "gateway": gateway_one, "withdrawn": withdrawn}


def _serials(response) -> list[str]:
    return re.findall(r"<code>(JPD-[0-9A-Z-]+)</code>", response.content.decode())


def test_anyone_sees_every_issued_declaration_with_a_count(client, registry):
    response = client.get(URL)
    assert response.status_code == 200
    assert set(_serials(response)) == {d.serial for d in registry.values()}
    assert "3 件" in response.content.decode()


def test_a_row_says_who_declared_what_and_its_status(client, registry):
    gateway = registry["gateway"]
    html = client.get("/en/registry/").content.decode()
    row = html[html.index(gateway.serial) - 600 : html.index(gateway.serial) + 1500]
    assert "株式会社ゲートウェイ" in row and "Gateway K.K." in row
    assert gateway.organization.corporate_number in row
    assert "制御サーバー" in row and "2.1" in row
    assert "Standard" in row and "In force" in row
    assert f"{gateway.valid_until:%Y-%m-%d}" in row and "days left" in row
    assert reverse("declarations:registry_summary", kwargs={"serial": gateway.serial}) in row
    assert "Withdrawn" in html


def test_the_results_are_a_table_with_a_caption_and_headers(client, registry):
    html = client.get(URL).content.decode()
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row"' in html
    for name in ("q", "package", "status", "edition", "product_kind", "vendor_role", "sort"):
        assert '<label class="form-label' in html and f'for="id_{name}"' in html, name


def test_searching_in_kana_finds_the_vendor(client, registry):
    response = client.get(URL, {"q": "げーとうぇい"})
    assert _serials(response) == [registry["gateway"].serial]
    response = client.get(URL, {"q": "ｹﾞｰﾄｳｪｲ"})
    assert _serials(response) == [registry["gateway"].serial]


def test_filters_and_sort(client, registry):
    response = client.get(URL, {"package": "standard", "status": "in_force"})
    assert _serials(response) == [registry["gateway"].serial]
    response = client.get(URL, {"status": "withdrawn"})
    assert _serials(response) == [registry["withdrawn"].serial]
    oldest_first = _serials(client.get(URL, {"sort": "published"}))
    assert oldest_first == list(reversed(_serials(client.get(URL))))


def test_bad_values_are_ignored_with_a_notice_never_an_error(client, registry):
    response = client.get(
        URL, {"status": "bogus", "sort": "nope", "page": "x", "q": "\x00" + "あ" * 5000}
    )
    assert response.status_code == 200
    assert 'id="ignored-filters"' in response.content.decode()
    response = client.get(URL, {"package": "standard", "status": "nope"})
    assert _serials(response) == [registry["gateway"].serial]


def test_an_empty_search_says_so(client, registry):
    html = client.get(URL, {"q": "存在しない会社"}).content.decode()
    assert 'id="empty-state"' in html and "0 件" in html
    assert 'id="registry-table"' not in html


def test_an_empty_registry_says_so(client, db):
    html = client.get(URL).content.decode()
    assert 'id="empty-state"' in html


def test_pages_of_25_keep_the_filters(client, acme, minimum, portal_pki):
    for n in range(27):
        publish(acme, f"製品{n:02d}", minimum)
    first = client.get(URL, {"package": "minimum", "q": "acme"})
    assert len(_serials(first)) == 25 and "27 件" in first.content.decode()
    html = first.content.decode()
    next_link = re.search(r'href="\?([^"]*page=2)" rel="next"', html).group(1)
    assert "package=minimum" in next_link and "q=acme" in next_link
    second = client.get(URL + "?" + next_link.replace("&amp;", "&"))
    assert len(_serials(second)) == 2
    assert not set(_serials(first)) & set(_serials(second))


def test_a_published_declaration_past_its_validity_shows_as_expired(client, registry):
    later = registry["acme"].valid_until.toordinal() + 1
    import datetime

    with time_machine.travel(datetime.date.fromordinal(later), tick=False):
        html = client.get("/en/registry/", {"status": "expired"}).content.decode()
    assert registry["acme"].serial in html and "Expired" in html


def test_the_page_is_in_english_under_en(client, registry):
    html = client.get("/en/registry/").content.decode()
    assert "Registry of declarations" in html and "3 declarations" in html
