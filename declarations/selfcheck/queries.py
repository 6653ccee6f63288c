"""What a procurer organization's self-check holds: the customer statements of an edition,
each with the organization's answer if it gave one."""

from __future__ import annotations

from dataclasses import dataclass

from guidelines.models import Edition, Party, Statement
from guidelines.queries import latest_published_edition
from portal.models import Organization

from ..access import procurer_organization
from ..models import Declaration, DeclarationRequest, SelfCheck, SelfCheckAnswer


def customer_statements(edition: Edition) -> list[Statement]:
    """The statements of the edition's customer category — (6)-1 and (6)-2 in 2024-09."""
    return list(
        Statement.objects.filter(edition=edition, category__party=Party.CUSTOMER).select_related(
            "category"
        )
    )


@dataclass(frozen=True)
class Row:
    statement: Statement
    answer: SelfCheckAnswer  # unsaved (version 0) where nothing was answered yet


@dataclass(frozen=True)
class SelfCheckView:
    organization: Organization
    edition: Edition
    rows: list[Row]

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.answer.is_answered)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.answered == self.total


def current_self_check(organization: Organization) -> SelfCheckView | None:
    """The organization's self-check against the latest published edition (two queries), or
    None while no edition is published."""
    edition = latest_published_edition()
    if edition is None:
        return None
    return self_check_view(organization, edition)


def self_check_view(organization: Organization, edition: Edition) -> SelfCheckView:
    statements = customer_statements(edition)
    stored = {
        answer.statement_id: answer
        for answer in SelfCheckAnswer.objects.filter(
            self_check__organization=organization, self_check__edition=edition
        )
    }
    rows = []
    for statement in statements:
        answer = stored.get(statement.pk) or SelfCheckAnswer(statement=statement)
        answer.statement = statement
        rows.append(Row(statement=statement, answer=answer))
    return SelfCheckView(organization=organization, edition=edition, rows=rows)


def has_self_check(organization: Organization, edition: Edition) -> bool:
    return SelfCheck.objects.filter(organization=organization, edition=edition).exists()


def requested_self_check(user, declaration: Declaration) -> SelfCheckView | None:
    """The self-check to show beside an issued declaration: the reader's organization's,
    when that organization requested the declaration; None for anyone else."""
    organization = procurer_organization(user)
    if organization is None:
        return None
    if not DeclarationRequest.objects.filter(
        procurer=organization, declaration=declaration
    ).exists():
        return None
    return current_self_check(organization)
