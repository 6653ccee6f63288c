"""Container health checks, one per process kind: ``healthcheck.py web`` or ``beat``.

web: /healthz answers 200, asked with a host name the portal serves
(ALLOWED_HOSTS refuses any other). beat: its schedule file was written in the
last ten minutes (Celery's scheduler writes it every three). The worker's check
is Celery's own ``inspect ping``, in docker-compose.yml.
"""

import glob
import os
import sys
import time
import urllib.request

BEAT_SCHEDULE = "/tmp/celerybeat-schedule"


def web() -> bool:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    request = urllib.request.Request("http://127.0.0.1:8000/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def beat() -> bool:
    written = [os.path.getmtime(path) for path in glob.glob(BEAT_SCHEDULE + "*")]
    return bool(written) and time.time() - max(written) < 600


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "web"
    sys.exit(0 if {"web": web, "beat": beat}[kind]() else 1)
