"""The same draft attested twice at the same moment becomes one publication: one
serial, one event; the second signatory is told it is no longer a draft.

Only PostgreSQL can show it: the attestation locks the declaration's row, and
SQLite has no row locks (it serialises whole writes instead), so there the
test is skipped — and fails when CI demands the real database.
"""

import threading

import pytest
from django.db import connection, connections

from declarations.errors import DeclarationError
from declarations.models import Declaration, DeclarationEvent
from portal.models import Role
from tests.conftest import attest, require_service
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.services


def test_two_signatories_attesting_the_same_draft_at_once_make_one_publication(
    transactional_db, complete_draft, sam, acme, portal_pki, settings, tmp_path
):
    if connection.vendor != "postgresql":
        require_service("row locks need PostgreSQL (DATABASE_URL)")
    settings.MEDIA_ROOT = tmp_path / "media"
    other = UserFactory(email="sue@acme.example")
    MembershipFactory(organization=acme, user=other, role=Role.SIGNATORY)
    barrier = threading.Barrier(2, timeout=30)
    outcomes: dict[str, object] = {}

    def sign(signatory):
        try:
            barrier.wait()
            outcomes[signatory.email] = attest(
                Declaration.objects.get(pk=complete_draft.pk), signatory
            )
        except Exception as error:
            outcomes[signatory.email] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(person,)) for person in (sam, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    published = [o for o in outcomes.values() if isinstance(o, Declaration)]
    refused = [o for o in outcomes.values() if isinstance(o, DeclarationError)]
    assert len(published) == 1 and len(refused) == 1, outcomes
    assert "Only a draft can be attested" in str(refused[0]) or "下書き" in str(refused[0])
    assert Declaration.objects.filter(status=Declaration.Status.PUBLISHED).count() == 1
    assert Declaration.objects.exclude(serial=None).values("serial").distinct().count() == 1
    events = DeclarationEvent.objects.filter(
        declaration_id=complete_draft.pk, to_status=Declaration.Status.PUBLISHED
    )
    assert events.count() == 1
