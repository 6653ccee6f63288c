"""A comparison as a spreadsheet: one row per statement, a few columns per declaration.

Cells are made safe against formula injection as the registry's export does.
Everyone gets each declaration's statuses and public statements; the target
date, explanation, evidence and plan columns are present only for a reader
allowed to read its answers.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ..registry.export import safe_cell
from .table import Cell, Column, Comparison


def _column_headings(column: Column) -> list[str]:
    serial = column.declaration.serial
    headings = [
        _("%(serial)s: status") % {"serial": serial},
        _("%(serial)s: public statement") % {"serial": serial},
        _("%(serial)s: note") % {"serial": serial},
    ]
    if column.full:
        headings += [
            _("%(serial)s: target date") % {"serial": serial},
            _("%(serial)s: explanation") % {"serial": serial},
            _("%(serial)s: evidence") % {"serial": serial},
            _("%(serial)s: remediation plan") % {"serial": serial},
        ]
    return headings


def _note(cell: Cell) -> str:
    if cell.kind == Cell.NOT_IN_PACKAGE:
        return _("Not in package")
    if cell.kind == Cell.NOT_IN_EDITION:
        return _("Not in this edition")
    if cell.is_overdue:
        return _("Gap; remediation overdue")
    return _("Gap") if cell.is_gap else ""


def _cells(column: Column, cell: Cell) -> list[str]:
    values = [
        cell.status_label if cell.kind == Cell.ANSWER else "",
        cell.public.text if cell.public else "",
        _note(cell),
    ]
    if column.full:
        text = cell.text or {}
        evidence = "\n".join([*text.get("evidence_links", []), text.get("evidence", "")]).strip()
        values += [
            cell.target_date.isoformat() if cell.target_date else "",
            text.get("explanation", ""),
            evidence,
            text.get("plan", ""),
        ]
    return values


def lines(comparison: Comparison) -> Iterator[list[str]]:
    """The header, one line describing each declaration, then one line per statement."""
    header = [_("Category"), _("Statement"), _("Requirement")]
    for column in comparison.columns:
        header += _column_headings(column)
    yield [safe_cell(cell) for cell in header]
    for group in comparison.groups:
        for row in group.rows:
            cells = [f"({group.number}) {group.title}", row.code, row.title]
            for column, cell in zip(comparison.columns, row.cells, strict=True):
                cells += _cells(column, cell)
            yield [safe_cell(cell) for cell in cells]


def describe(comparison: Comparison) -> Iterator[list[str]]:
    """Lines that say which declaration each serial is, for the end of the file."""
    yield [
        safe_cell(cell)
        for cell in (
            _("Serial number"),
            _("Product or service"),
            _("Provider"),
            _("Package"),
            _("Guideline edition"),
            _("Status"),
        )
    ]
    for column in comparison.columns:
        product = column.record["product"]
        yield [
            safe_cell(cell)
            for cell in (
                column.declaration.serial,
                f"{product['name']} {product['version']}".strip(),
                column.vendor_name,
                column.declaration.package.title,
                column.declaration.edition.label,
                column.status.label,
            )
        ]
