"""The guideline API says where each item comes from, and the digest covers it."""

from guidelines.services import compute_digest, serialize_edition


def test_every_item_of_the_api_carries_its_provenance(client, guideline):
    data = client.get("/api/v1/guideline/2024-09/").json()
    assert data["kind"] == "direction_paper"
    assert data["provenance"] == {"source": "seed", "page": 1}
    assert data["title"]["ja"] == "サイバーインフラ事業者に求められる役割等の検討の方向性"
    assert "事務局" in data["issued_by"]["ja"]
    for r in data["responsibilities"]:
        assert r["provenance"]["title"] == {"source": "later_edition", "page": None}
        assert r["provenance"]["description"] == {"source": "portal", "page": None}
    for c in data["categories"]:
        assert c["provenance"]["title"] == {"source": "seed", "page": 18}
        for s in c["statements"]:
            assert set(s["provenance"]) == {
                "title",
                "description",
                "alignment",
                "effect",
                "difficulty",
            }
            assert s["provenance"]["title"] == {"source": "seed", "page": 18}
            assert s["provenance"]["description"]["source"] == "portal"


def test_the_api_says_how_each_package_was_made(client, guideline):
    packages = {p["kind"]: p for p in client.get("/api/v1/guideline/2024-09/").json()["packages"]}
    minimum, standard = packages["minimum"], packages["standard"]
    assert "derived" in minimum["derivation"]["en"] and "導出" in minimum["derivation"]["ja"]
    assert [m["statement"] for m in minimum["membership"]] == minimum["statements"]
    assert {m["source"] for m in minimum["membership"]} == {"portal"}
    assert {(m["source"], m["page"]) for m in standard["membership"]} == {("seed", 19)}


def test_a_change_of_provenance_changes_the_digest(guideline):
    before = compute_digest(guideline)
    data = serialize_edition(guideline)
    assert data["categories"][0]["statements"][0]["provenance"]["alignment"] == {
        "source": "seed",
        "page": 20,
    }
    # The model refuses to change a published edition, so change a copy of its data.
    guideline.source_page = 2
    assert compute_digest(guideline) != before
