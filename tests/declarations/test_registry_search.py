"""Finding issued declarations: however the name is typed, by any filter, in a stable order."""

import datetime

import pytest

from declarations import services
from declarations.models import Declaration
from declarations.registry.forms import RegistrySearchForm
from declarations.registry.search import (
    PublicStatus,
    RegistrySearch,
    fold,
    public_status,
    registry_declarations,
)
from portal.models import Role
from tests.conftest import answer_everything, attest
from tests.factories import MembershipFactory, OrganizationFactory, ProductFactory, UserFactory

TODAY = datetime.date.today()


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("ｱｸﾒ", "アクメ"),  # half-width katakana
        ("あくめ", "アクメ"),  # hiragana
        ("ＡＣＭＥ", "Acme"),  # full-width, upper case
        ("サーバ", "サーバー"),  # with or without the long vowel
        ("デモソフトウエア", "デモソフトウェア"),  # small kana
        ("jpd-2026-7k3m", "JPD-2026-7K3M"),
    ],
)
def test_folding_makes_the_ways_of_typing_one(typed, stored):
    assert fold(typed) == fold(stored)


def test_folding_is_idempotent():
    text = "株式会社デモ・ソフトウェア　Ｖ２"
    assert fold(fold(text)) == fold(text)


def _publish(organization, product_name, package, *, kind="software", roles=("developer",)):
    signatory = UserFactory()
    MembershipFactory(user=signatory, organization=organization, role=Role.SIGNATORY)
    editor = UserFactory()
    MembershipFactory(user=editor, organization=organization, role=Role.EDITOR)
    product = ProductFactory(
        organization=organization, name=product_name, kind=kind, roles=list(roles)
    )
    draft = services.start_declaration(product=product, package=package, user=editor)
    answer_everything(draft)
    return attest(draft, signatory, password=_password(signatory))


def _password(user):
    user.set_password("correct horse battery")
    user.save()
    return "correct horse battery"


@pytest.fixture
def registry(published, minimum, standard, portal_pki):
    """Acme's Minimum (published), a gateway's Standard, and a withdrawn one."""
    gateway = OrganizationFactory(name_ja="株式会社ゲートウェイ", name_en="Gateway K.K.")
    standard_one = _publish(gateway, "制御サーバー", standard, kind="firmware", roles=["supplier"])
    other = OrganizationFactory(name_ja="撤回商事", name_en="Withdrawn Trading")
    withdrawn = _publish(other, "Old Tool", minimum)
    signatory = withdrawn.attested_by
    services.withdraw_declaration(declaration=withdrawn, user=signatory, reason="販売終了")
    return {"acme": published, "gateway": standard_one, "withdrawn": withdrawn}


def _serials(search: RegistrySearch):
    return {d.serial for d in registry_declarations(search, today=TODAY)}


def test_a_vendor_is_found_however_its_name_is_typed(registry):
    for typed in ("ｱｸﾒ", "あくめ", "アクメ", "acme", "ＡＣＭＥ"):
        assert _serials(RegistrySearch(q=typed)) == {registry["acme"].serial}, typed


def test_by_corporate_number_product_and_serial(registry):
    gateway = registry["gateway"]
    assert _serials(RegistrySearch(q=gateway.organization.corporate_number)) == {gateway.serial}
    assert _serials(RegistrySearch(q="制御ｻｰﾊﾞ")) == {gateway.serial}
    assert _serials(RegistrySearch(q=gateway.serial.lower())) == {gateway.serial}


def test_every_word_must_match(registry):
    assert _serials(RegistrySearch(q="ゲートウェイ 制御")) == {registry["gateway"].serial}
    assert _serials(RegistrySearch(q="ゲートウェイ acme")) == set()


def test_filters(registry):
    acme, gateway, withdrawn = registry["acme"], registry["gateway"], registry["withdrawn"]
    assert _serials(RegistrySearch(package="standard")) == {gateway.serial}
    assert _serials(RegistrySearch(status="in_force")) == {acme.serial, gateway.serial}
    assert _serials(RegistrySearch(status="withdrawn")) == {withdrawn.serial}
    assert _serials(RegistrySearch(product_kind="firmware")) == {gateway.serial}
    assert _serials(RegistrySearch(vendor_role="supplier")) == {gateway.serial}
    assert len(_serials(RegistrySearch(edition="2024-09"))) == 3


def test_drafts_are_never_in_the_registry(registry, acme_product, minimum, alice):
    services.start_declaration(product=acme_product, package=minimum, user=alice)
    assert Declaration.objects.drafts().exists()
    assert all(d.status != "draft" for d in registry_declarations(RegistrySearch(), today=TODAY))


def test_a_published_declaration_past_its_validity_counts_as_expired(registry):
    later = registry["acme"].valid_until + datetime.timedelta(days=1)
    assert public_status(registry["acme"], today=later) == PublicStatus.EXPIRED
    expired = {
        d.serial for d in registry_declarations(RegistrySearch(status="expired"), today=later)
    }
    assert registry["acme"].serial in expired


def test_sorting_by_validity_and_vendor(registry):
    by_vendor = [
        d.organization.name_ja
        for d in registry_declarations(RegistrySearch(sort="vendor"), today=TODAY)
    ]
    assert by_vendor == sorted(by_vendor)


def test_bad_filter_values_are_ignored_and_said(registry):
    form = RegistrySearchForm({"status": "bogus", "q": "ア\x00クメ", "sort": "nope"})
    search = form.search()
    assert search.status == "" and search.q == "アクメ" and search.sort == "-published"
    assert "status" in form.errors and "sort" in form.errors
    assert _serials(search) == {registry["acme"].serial}


def test_one_query_whatever_the_number_of_results(registry, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(registry_declarations(RegistrySearch(), today=TODAY))
        shown = [(r.organization.name_ja, r.product.name, r.package.kind) for r in rows]
    assert len(shown) == 3


def test_vendors_sort_by_their_english_names_in_english(registry):
    from django.utils import translation

    with translation.override("en"):
        rows = registry_declarations(RegistrySearch(sort="vendor"), today=TODAY)
        names = [d.organization.name_en for d in rows]
    assert names == sorted(names)
