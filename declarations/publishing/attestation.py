"""Whether a draft may be attested: every reason it may not, in words for the signatory.

The page asks before showing the form, and ``services.attest_declaration``
asks again under the row lock, so the answers signed are the answers checked.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Edition, PackageStatement

from ..drafting.answers import FIELD_LABELS, problems_of
from ..models import Answer, Declaration
from . import page_budget


def password_confirms(request: HttpRequest, user, password: str) -> bool:
    """Whether ``password`` is the signed-in user's, asked through ``authenticate``: login
    throttling (django-axes) then counts a wrong one like a failed sign-in, and refuses
    even the right one while the account is locked out."""
    confirmed = authenticate(request, username=user.get_username(), password=password)
    return confirmed is not None and confirmed.pk == user.pk


def package_answers(declaration: Declaration) -> list[Answer]:
    """The answers to the statements of the declaration's package, in order."""
    in_package = PackageStatement.objects.filter(package_id=declaration.package_id).values(
        "statement_id"
    )
    return list(
        declaration.answers.filter(statement_id__in=in_package)
        .select_related("statement")
        .order_by("statement__category__number", "statement__position")
    )


def answers_short_of_language(declaration: Declaration, *, previous: str) -> list[Answer]:
    """The answers that met the rule in the ``previous`` authoritative language and
    lack a text the declaration's own language now requires."""
    today = timezone.localdate()
    return [
        answer
        for answer in package_answers(declaration)
        if problems_of(answer, today=today, language=declaration.language)
        and not problems_of(answer, today=today, language=previous)
    ]


def attestation_problems(
    declaration: Declaration, answers: list[Answer] | None = None
) -> list[str]:
    """Why this draft cannot be attested yet; empty when it can."""
    problems = []
    if not declaration.is_draft:
        problems.append(_("Only a draft can be attested."))
    if not declaration.organization.is_approved:
        problems.append(_("Your organization has not been approved by the site admin yet."))
    if declaration.edition.status != Edition.Status.PUBLISHED:
        problems.append(_("The guideline edition of this draft is no longer current."))
    if declaration.product.archived_at is not None:
        problems.append(_("The product is archived."))
    answers = package_answers(declaration) if answers is None else answers
    expected = PackageStatement.objects.filter(package_id=declaration.package_id).count()
    missing = expected - sum(1 for a in answers if a.is_answered)
    if missing:
        problems.append(
            _("%(count)d statement(s) of the package are not answered yet.") % {"count": missing}
        )
    today = timezone.localdate()
    for answer in answers:
        for problem in problems_of(answer, today=today, language=declaration.language):
            message = problem.message
            if problem.code == "too_long":
                message = _("%(field)s: %(problem)s") % {
                    "field": FIELD_LABELS[problem.field],
                    "problem": message,
                }
            problems.append(
                _("%(code)s: %(problem)s") % {"code": answer.statement.code, "problem": message}
            )
    problems += page_budget.problems(answers)
    return problems
