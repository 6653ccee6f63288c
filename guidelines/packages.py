"""Why a statement is, or is not, in each package: a sentence for the statement page.

The seed deck defines the Standard package as every requirement and admits a
requirement into the Minimum when it matches foreign schemes, or when its
effect is direct and its difficulty relatively low. Where an edition's
membership follows that rule, the page can say which part of it applies; where
it does not (a later edition may decide otherwise), the page says nothing it
cannot back and the package's own derivation text explains.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Alignment, Difficulty, Effect, Package, PackageStatement, Party, Statement
from .provenance import Source


@dataclass
class PackagePlace:
    package: Package
    included: bool
    reason: str
    # The membership is the portal's derivation, not the source's list.
    derived: bool


def _minimum_reason(statement: Statement, included: bool) -> str:
    matches = statement.alignment == Alignment.MATCHES_FOREIGN
    direct_and_low = statement.effect == Effect.DIRECT and statement.difficulty == Difficulty.LOW
    if included and matches:
        return _("It matches foreign schemes, which admits it to the Minimum package.")
    if included and direct_and_low:
        return _(
            "Its effect is direct and its difficulty relatively low, which admits it "
            "to the Minimum package."
        )
    if not included and not (matches or direct_and_low):
        return _(
            "It neither matches foreign schemes nor combines a direct effect with relatively "
            "low difficulty, so the Minimum package's rule does not admit it."
        )
    return ""


def _reason(statement: Statement, package: Package, included: bool) -> str:
    if statement.party == Party.CUSTOMER:
        return _("It is a customer's requirement; the packages are for providers.")
    if package.kind == Package.Kind.STANDARD:
        return (
            _("The Standard package holds every requirement addressed to providers.")
            if included
            else ""
        )
    return _minimum_reason(statement, included)


def package_places(
    statement: Statement, packages: list[Package], memberships: list[PackageStatement]
) -> list[PackagePlace]:
    """For each package of the edition: whether it holds the statement, and why."""
    rows = {m.package_id: m for m in memberships if m.statement_id == statement.pk}
    places = []
    for package in packages:
        row = rows.get(package.pk)
        places.append(
            PackagePlace(
                package=package,
                included=row is not None,
                reason=_reason(statement, package, row is not None),
                derived=row is not None and row.source == Source.PORTAL,
            )
        )
    return places
