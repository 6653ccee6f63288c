"""`seed_demo` publishes declarations in every state the registry shows, once."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from declarations.models import Declaration, ReviewThread, Watch
from declarations.registry.search import RegistrySearch, registry_declarations
from portal.models import Organization

S = Declaration.Status


def _seed():
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())


def test_the_demo_registry_has_two_vendors_and_every_state_but_expired(db, portal_pki):
    _seed()
    issued = Declaration.objects.issued()
    vendors = issued.values_list("organization__name_ja", flat=True).distinct()
    assert len(set(vendors)) >= 2
    statuses = set(issued.values_list("status", flat=True))
    assert {S.PUBLISHED, S.SUPERSEDED, S.WITHDRAWN, S.REVOKED} <= statuses
    superseded = issued.get(status=S.SUPERSEDED)
    assert superseded.superseded_by.status == S.PUBLISHED
    # The drafts people work on in the demo are still drafts.
    assert Declaration.objects.drafts().count() == 2


def test_seeding_again_changes_nothing(db, portal_pki):
    _seed()
    before = sorted(Declaration.objects.values_list("pk", "status"))
    _seed()
    assert sorted(Declaration.objects.values_list("pk", "status")) == before
    assert Organization.objects.filter(corporate_number="4010001000003").count() == 1


def test_the_demo_declarations_are_found_in_the_registry(db, portal_pki):
    _seed()
    found = registry_declarations(RegistrySearch(q="でもそふと"), today=datetime.date.today())
    assert found.exists()


def test_the_demo_has_a_resolved_review_thread_on_a_published_declaration(db, portal_pki):
    _seed()
    resolved = ReviewThread.objects.get(state=ReviewThread.State.RESOLVED)
    assert resolved.declaration.status == S.PUBLISHED
    assert resolved.messages.filter(side="vendor").exists()
    assert resolved.procurer.memberships.filter(user__email="procurer@demo.example").exists()
    assert ReviewThread.objects.filter(state=ReviewThread.State.OPEN).count() == 1
    _seed()
    assert ReviewThread.objects.count() == 2


def test_the_demo_procurer_has_an_open_and_a_fulfilled_request(db, portal_pki):
    from declarations.models import DeclarationRequest

    _seed()
    requests = DeclarationRequest.objects.filter(requested_by__email="procurer@demo.example")
    statuses = {r.product.name: r.status for r in requests}
    R = DeclarationRequest.Status
    assert statuses == {"デモ業務クラウド": R.DRAFTING, "デモ認証ゲートウェイ": R.FULFILLED}
    fulfilled = requests.get(status=R.FULFILLED)
    assert fulfilled.declaration.serial and fulfilled.declaration.package.kind == "standard"
    _seed()
    assert DeclarationRequest.objects.count() == 2


def test_the_demo_procurer_watches_the_demo_vendor_once(db, portal_pki):
    _seed()
    _seed()
    (watch,) = Watch.objects.filter(user__email="procurer@demo.example")
    assert watch.organization.corporate_number == "6010001000001"


def test_without_a_signing_key_the_demo_stops_and_says_how_to_make_one(db, settings, tmp_path):
    settings.SIGNING_KEY_FILE = tmp_path / "signing-key.pem"
    settings.SIGNING_CERT_FILE = tmp_path / "signing-cert.pem"
    with pytest.raises(CommandError, match="create_dev_signing_key"):
        _seed()
    # Before it wrote anything that would then wait for a PDF that never comes.
    assert not Declaration.objects.exists()
