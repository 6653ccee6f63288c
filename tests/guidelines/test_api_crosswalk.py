"""The guideline API, and so the digest, carry each mapping's URL, locator in both
languages, note and source, and each reference's provenance."""

from guidelines.models import StatementReference
from guidelines.services import compute_digest, start_draft_from


def test_each_mapping_in_the_api_has_url_bilingual_locator_and_source(client, guideline):
    data = client.get("/api/v1/guideline/2024-09/").json()
    statements = {s["code"]: s for c in data["categories"] for s in c["statements"]}
    iso = next(r for r in statements["(2)-1"]["references"] if r["reference"] == "iso-iec-27036")
    assert iso == {
        "reference": "iso-iec-27036",
        "locator": {
            "ja": "第3部（ハードウェア、ソフトウェア及びサービスのサプライチェーン）",
            "en": "Part 3 (hardware, software and services supply chain)",
        },
        "url": "https://www.iso.org/standard/82890.html",
        "source": "portal",
        "source_page": None,
        "note": {"ja": "", "en": ""},
    }
    cra = next(r for r in statements["(1)-3"]["references"] if r["reference"] == "eu-cra")
    assert cra["source"] == "seed" and cra["source_page"] == 22
    assert statements["(5)-1"]["references"][0].keys() == iso.keys()


def test_each_reference_in_the_api_says_where_it_comes_from(client, guideline):
    data = client.get("/api/v1/guideline/2024-09/").json()
    nsa = next(r for r in data["references"] if r["key"] == "nsa-sssc")
    assert nsa["source"] == "seed" and nsa["source_page"] == 11
    assert nsa["alignment_basis"] is False and nsa["url"].startswith("https://")


def test_the_digest_covers_a_mappings_provenance_and_japanese_locator(guideline):
    draft = start_draft_from(edition=guideline, label="2026-01")
    before = compute_digest(draft)
    link = StatementReference.objects.filter(edition=draft, source="portal").first()
    link.source = "seed"
    link.source_page = 22
    link.save()
    after_source = compute_digest(draft)
    link.locator_ja = "別の項目"
    link.save()
    assert len({before, after_source, compute_digest(draft)}) == 3
