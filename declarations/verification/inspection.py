"""Reading an uploaded PDF: its signature and its embedded record, within a budget.

The parsing is the only part of a verification that a hostile file can make
expensive, so it runs in the sandbox; the registry look-up that follows runs
here, in the web process, on the few facts that come back.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
from datetime import datetime
from typing import Any

from django.conf import settings

from ..documents.pdf import extract_attachment
from ..documents.rendering import RECORD_FILENAME
from ..documents.signing import SignatureCheck, load_trust_roots, verify_pdf
from .sandbox import OverBudget, run_limited

__all__ = ["Inspection", "OverBudget", "inspect_upload"]

_DATETIMES = ("signed_at", "timestamped_at", "compromised_since")


@dataclasses.dataclass(frozen=True)
class Inspection:
    signature: SignatureCheck
    # The embedded canonical record; read only when the signature holds.
    record: bytes | None


def inspect_upload(data: bytes) -> Inspection:
    """The signature check and embedded record of ``data``; OverBudget past the budget."""
    # A missing trust root is the server's fault: raise it here, with its own
    # type, rather than in the child. Loaded once, the child inherits them.
    load_trust_roots()
    answer = run_limited(
        functools.partial(_inspect, data),
        seconds=settings.VERIFY_TIME_BUDGET_SECONDS,
        megabytes=settings.VERIFY_MEMORY_BUDGET_MB,
        # The record, base64-encoded, cannot honestly be larger than the file.
        max_output=2 * len(data) + 1024 * 1024,
    )
    record = answer["record"]
    return Inspection(
        signature=_signature_from(answer["signature"]),
        record=None if record is None else base64.b64decode(record),
    )


def _inspect(data: bytes) -> dict[str, Any]:
    """In the child: everything that parses the untrusted bytes."""
    signature = verify_pdf(data)
    record = extract_attachment(data, RECORD_FILENAME) if signature.ok else None
    return {
        "signature": _signature_data(signature),
        "record": None if record is None else base64.b64encode(record).decode(),
    }


def _signature_data(check: SignatureCheck) -> dict[str, Any]:
    data = dataclasses.asdict(check)
    for name in _DATETIMES:
        data[name] = data[name].isoformat() if data[name] else None
    return data


def _signature_from(data: dict[str, Any]) -> SignatureCheck:
    values = dict(data, problems=tuple(data["problems"]))
    for name in _DATETIMES:
        values[name] = datetime.fromisoformat(data[name]) if data[name] else None
    return SignatureCheck(**values)
