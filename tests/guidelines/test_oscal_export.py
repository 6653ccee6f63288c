"""The guideline as OSCAL: a catalog and one profile per package, checked by compliance-trestle.

trestle's models are the OSCAL 1.1 schemas in pydantic form, and its
ProfileResolver does what a GRC tool does with a profile: fetch the catalog it
imports and keep the controls it selects.
"""

import json

import pytest
from django.core.cache import cache
from trestle.core.profile_resolver import ProfileResolver
from trestle.oscal.catalog import Catalog
from trestle.oscal.profile import Profile

from guidelines.services import serialize_edition

CATALOG = "/api/v1/guideline/2024-09/oscal/catalog.json"
PROFILE = "/api/v1/guideline/2024-09/oscal/profiles/{}.json"


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_catalog_is_an_oscal_catalog_of_every_statement(client, guideline, tmp_path, lang):
    data = client.get(CATALOG, {"lang": lang}).json()
    catalog = Catalog.oscal_read(_write(tmp_path / "catalog.json", data))
    assert catalog.metadata.version == "2024-09"
    assert catalog.metadata.oscal_version.__root__.startswith("1.1.")
    assert [g.id for g in catalog.groups] == [f"c{n}" for n in range(1, 7)]
    controls = [c for g in catalog.groups for c in g.controls]
    assert len(controls) == 21
    edition = serialize_edition(guideline)
    statements = [s for c in edition["categories"] for s in c["statements"]]
    for control, statement in zip(controls, statements, strict=True):
        assert control.id == "s" + statement["code"].replace("(", "").replace(")", "")
        assert control.title == statement["title"][lang]
        assert control.parts[0].name == "statement"
        assert control.parts[0].prose == statement["description"][lang]
        props = {p.name: p.value for p in control.props if p.ns}
        assert {k: props[k] for k in statement["classification"]} == statement["classification"]


def test_the_classification_lives_in_the_portals_namespace(client, guideline, settings):
    control = client.get(CATALOG).json()["catalog"]["groups"][0]["controls"][0]
    namespaced = {p["name"]: p["ns"] for p in control["props"] if p["name"] != "label"}
    assert set(namespaced) >= {"alignment", "effect", "difficulty", "party"}
    assert set(namespaced.values()) == {settings.SITE_URL + "/ns/oscal"}


def test_statements_link_to_the_references_in_the_back_matter(client, guideline):
    catalog = client.get(CATALOG).json()["catalog"]
    resources = {r["uuid"] for r in catalog["back-matter"]["resources"]}
    links = [
        link
        for group in catalog["groups"]
        for control in group["controls"]
        for link in control["links"]
        if link["rel"] == "reference"
    ]
    assert links and {link["href"][1:] for link in links} <= resources


@pytest.mark.parametrize(("kind", "count"), [("minimum", 13), ("standard", 19)])
def test_each_package_is_a_profile_that_resolves_to_its_statements(
    client, guideline, tmp_path, kind, count
):
    catalog_path = _write(tmp_path / "catalog.json", client.get(CATALOG).json())
    data = client.get(PROFILE.format(kind)).json()
    assert data["profile"]["imports"][0]["href"].endswith(CATALOG)
    # The served profile points at the portal; the resolver reads the copy on disk.
    data["profile"]["imports"][0]["href"] = str(catalog_path)
    profile_path = _write(tmp_path / "profiles" / f"{kind}.json", data)
    Profile.oscal_read(profile_path)

    (tmp_path / ".trestle").mkdir()  # the resolver caches what it fetches there
    resolved = ProfileResolver.get_resolved_profile_catalog(tmp_path, str(profile_path))

    ids = [c.id for g in resolved.groups or [] for c in g.controls or []]
    package = next(p for p in serialize_edition(guideline)["packages"] if p["kind"] == kind)
    assert len(ids) == count
    assert ids == ["s" + c.replace("(", "").replace(")", "") for c in package["statements"]]


def test_an_export_made_twice_is_the_same_byte_for_byte(client, guideline):
    first = client.get(CATALOG).content
    cache.clear()
    assert client.get(CATALOG).content == first
    catalog = json.loads(first)["catalog"]
    assert catalog["metadata"]["published"] == guideline.published_at.isoformat()
    profiles = [client.get(PROFILE.format(k)).json()["profile"]["uuid"] for k in ("minimum",)]
    english = client.get(CATALOG, {"lang": "en"}).json()["catalog"]["uuid"]
    assert len({catalog["uuid"], english, *profiles}) == 3


def test_the_exports_are_public_and_cached_like_the_guideline_json(client, guideline):
    for url in (CATALOG, PROFILE.format("minimum"), PROFILE.format("standard")):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "public" in response["Cache-Control"]
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_bad_requests_get_a_clear_json_answer(client, guideline):
    assert client.get(PROFILE.format("maximum")).status_code == 404
    assert client.get("/api/v1/guideline/1999-01/oscal/catalog.json").status_code == 404
    response = client.get(CATALOG, {"lang": "fr\x00"})
    assert response.status_code == 400 and "lang" in response.json()["detail"]


@pytest.mark.parametrize(("prefix", "lang"), [("", "ja"), ("/en", "en")])
def test_the_guideline_page_links_the_exports_in_its_language(client, guideline, prefix, lang):
    page = client.get(f"{prefix}/guideline/2024-09/").content.decode()
    for url in (CATALOG, PROFILE.format("minimum"), PROFILE.format("standard")):
        assert f'href="{url}?lang={lang}"' in page


def test_every_item_says_where_it_comes_from(client, guideline, tmp_path):
    """Provenance travels as props: the seed deck with its page, a later edition, the portal."""
    data = client.get(CATALOG).json()
    Catalog.oscal_read(_write(tmp_path / "catalog.json", data))
    catalog = data["catalog"]
    edition = serialize_edition(guideline)

    def props(item):
        return {p["name"]: p["value"] for p in item.get("props", []) if p.get("ns")}

    metadata = props(catalog["metadata"])
    assert metadata["source"] == edition["provenance"]["source"] == "seed"
    assert metadata["source-page"] == "1"
    statements = [s for c in edition["categories"] for s in c["statements"]]
    controls = [c for g in catalog["groups"] for c in g["controls"]]
    for control, statement in zip(controls, statements, strict=True):
        for group, origin in statement["provenance"].items():
            assert props(control)[f"{group}-source"] == origin["source"]
            if origin["page"]:
                assert props(control)[f"{group}-source-page"] == str(origin["page"])
    # The titles are the deck's (page 18); the descriptions are the portal's.
    assert props(controls[0])["title-source"] == "seed"
    assert props(controls[0])["title-source-page"] == "18"
    assert props(controls[0])["description-source"] == "portal"
    for group, category in zip(catalog["groups"], edition["categories"], strict=True):
        assert props(group)["title-source"] == category["provenance"]["title"]["source"]
    resources = catalog["back-matter"]["resources"]
    assert {props(r)["source"] for r in resources} <= {"seed", "later_edition", "portal"}
    assert all("source-page" in props(r) for r in resources)


def test_the_api_schema_documents_the_exports(client, guideline):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    catalog = schema["paths"]["/api/v1/guideline/{label}/oscal/catalog.json"]["get"]
    profile = schema["paths"]["/api/v1/guideline/{label}/oscal/profiles/{kind}.json"]["get"]
    for operation in (catalog, profile):
        assert {p["name"] for p in operation["parameters"]} >= {"label", "lang"}
        assert set(operation["responses"]) == {"200", "400", "404"}
    assert "OSCAL" in schema["info"]["description"]
