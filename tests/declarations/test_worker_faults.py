"""Faults the PDF pipeline survives, with the real parts: a prefork Celery worker
in its own process, a Redis of the test's own (so that it can be stopped
without disturbing other tests) and the PostgreSQL test database."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from declarations import tasks
from declarations.documents.signing import verify_pdf
from declarations.models import Declaration
from portal.models import OutgoingEmail
from tests.conftest import attest, drop_broker_connections, require_service

pytestmark = pytest.mark.services

REPO = Path(__file__).resolve().parents[2]
P = Declaration.PdfState


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server on a free port, stopped and started at will."""

    def __init__(self, directory: Path):
        self.port = _free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes", "--dir", str(self.directory),
             "--logfile", str(self.directory / "redis.log")],
            check=True,
        )  # fmt: skip
        self._wait(answering=True)

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], check=False)
        self._wait(answering=False)

    def _wait(self, *, answering: bool) -> None:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                if answering:
                    return
            except OSError:
                if not answering:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis on {self.port} did not {'start' if answering else 'stop'}")


@pytest.fixture
def private_redis(tmp_path):
    if subprocess.run(["which", "redis-server"], capture_output=True).returncode:
        require_service("redis-server is not installed")
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@contextmanager
def celery_publishing_to(app, url: str):
    # Celery reads CELERY_BROKER_URL from the environment before its own
    # configuration (CI sets it), so both change.
    saved = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url
    drop_broker_connections(app)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_connection_retry = False
    app.conf.broker_connection_max_retries = 0
    app.conf.task_publish_retry = False
    try:
        yield
    finally:
        from django.conf import settings

        if saved is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved
        app.conf.broker_url = settings.CELERY_BROKER_URL or None
        app.conf.task_always_eager = True
        drop_broker_connections(app)


@pytest.fixture
def prefork_worker(transactional_db, private_redis, pki_dir, portal_pki, settings, tmp_path):
    """``celery worker -P prefork -c 1`` in a process of its own, on the test database."""
    if connection.vendor != "postgresql":
        require_service("a worker process needs PostgreSQL, not an in-memory SQLite database")
    settings.MEDIA_ROOT = tmp_path / "media"
    db = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": private_redis.url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SIGNING_KEY_FILE": str(pki_dir / "signing-key.pem"),
        "SIGNING_CERT_FILE": str(pki_dir / "signing-cert.pem"),
        "SIGNING_ROOT_CERT_FILE": str(pki_dir / "root-ca.pem"),
        "SIGNING_CERT_FILES": f"{pki_dir / 'signing-cert.pem'},{pki_dir / 'retired-certs'}",
        "SIGNING_TSA_URL": "",
        "SIGNING_TSA_CERT_FILE": str(pki_dir / "tsa-cert.pem"),
        "SIGNING_TSA_KEY_FILE": str(pki_dir / "tsa-key.pem"),
        "SIGNING_CRL_FILE": str(pki_dir / "root-ca.crl"),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-P", "prefork", "-c", "1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=REPO,
        env=environment,
        start_new_session=True,
    )  # fmt: skip
    yield worker
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def _pool_children(worker: subprocess.Popen) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def _wait_for(condition, *, seconds: float = 180, every: float = 0.02):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"not reached in {seconds} s")


def _pdf(declaration: Declaration) -> Declaration:
    return Declaration.objects.get(pk=declaration.pk)


def test_a_worker_killed_while_rendering_gives_the_pdf_back_and_it_is_made_once(
    complete_draft, sam, prefork_worker, private_redis, eager_celery, settings
):
    with celery_publishing_to(eager_celery, private_redis.url):
        published = attest(complete_draft, sam)  # queued on commit, to the private Redis

        # The attempt is counted (and committed) before rendering starts; the
        # render and signature then take a second or two: kill the process.
        # (A worker process starting on a busy machine can take a while.)
        _wait_for(lambda: _pdf(published).pdf_attempts == 1, seconds=300)
        assert _pdf(published).pdf_state == P.PENDING
        children = _wait_for(lambda: _pool_children(prefork_worker))
        for pid in children:
            os.kill(pid, signal.SIGKILL)

        done = _wait_for(lambda: _pdf(published).pdf_state != P.PENDING and _pdf(published))
    assert done.pdf_state == P.READY, done.pdf_error
    assert done.pdf_attempts == 2
    assert verify_pdf(done.pdf_file.read()).trusted
    assert [p.name for p in (settings.MEDIA_ROOT / "declarations").iterdir()] == [
        f"{done.serial}.pdf"
    ]


def test_with_redis_stopped_at_attestation_the_declaration_is_published_and_its_pdf_made_later(
    complete_draft, sam, prefork_worker, private_redis, eager_celery
):
    private_redis.stop()
    with celery_publishing_to(eager_celery, private_redis.url):
        published = attest(complete_draft, sam)
        published.refresh_from_db()
        assert published.status == Declaration.Status.PUBLISHED
        assert published.pdf_state == P.PENDING
        assert OutgoingEmail.objects.filter(subject__contains=published.serial).exists()

        private_redis.start()
        # Ten minutes on, beat sends the sweep (from a process of its own: a
        # fresh app, as beat is), and the worker queues and makes the PDF.
        Declaration.objects.filter(pk=published.pk).update(
            updated_at=timezone.now() - tasks.STALE_AFTER * 2
        )
        Celery(broker=private_redis.url).send_task("declarations.tasks.sweep_missing_pdfs")
        done = _wait_for(lambda: _pdf(published).pdf_state != P.PENDING and _pdf(published))
    assert done.pdf_state == P.READY, done.pdf_error
    assert verify_pdf(done.pdf_file.read()).trusted
    assert tasks.missing_pdf_ids() == []
