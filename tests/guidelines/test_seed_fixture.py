"""The shipped seed edition is complete and faithful to the study group's deck."""

import re

from guidelines.models import Category, Package, Statement
from guidelines.services import compute_digest

from .seed_titles import SEED_TITLES_JA


def test_it_has_six_categories_with_4_4_3_6_2_2_statements(guideline):
    counts = [c.statements.count() for c in Category.objects.filter(edition=guideline)]
    assert counts == [4, 4, 3, 6, 2, 2]


def test_it_has_21_unique_codes_from_1_1_to_6_2(guideline):
    codes = list(Statement.objects.filter(edition=guideline).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 21
    assert codes[0] == "(1)-1" and codes[-1] == "(6)-2"
    assert all(re.fullmatch(r"\(\d\)-\d", code) for code in codes)


def test_statement_titles_are_verbatim_from_the_seed(guideline):
    statements = Statement.objects.filter(edition=guideline)
    assert len(SEED_TITLES_JA) == 21
    assert {s.code: s.title_ja for s in statements} == SEED_TITLES_JA
    assert all(s.title_en for s in statements)


def test_minimum_is_a_subset_of_standard_which_is_every_operator_statement(guideline):
    minimum = set(Package.objects.get(edition=guideline, kind="minimum").statements.all())
    standard = set(Package.objects.get(edition=guideline, kind="standard").statements.all())
    operator = set(Statement.objects.filter(edition=guideline, category__party="operator"))
    assert len(minimum) == 13 and len(standard) == 19
    assert minimum < standard
    assert standard == operator


def test_minimum_follows_the_seed_admission_rule(guideline):
    # 【諸外国の取組に合致】 or 【直接的・即効性有】+【比較的低い】
    for statement in Package.objects.get(edition=guideline, kind="minimum").statements.all():
        assert statement.alignment == "matches_foreign" or (
            statement.effect == "direct" and statement.difficulty == "low"
        ), statement.code


def test_minimum_package_explains_that_its_membership_is_derived(guideline):
    minimum = Package.objects.get(edition=guideline, kind="minimum")
    assert "導出" in minimum.derivation_ja and "derived" in minimum.derivation_en.lower()


def test_the_standard_package_does_not_claim_every_requirement(guideline):
    # It holds the 19 providers' statements, not the customer's category (6).
    standard = Package.objects.get(edition=guideline, kind="standard")
    assert "全ての要求事項から" not in standard.description_ja
    assert "19" in standard.description_ja and "(6)" in standard.description_ja
    assert "19" in standard.description_en and "(6)" in standard.description_en


def test_the_shipped_digest_matches_the_content(guideline):
    assert guideline.content_digest == compute_digest(guideline)
