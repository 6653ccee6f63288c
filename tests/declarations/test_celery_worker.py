"""A real Celery worker, over Redis, renders and signs a Standard declaration."""

import time

import pytest

from declarations.documents.signing import verify_pdf
from declarations.models import Declaration
from declarations.services import start_declaration
from tests.conftest import answer_everything, attest
from tests.factories import ProductFactory

pytestmark = pytest.mark.services


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
