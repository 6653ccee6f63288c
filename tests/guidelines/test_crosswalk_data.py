"""The seed edition's crosswalk data: every framework the seed names, each mapping
bilingual and marked as the seed's or the portal's, and no classification that its
own mappings contradict without saying why.

Pages of the direction paper are counted as its slides in order, the title slide
being page 1: page 10 names the EU CRA and the UK code of practice, page 11 the US
documents (NSA's guides, SSDF, OMB M-22-18/M-23-16 and its self-attestation form),
page 18 the benchmarks and the domestic schemes of the planned annex, page 22 the
alignment classification (OMB M-23-16 and the CRA for providers, Shifting the
Balance for customers), page 26 the literature surveyed.
"""

import pytest

from guidelines.models import Alignment, Reference, StatementReference
from guidelines.provenance import Source

FRAMEWORKS_THE_SEED_NAMES = {
    "nist-ssdf": 11,
    "omb-m-23-16": 22,
    "cisa-attestation": 11,
    "eu-cra": 22,
    "shifting-the-balance": 22,
    "nsa-sssc": 11,
    "dsit-code": 10,
    "nist-sp-800-161": 26,
    "iso-iec-27036": 26,
    "nisc-unified-standards": 18,
    "nisc-ci-guideline": 18,
}


def test_every_framework_the_seed_names_is_a_reference_with_its_page_and_url(guideline):
    references = {r.key: r for r in Reference.objects.filter(edition=guideline)}
    assert set(references) == set(FRAMEWORKS_THE_SEED_NAMES)
    for key, page in FRAMEWORKS_THE_SEED_NAMES.items():
        reference = references[key]
        assert reference.source == Source.SEED and reference.source_page == page, key
        assert reference.url.startswith("https://"), key
        assert reference.title_ja and reference.title_en, key


@pytest.mark.parametrize(
    "key", ["nsa-sssc", "dsit-code", "nist-sp-800-161", "iso-iec-27036", "nisc-unified-standards"]
)
def test_the_newly_covered_frameworks_have_mappings(guideline, key):
    assert StatementReference.objects.filter(edition=guideline, reference__key=key).exists()


def test_every_mapping_has_a_locator_in_both_languages(guideline):
    for link in StatementReference.objects.filter(edition=guideline):
        assert link.locator_ja and link.locator_en, link.pk


def test_a_seed_stated_mapping_gives_its_page_and_a_portal_one_none(guideline):
    for link in StatementReference.objects.filter(edition=guideline):
        if link.source == Source.SEED:
            assert link.source_page, link.pk
        else:
            assert link.source == Source.PORTAL and link.source_page is None, link.pk


def test_only_the_schemes_of_the_classification_carry_seed_stated_mappings(guideline):
    seed_stated = StatementReference.objects.filter(edition=guideline, source=Source.SEED)
    assert seed_stated.exists()
    assert set(seed_stated.values_list("reference__key", flat=True)) <= {
        "omb-m-23-16",
        "eu-cra",
        "shifting-the-balance",
    }
    assert set(
        Reference.objects.filter(edition=guideline, alignment_basis=True).values_list(
            "key", flat=True
        )
    ) == {"omb-m-23-16", "cisa-attestation", "eu-cra", "shifting-the-balance"}


def test_no_statement_outside_foreign_schemes_is_mapped_to_them_without_an_explanation(
    guideline,
):
    """A "not in foreign schemes" statement has no seed-stated mapping to a scheme the
    classification compares with, and any portal-derived one says why it is partial."""
    links = StatementReference.objects.filter(
        edition=guideline,
        statement__alignment=Alignment.NOT_IN_FOREIGN,
        reference__alignment_basis=True,
    )
    assert links.exists()  # (1)-1, (5)-1 and (5)-2 have some
    for link in links:
        assert link.source == Source.PORTAL, link
        assert link.note_ja and link.note_en, link


def test_the_statements_the_seed_lists_as_matching_are_so_classified(guideline):
    for link in StatementReference.objects.filter(
        edition=guideline, source=Source.SEED, reference__alignment_basis=True
    ):
        assert link.statement.alignment == Alignment.MATCHES_FOREIGN, link
