"""`make prod-like` runs the production processes here — gunicorn, a Celery worker
and beat, DEBUG off — against the real PostgreSQL and Redis. A smoke test of
that stack: it serves pages and static files, hides the debug page, and its
worker signs the demo declarations' PDFs."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2
import pytest

from tests.conftest import require_service

REPO = Path(__file__).resolve().parents[1]
DB = "portal_prodlike_smoke"

pytestmark = pytest.mark.services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _services_answer() -> bool:
    try:
        psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres").close()
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except (OSError, psycopg2.Error):
        return False
    return True


@pytest.fixture(scope="module")
def stack():
    if not _services_answer():
        require_service("PostgreSQL and Redis on 127.0.0.1")
    port = _free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DEBUG"))
    }
    environment.update(PROD_LIKE_PORT=str(port), PROD_LIKE_DB=DB, PROD_LIKE_REDIS_DB="4")
    process = subprocess.Popen(
        ["scripts/prod-like.sh"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _get(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(1)
    else:
        output = process.stdout.read() if process.poll() is not None else ""
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail(f"prod-like did not come up: {output}")
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_pages_are_served_with_debug_off_and_static_files_from_whitenoise(stack):
    status, _, page = _get(stack + "/guideline/")
    assert status == 200
    stylesheet = page.split('href="/static/css/portal.', 1)[1].split('"', 1)[0]
    status, headers, _ = _get(f"{stack}/static/css/portal.{stylesheet}")
    assert status == 200
    assert "immutable" in headers.get("Cache-Control", "")


def test_pages_carry_the_enforced_content_security_policy_with_debug_off(stack):
    for path in ("/guideline/", "/api/v1/docs/", "/no-such-page/"):
        _, headers, _ = _get(stack + path)
        policy = headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, path
        assert "unsafe" not in policy, path


def test_a_missing_page_is_not_the_debug_page(stack):
    status, _, page = _get(stack + "/no-such-page/")
    assert status == 404
    assert "URLconf" not in page and "Traceback" not in page


def test_the_worker_signs_the_demo_declarations(stack):
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=DB)
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "select pdf_state, count(*) from declarations_declaration"
                " where status <> 'draft' group by pdf_state"
            )
            states = dict(cursor.fetchall())
        connection.close()
        if states and set(states) == {"ready"}:
            return
        time.sleep(2)
    pytest.fail(f"PDF states after four minutes: {states}")


def test_pages_keep_working_when_the_database_drops_every_connection(stack):
    assert _get(stack + "/registry/")[0] == 200
    # What a PostgreSQL restart does to the web processes' kept connections.
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity"
            " where datname = %s and pid <> pg_backend_pid()",
            [DB],
        )
        assert cursor.rowcount >= 1
    connection.close()
    for _ in range(4):  # every gunicorn worker, whichever answers
        assert _get(stack + "/registry/")[0] == 200
