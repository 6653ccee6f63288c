"""A PDF that would take seconds and hundreds of MB to read is cut off by a budget.

Parsing runs in a child process (declarations.verification.sandbox) with a
wall-clock deadline and an address-space limit; the web process gets a verdict
either way and keeps its database connection.
"""

import logging
import time
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from declarations.models import Declaration
from declarations.verification.sandbox import OverBudget, run_limited
from declarations.verification.verdicts import Outcome, verify_upload

FIELDS = 200_000


def many_fields_pdf(fields: int) -> bytes:
    """A valid PDF whose form has ``fields`` signature fields, written object by object."""
    out = BytesIO()
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    out.write(b"%PDF-1.7\n")
    first = 4
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(fields))
    add(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + refs + b"] >> >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    for i in range(fields):
        add(first + i, b"<< /FT /Sig /T (field%d) >>" % i)
    xref, size = out.tell(), first + fields
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    out.write(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size)))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


@pytest.fixture(scope="module")
def heavy_pdf() -> bytes:
    data = many_fields_pdf(FIELDS)
    assert len(data) < 20 * 1024 * 1024  # under the upload limit: only the budget stops it
    return data


def test_the_time_budget_cuts_a_heavy_pdf_off(heavy_pdf, settings, portal_pki):
    settings.VERIFY_TIME_BUDGET_SECONDS = 1

    started = time.monotonic()
    verdict = verify_upload(heavy_pdf)
    elapsed = time.monotonic() - started

    assert verdict.outcome == Outcome.INVALID
    assert [check.code for check in verdict.checks] == ["over_budget"]
    assert elapsed < 3  # reading it all takes pyHanko about 20 s


def test_the_memory_budget_cuts_a_heavy_pdf_off(heavy_pdf, settings, portal_pki):
    settings.VERIFY_TIME_BUDGET_SECONDS = 60
    settings.VERIFY_MEMORY_BUDGET_MB = 64

    verdict = verify_upload(heavy_pdf)

    assert [check.code for check in verdict.checks] == ["over_budget"]


def test_the_page_and_the_api_answer_over_budget(client, heavy_pdf, settings, portal_pki):
    settings.VERIFY_TIME_BUDGET_SECONDS = 1

    page = client.post("/en/verify/", {"pdf": SimpleUploadedFile("d.pdf", heavy_pdf)})
    api = client.post("/api/v1/verify/", {"pdf": SimpleUploadedFile("d.pdf", heavy_pdf)})

    assert page.status_code == 200 and 'data-code="over_budget"' in page.content.decode()
    assert api.status_code == 200 and api.json()["checks"][0]["code"] == "over_budget"


def test_a_heavy_pdf_is_logged_as_information_not_as_an_error(
    heavy_pdf, settings, portal_pki, caplog
):
    settings.VERIFY_TIME_BUDGET_SECONDS = 1
    caplog.set_level(logging.INFO)

    verify_upload(heavy_pdf)

    assert any("over budget" in r.getMessage() for r in caplog.records)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_log_lines_of_the_child_reach_the_parents_log(portal_pki, caplog):
    caplog.set_level(logging.INFO)

    verify_upload(b"%PDF-1.7\ntruncated")

    assert any("Unreadable PDF submitted" in r.getMessage() for r in caplog.records)


def _session() -> object:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
        cursor.execute("SELECT 1")
    return id(connection.connection)


def test_the_child_leaves_the_parents_database_connection_alone(published):
    before = _session()

    in_child = run_limited(_session, seconds=10, megabytes=256, max_output=1024)

    assert in_child != before  # a query there would open a connection of its own
    assert _session() == before
    assert Declaration.objects.filter(pk=published.pk).exists()


def test_a_sandboxed_task_that_fails_is_an_error_not_a_verdict():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_limited(lambda: 1 / 0, seconds=10, megabytes=64, max_output=1024)


def test_an_answer_over_the_size_limit_counts_as_over_budget():
    with pytest.raises(OverBudget):
        run_limited(lambda: "x" * 10_000, seconds=10, megabytes=64, max_output=1024)
