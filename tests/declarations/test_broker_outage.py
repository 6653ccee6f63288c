"""A broker outage at attestation loses nothing: the declaration is published
and the periodic sweep makes its PDF later."""

import time_machine

from declarations import tasks
from declarations.models import Declaration
from tests.conftest import attest, broker_down


def test_attesting_with_the_broker_down_still_publishes(
    complete_draft,
    sam,
    portal_pki,
    eager_celery,
    django_capture_on_commit_callbacks,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with broker_down(eager_celery, settings), django_capture_on_commit_callbacks(execute=True):
        published = attest(complete_draft, sam)
    published.refresh_from_db()
    assert published.status == Declaration.Status.PUBLISHED
    assert published.pdf_state == Declaration.PdfState.PENDING

    # Once the broker is back, the beat sweep picks it up.
    with time_machine.travel(published.updated_at + tasks.STALE_AFTER * 2):
        assert tasks.sweep_missing_pdfs() == 1
    published.refresh_from_db()
    assert published.pdf_state == Declaration.PdfState.READY
