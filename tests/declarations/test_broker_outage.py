"""A broker outage at attestation loses nothing: the declaration is published
and the periodic sweep makes its PDF later."""

import time_machine

from declarations import pdf_jobs, tasks
from declarations.models import Declaration
from tests.conftest import attest


def test_attesting_with_the_broker_down_still_publishes(
    complete_draft, sam, eager_celery, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    eager_celery.conf.task_always_eager = False
    # Nothing listens on port 9: publishing to this broker fails at once.
    eager_celery.conf.broker_url = "redis://127.0.0.1:9/0"
    eager_celery.conf.broker_connection_retry = False
    eager_celery.conf.broker_connection_max_retries = 0
    eager_celery.conf.task_publish_retry = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            published = attest(complete_draft, sam)
    finally:
        eager_celery.conf.broker_url = settings.CELERY_BROKER_URL or None
        eager_celery.conf.task_always_eager = True
        eager_celery.close()  # drop the connection pool made for the dead broker
    published.refresh_from_db()
    assert published.status == Declaration.Status.PUBLISHED
    assert published.pdf_state == Declaration.PdfState.PENDING

    # Once the broker is back, the beat sweep picks it up.
    with time_machine.travel(published.updated_at + pdf_jobs.STALE_AFTER * 2):
        assert tasks.sweep_missing_pdfs() == 1
    published.refresh_from_db()
    assert published.pdf_state == Declaration.PdfState.READY
