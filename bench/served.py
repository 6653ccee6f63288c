"""Requests per second under the production processes, against a bare view on the same server.

Starts ``scripts/prod-like.sh`` (gunicorn with 2 workers, a Celery worker and
beat, DEBUG off, PostgreSQL and Redis on this machine) with ``bench.settings``,
whose URLconf adds ``/bench/bare/``, on a fresh database; then points wrk at each
page in turn over loopback, the bare view first and last. Anonymous requests,
no cookies, no conditional headers: every response is a full 200.
While the stack starts, its worker signs the demo declarations' PDFs: their
timestamps give the worker's signed declarations per minute.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_HTTP_PORT", "8011"))
DB = os.environ.get("BENCH_HTTP_DB", "portal_bench_http")
BASE = f"http://127.0.0.1:{PORT}"
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB, "-tAc"]


def _psql(sql: str) -> str:
    return subprocess.run([*PSQL, sql], capture_output=True, text=True, check=True).stdout.strip()


def _status(path: str) -> int:
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start() -> subprocess.Popen:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PROD_LIKE_PORT=str(PORT),
        PROD_LIKE_DB=DB,
        PROD_LIKE_REDIS_DB=os.environ.get("BENCH_HTTP_REDIS_DB", "12"),
    )
    process = subprocess.Popen(
        ["scripts/prod-like.sh"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped as one
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _status("/healthz") == 200:
                return process
        except OSError:
            pass
        time.sleep(1)
    stop(process)
    raise SystemExit("prod-like did not come up")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def worker_rate(timeout: float = 300) -> tuple[int, float]:
    """The demo PDFs the worker signed, and how many per minute (from their timestamps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = _psql("select count(*) from declarations_declaration where pdf_state = 'pending'")
        if left == "0":
            break
        time.sleep(2)
    row = _psql(
        "select count(*), extract(epoch from max(updated_at) - min(updated_at))"
        " from declarations_declaration where pdf_state = 'ready'"
    )
    count, seconds = row.split("|")
    count = int(count)
    return count, (count - 1) / float(seconds) * 60 if count > 1 and float(seconds) else 0.0


def wrk(path: str, *, seconds: int, connections: int) -> float:
    if (status := _status(path)) != 200:
        raise SystemExit(f"{path} answered {status}")
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"wrk on {path}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def report(*, seconds: int = 5, connections: int = 8) -> None:
    if not shutil.which("wrk"):
        print("wrk is not installed (make test-deps): no requests per second under gunicorn")
        return
    process = start()
    try:
        count, per_minute = worker_rate()
        serial = _psql(
            "select serial from declarations_declaration where status = 'published'"
            " order by attested_at limit 1"
        )
        paths = {
            "verify by serial": f"/verify/{serial}/",
            "registry summary": f"/registry/{serial}/",
            "registry badge": f"/registry/{serial}/badge.svg",
            "read API, one declaration": f"/api/v1/declarations/{serial}/",
            "guideline page": "/guideline/",
            "guideline API": "/api/v1/guideline/",
        }
        print(f"worker: {count} demo PDFs signed, {per_minute:,.0f} signed declarations/minute")
        before = wrk("/bench/bare/", seconds=seconds, connections=connections)
        rates = {
            label: wrk(path, seconds=seconds, connections=connections)
            for label, path in paths.items()
        }
        after = wrk("/bench/bare/", seconds=seconds, connections=connections)
        bare = (before + after) / 2
        print(
            f"requests per second, gunicorn + wrk  (bare view: {bare:,.0f}/s;"
            f" {before:,.0f} before, {after:,.0f} after; goal >= 50 %)"
        )
        for label, rate in rates.items():
            print(f"{label:33} {rate:8,.0f}/s  {rate / bare:5.0%} of bare")
    finally:
        stop(process)


if __name__ == "__main__":
    report()
