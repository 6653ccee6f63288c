"""A real Celery worker, over Redis, renders and signs a Standard declaration."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from declarations.documents.signing import verify_pdf
from declarations.models import Declaration
from declarations.services import start_declaration
from tests.conftest import answer_everything, attest, require_service
from tests.factories import ProductFactory

pytestmark = pytest.mark.services


@pytest.fixture
def real_worker(eager_celery, transactional_db):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        require_service("CELERY_BROKER_URL is not a Redis URL")
    if connection.vendor != "postgresql":
        # The worker thread needs its own connection to the same database.
        require_service("a worker thread needs PostgreSQL, not an in-memory SQLite database")
    eager_celery.conf.task_always_eager = False
    with start_worker(eager_celery, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        yield


def test_a_worker_over_redis_makes_the_signed_pdf(
    real_worker, guideline, acme, alice, sam, standard, portal_pki, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    product = ProductFactory(organization=acme, name="Acme Core")
    draft = start_declaration(product=product, package=standard, user=alice)
    answer_everything(draft)
    published = attest(draft, sam)  # queues the task on commit, to Redis

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        published.refresh_from_db()
        if published.pdf_state in (Declaration.PdfState.READY, Declaration.PdfState.FAILED):
            break
        time.sleep(0.5)
    assert published.pdf_state == Declaration.PdfState.READY, published.pdf_error
    check = verify_pdf(published.pdf_file.read())
    assert check.ok and check.trusted and check.covers_whole_file
