"""Running the parsing of untrusted files in a child process with a time and memory budget.

A crafted PDF of a few megabytes can keep pyHanko busy for many seconds and
make it allocate hundreds of megabytes (200,000 form fields do). The web
process must not pay for that, so the work runs in a forked child under an
address-space limit (``RLIMIT_AS``) and a wall-clock deadline, and its answer
comes back as JSON: never pickle, because the child has just parsed hostile
input and its answer must be data, not code.

Fork rather than spawn: the child starts in a few milliseconds with everything
already loaded (settings, trust roots, pyHanko). In a process with threads only
the forking thread lives on in the child; a lock held by another thread at
that moment could hang it, and the deadline covers that case too.

The child leaves the parent's database connections alone (their sockets are
shared), and it ends with ``os._exit``, so no finalizer closes them: closing
one would end the parent's session on the server.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import math
import os
import resource
import selectors
import signal
import time
from collections.abc import Callable
from typing import Any

from django.db import connections

logger = logging.getLogger(__name__)

# A hostile file can make the parser log for every object it reads.
_MAX_LOG_RECORDS = 50
_CHUNK = 1 << 16
# Handles the child takes from Django without closing them (see the module doc).
_inherited: list[Any] = []


class OverBudget(Exception):
    """The work took too long or too much memory, or its process died."""


def run_limited(task: Callable[[], Any], *, seconds: float, megabytes: int, max_output: int) -> Any:
    """``task()`` run in a child process; its result must be JSON-serialisable.

    The child may use ``megabytes`` of address space beyond what it inherits and
    must answer within ``seconds`` with at most ``max_output`` bytes of JSON;
    otherwise it is killed and OverBudget raised. Log records of the child are
    handed to the parent's loggers.
    """
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, which never returns
        os.close(read_end)
        _child(task, write_end, seconds=seconds, megabytes=megabytes)
    os.close(write_end)
    try:
        output = _read(read_end, deadline=started + seconds, limit=max_output)
    finally:
        os.close(read_end)
        status = _reap(pid)
    if output is None:
        raise OverBudget(f"no answer within {seconds} s and {max_output} bytes")
    try:
        message = json.loads(output)
    except ValueError:
        # Killed, or an allocation failed where no MemoryError could be raised.
        raise OverBudget(f"the child ended without an answer (wait status {status})") from None
    _replay(message.get("logs", []))
    if message.get("over_budget"):
        raise OverBudget(f"more than {megabytes} MB")
    if "error" in message:
        raise RuntimeError(f"The sandboxed task failed: {message['error']}")
    return message["result"]


def _read(fd: int, *, deadline: float, limit: int) -> bytes | None:
    """Everything the child writes until it closes the pipe; None past the deadline or limit."""
    chunks: list[bytes] = []
    size = 0
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return None
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)


def _reap(pid: int) -> int | None:
    """End the child and return its wait status."""
    # Past the deadline it is still working; after its answer it is exiting anyway.
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored)
        return None


def _replay(records: list[dict]) -> None:
    for data in records[:_MAX_LOG_RECORDS]:
        record = logging.makeLogRecord(data)
        logging.getLogger(record.name).handle(record)


# --- in the child ---------------------------------------------------------------


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict] = []
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= _MAX_LOG_RECORDS:
            return
        data = {
            "name": record.name,
            "levelno": record.levelno,
            "levelname": record.levelname,
            "msg": record.getMessage(),
            "pathname": record.pathname,
            "lineno": record.lineno,
            "funcName": record.funcName,
            "created": record.created,
        }
        if record.exc_info:
            data["exc_text"] = self._formatter.formatException(record.exc_info)
        self.records.append(data)


def _collect_logs() -> _Collector:
    """Route every log record of the child to one collector, sent back with the answer."""
    collector = _Collector()
    for candidate in logging.Logger.manager.loggerDict.values():
        if isinstance(candidate, logging.Logger):
            candidate.handlers = []
    logging.getLogger().handlers = [collector]
    return collector


def _forget_database_connections() -> None:
    # Keep the inherited handles alive (no finalizer may close them) but out of
    # Django's reach: a query in the child would open a connection of its own.
    for connection in connections.all(initialized_only=True):
        _inherited.append(connection.connection)
        connection.connection = None


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None  # not Linux: the memory budget is not enforced


def _limit_memory(megabytes: int) -> Callable[[], None]:
    """Limit the address space to what the child has plus ``megabytes``; return an undo."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    current = _address_space()
    if current is None:
        return lambda: None
    limit = current + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _child(task: Callable[[], Any], fd: int, *, seconds: float, megabytes: int) -> None:
    code = 0
    try:
        # The parent's objects (a quarter of a million: Django, pyHanko, the
        # settings) will never be garbage here: out of the collector's sight, its
        # full collections during the parsing cost milliseconds instead of a
        # hundred, and do not copy the parent's pages by touching them.
        gc.freeze()
        # Should the parent die, the child still ends.
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(math.ceil(seconds) + 1)
        _forget_database_connections()
        collector = _collect_logs()
        undo = _limit_memory(megabytes)
        message: dict[str, Any]
        try:
            message = {"result": task()}
        # An allocation that fails inside C code may surface as a SystemError
        # ("returned NULL without setting an exception") instead.
        except (MemoryError, SystemError):
            message = {"over_budget": True}
        except BaseException as error:
            message = {"error": repr(error)[:1000]}
        finally:
            undo()  # room to encode the answer
        message["logs"] = collector.records
        try:
            data = json.dumps(message).encode()
        except (TypeError, ValueError) as error:
            data = json.dumps({"error": repr(error)[:1000], "logs": collector.records}).encode()
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 70
    finally:
        os._exit(code)
