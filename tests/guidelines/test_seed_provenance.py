"""Every item of the seed edition says where it comes from, and says it truthfully."""

import pytest

from guidelines.models import Category, Package, PackageStatement, Responsibility, Statement
from guidelines.provenance import Source

from .seed_provenance import OVERVIEW_PAGE, PACKAGES_PAGE, SEED_CLASSIFICATION

MODELS = [Responsibility, Category, Statement, Package, PackageStatement]


def _rows(model, edition):
    path = "package__edition" if model is PackageStatement else "edition"
    return list(model.objects.filter(**{path: edition}))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_item_has_a_source_and_every_seed_item_a_page(guideline, model):
    for row in _rows(model, guideline):
        for source_name, page_name in model.PROVENANCE.items():
            source, page = getattr(row, source_name), getattr(row, page_name)
            assert source in Source.values, (row, source_name)
            if source == Source.SEED:
                assert page, (row, source_name)
            if source == Source.PORTAL:
                assert page is None, (row, source_name)
        row.clean()


def test_the_edition_is_the_study_groups_direction_paper_from_its_title_page(guideline):
    assert guideline.title_ja == "サイバーインフラ事業者に求められる役割等の検討の方向性"
    assert guideline.kind == guideline.Kind.DIRECTION_PAPER and guideline.is_draft_document
    assert "事務局" in guideline.issued_by_ja and guideline.issued_by_en
    assert (guideline.source, guideline.source_page) == (Source.SEED, 1)


def test_categories_and_statement_titles_are_the_overview_pages(guideline):
    for category in Category.objects.filter(edition=guideline):
        assert (category.title_source, category.title_source_page) == (Source.SEED, OVERVIEW_PAGE)
        assert (category.summary_source, category.summary_source_page) == (
            Source.SEED,
            OVERVIEW_PAGE,
        )
    for statement in Statement.objects.filter(edition=guideline):
        assert (statement.title_source, statement.title_source_page) == (
            Source.SEED,
            OVERVIEW_PAGE,
        )


def test_the_deck_gives_neither_responsibility_titles_nor_any_description(guideline):
    # It gives only the count of responsibilities; their titles follow the 2025 draft.
    for r in Responsibility.objects.filter(edition=guideline):
        assert r.title_source == Source.LATER_EDITION
        assert r.description_source == Source.PORTAL
    assert set(
        Statement.objects.filter(edition=guideline).values_list("description_source", flat=True)
    ) == {Source.PORTAL}


@pytest.mark.parametrize("axis", SEED_CLASSIFICATION)
def test_a_classification_value_is_the_seeds_only_where_the_deck_states_it(guideline, axis):
    page, stated = SEED_CLASSIFICATION[axis]
    for s in Statement.objects.filter(edition=guideline):
        source, at = getattr(s, f"{axis}_source"), getattr(s, f"{axis}_source_page")
        if s.code in stated:
            assert (source, at) == (Source.SEED, page), (s.code, axis)
        else:
            assert (source, at) == (Source.PORTAL, None), (s.code, axis)


def test_the_portal_derived_the_minimum_and_the_deck_defines_the_standard(guideline):
    minimum = Package.objects.get(edition=guideline, kind="minimum")
    standard = Package.objects.get(edition=guideline, kind="standard")
    assert {r.source for r in PackageStatement.objects.filter(package=minimum)} == {Source.PORTAL}
    assert {
        (r.source, r.source_page) for r in PackageStatement.objects.filter(package=standard)
    } == {(Source.SEED, PACKAGES_PAGE)}
    # The Minimum's definition is the deck's; the Standard's was corrected by the portal.
    assert (minimum.description_source, minimum.description_source_page) == (
        Source.SEED,
        PACKAGES_PAGE,
    )
    assert standard.description_source == Source.PORTAL
    assert minimum.derivation_ja and standard.derivation_ja and standard.derivation_en
