"""GET /api/v1/declarations/: the registry for machines, with its filters and pages."""

import datetime

import pytest

from declarations import services
from declarations.api.paging import RegistryPagination
from tests.conftest import answer_everything, attest
from tests.factories import ProductFactory

URL = "/api/v1/declarations/"


def test_an_issued_declaration_is_listed_with_its_public_fields(client, declaration, settings):
    settings.SITE_URL = "https://portal.example.jp"
    body = client.get(URL).json()
    assert body["count"] == 1 and body["next"] is None
    [entry] = body["results"]
    serial = declaration.serial
    assert entry == {
        "serial": serial,
        "vendor": {
            "name": {"ja": "アクメ株式会社", "en": "Acme Corp"},
            "corporate_number": declaration.organization.corporate_number,
        },
        "product": {
            "name": "Acme Cloud",
            "version": "3.2",
            "kind": "software",
            "vendor_roles": ["developer", "operator"],
        },
        "package": "minimum",
        "guideline_edition": "2024-09",
        "status": "in_force",
        "attested_at": declaration.attested_at.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "valid_until": declaration.valid_until.isoformat(),
        "supersedes": None,
        "superseded_by": None,
        "digest": declaration.digest,
        "language": "ja",
        "links": {
            "summary": f"https://portal.example.jp/registry/{serial}/",
            "badge": f"https://portal.example.jp/registry/{serial}/badge.svg",
            "verification": f"https://portal.example.jp/verify/{serial}/",
            "cyclonedx": f"https://portal.example.jp/registry/{serial}/cyclonedx.json",
        },
    }


def test_the_list_shows_what_was_signed_not_what_was_renamed_since(client, declaration):
    product = declaration.product
    product.name = "Acme Cloud Renamed"
    product.save()
    [entry] = client.get(URL).json()["results"]
    assert entry["product"]["name"] == "Acme Cloud"


def test_drafts_are_never_listed(client, declaration, acme, standard, alice):
    product = ProductFactory(organization=acme, name="Acme Draft Only")
    services.start_declaration(product=product, package=standard, user=alice)
    assert [e["serial"] for e in client.get(URL).json()["results"]] == [declaration.serial]


def test_a_renewal_names_the_declaration_it_supersedes_and_back(client, declaration, alice, sam):
    draft = services.renew_declaration(declaration=declaration, user=alice)
    answer_everything(draft)
    renewal = attest(draft, sam)
    entries = {e["serial"]: e for e in client.get(URL).json()["results"]}
    assert entries[renewal.serial]["supersedes"] == declaration.serial
    assert entries[declaration.serial]["superseded_by"] == renewal.serial
    assert entries[declaration.serial]["status"] == "superseded"


def test_the_filters_are_the_registry_pages(client, declaration, publisher, standard):
    gateway = publisher.publish(kind="firmware", roles=["supplier"])[0]
    services.withdraw_declaration(declaration=gateway, user=publisher.signatory, reason="販売終了")

    def serials(query):
        response = client.get(URL, query)
        assert response.status_code == 200, response.content
        return {e["serial"] for e in response.json()["results"]}

    assert serials({"q": "ｱｸﾒ"}) == {declaration.serial}
    assert serials({"status": "withdrawn"}) == {gateway.serial}
    assert serials({"status": "in_force"}) == {declaration.serial}
    assert serials({"product_kind": "firmware", "vendor_role": "supplier"}) == {gateway.serial}
    assert serials({"package": "standard"}) == set()
    assert serials({"edition": "2024-09", "package": ""}) == {declaration.serial, gateway.serial}
    oldest = client.get(URL, {"sort": "published"}).json()["results"]
    assert [e["serial"] for e in oldest] == [declaration.serial, gateway.serial]


def test_an_invalid_filter_is_a_400_that_names_it(client, declaration):
    response = client.get(URL, {"package": "gold", "sort": "random", "edition": "1999-01"})
    assert response.status_code == 400
    assert set(response.json()) == {"package", "sort", "edition"}
    assert all(isinstance(m, str) for ms in response.json().values() for m in ms)


@pytest.mark.parametrize("page", ["2", "0", "-1", "x"])
def test_a_page_that_does_not_exist_is_a_404(client, declaration, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 404 and "detail" in response.json()


def test_pages_hold_25_and_page_size_asks_for_up_to_100(client, publisher, monkeypatch):
    publisher.publish(27)
    first = client.get(URL).json()
    assert first["count"] == 27 and len(first["results"]) == 25 and first["next"]
    assert len(client.get(URL, {"page": 2}).json()["results"]) == 2
    assert len(client.get(URL, {"page_size": 27}).json()["results"]) == 27
    assert RegistryPagination.max_page_size == 100
    monkeypatch.setattr(RegistryPagination, "max_page_size", 10)
    assert len(client.get(URL, {"page_size": 27}).json()["results"]) == 10


def test_errors_follow_the_clients_language(client, db):
    english = client.get("/api/v1/declarations/?status=xyz", HTTP_ACCEPT_LANGUAGE="en")
    japanese = client.get("/api/v1/declarations/?status=xyz")
    assert english.status_code == japanese.status_code == 400
    assert english["Content-Language"] == "en" and japanese["Content-Language"] == "ja"
    assert english.json() != japanese.json()


def test_the_docs_page_loads_nothing_from_other_hosts(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    assert "swagger" in page.lower()
    assert "https://" not in page and "http://" not in page.replace("http://testserver", "")


def test_past_the_cap_the_count_is_a_lower_bound_and_the_pages_go_on(
    client, publisher, monkeypatch
):
    publisher.publish(5)
    monkeypatch.setattr(RegistryPagination, "cap", 3)
    first = client.get(URL, {"page_size": 2}).json()
    assert (first["count"], first["count_exact"]) == (4, False) and first["next"]
    second = client.get(first["next"]).json()
    assert (second["count"], second["count_exact"]) == (5, False) and second["previous"]
    last = client.get(second["next"]).json()
    assert (last["count"], last["count_exact"], last["next"]) == (5, True, None)
    assert len(last["results"]) == 1


def test_under_the_cap_the_count_is_exact(client, publisher):
    publisher.publish(3)
    body = client.get(URL, {"page_size": 2}).json()
    assert (body["count"], body["count_exact"]) == (3, True)
