"""The writer of procurer organizations' self-checks against the customer category.

A self-check is private and never published: saving it writes nothing but its
own rows (no event, no email, no record). Two colleagues saving at once do not
overwrite each other: an answer saved since the page was loaded refuses the save.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidelines.models import Edition, Party, Statement
from portal.models import Organization, User

from ..access import may_self_check
from ..drafting.answers import answer_problems
from ..errors import DeclarationError
from ..models import SelfCheck, SelfCheckAnswer
from ..selfcheck.forms import SelfCheckChange


def save_self_check(
    *,
    organization: Organization,
    edition: Edition,
    changes: Sequence[SelfCheckChange],
    user: User,
) -> SelfCheck:
    """Save the organization's answers to the edition's customer statements, all or none."""
    if not may_self_check(user, organization):
        raise DeclarationError(_("Only members of an approved customer organization do this."))
    if edition.status != Edition.Status.PUBLISHED:
        raise DeclarationError(_("Self-checks are made against a published guideline edition."))
    customer = set(
        Statement.objects.filter(edition=edition, category__party=Party.CUSTOMER).values_list(
            "pk", flat=True
        )
    )
    today = timezone.localdate()
    for change in changes:
        if change.statement_id not in customer:
            raise DeclarationError(_("Only the guideline's customer statements are self-checked."))
        for problem in answer_problems(
            status=change.status,
            explanation=change.explanation,
            evidence_links="",
            remediation_plan=change.remediation_plan,
            target_date=change.target_date,
            today=today,
        ):
            raise DeclarationError(problem.message)
    try:
        return _write(organization, edition, changes, user)
    except IntegrityError:
        # A colleague's first save of the same answer won the race.
        raise DeclarationError(str(_STALE)) from None


_STALE = gettext_lazy(
    "Someone in your organization saved this self-check meanwhile. "
    "Reload the page to see their answers, then save yours again."
)


def _write(
    organization: Organization,
    edition: Edition,
    changes: Sequence[SelfCheckChange],
    user: User,
) -> SelfCheck:
    with transaction.atomic():
        self_check, _created = SelfCheck.objects.get_or_create(
            organization=organization, edition=edition
        )
        # Lock the check's row: two saves of one organization run one after the other.
        SelfCheck.objects.select_for_update().filter(pk=self_check.pk).first()
        stored = {
            answer.statement_id: answer
            for answer in SelfCheckAnswer.objects.filter(self_check=self_check)
        }
        for change in changes:
            answer = stored.get(change.statement_id) or SelfCheckAnswer(
                self_check=self_check, statement_id=change.statement_id
            )
            if answer.version != change.version:
                raise DeclarationError(str(_STALE))
            answer.status = change.status
            answer.explanation = change.explanation
            answer.remediation_plan = change.remediation_plan
            answer.target_date = change.target_date
            answer.version += 1
            answer.updated_by = user
            answer.save()
        self_check.save(update_fields=["updated_at"])
    return self_check
