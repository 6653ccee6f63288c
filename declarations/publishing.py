"""Attesting, publishing, withdrawing, revoking, expiring and renewing.

Every status change goes through ``lifecycle.transition``; these functions add
what each act means besides the move (the canonical record, supersession,
emails, queueing the PDF).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Edition, Package, PackageStatement
from guidelines.queries import latest_published_edition

from . import emails, lifecycle, records
from .errors import DeclarationError
from .models import Answer, Declaration

S = Declaration.Status
logger = logging.getLogger(__name__)


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


def attestation_problems(
    declaration: Declaration, answers: list[Answer] | None = None
) -> list[str]:
    """Why this draft cannot be attested yet, in words for the signatory."""
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
    return problems


def _valid_until(today: date) -> date:
    return today + timedelta(days=settings.DECLARATION_VALIDITY_DAYS)


def attest_declaration(
    *,
    declaration: Declaration,
    user,
    password: str,
    signatory_name: str,
    signatory_title: str,
    confirmed: bool,
) -> Declaration:
    """Freeze the draft into its canonical record and publish it.

    The PDF is made afterwards by a worker: the task is queued when the
    transaction commits, so a broker outage cannot undo a publication (the
    periodic sweep picks up any declaration whose PDF is missing).
    """
    if not user.check_password(password):
        raise DeclarationError(_("The password is not correct."))
    if not confirmed:
        raise DeclarationError(_("Please confirm the attestation statement."))
    if not signatory_name.strip() or not signatory_title.strip():
        raise DeclarationError(_("Please give your name and title."))

    with transaction.atomic():
        # Lock first: two signatories attesting at once make one publication.
        declaration = (
            Declaration.objects.select_for_update()
            .select_related("organization", "product", "edition", "package")
            .get(pk=declaration.pk)
        )
        answers = package_answers(declaration)
        problems = attestation_problems(declaration, answers)
        if problems:
            raise DeclarationError(" ".join(problems))

        now = timezone.now().replace(microsecond=0)
        previous = (
            Declaration.objects.select_for_update()
            .filter(product_id=declaration.product_id, status=S.PUBLISHED)
            .exclude(pk=declaration.pk)
            .first()
        )
        serial = records.new_serial(timezone.localdate(now))
        valid_until = _valid_until(timezone.localdate(now))
        record = records.build_record(
            declaration,
            answers=answers,
            serial=serial,
            signatory_name=signatory_name.strip(),
            signatory_title=signatory_title.strip(),
            attested_at=now,
            valid_until=valid_until,
            supersedes=previous,
        )
        data = records.canonical_bytes(record)
        published = lifecycle.transition(
            declaration,
            to=S.PUBLISHED,
            actor=user,
            serial=serial,
            canonical_json=data.decode(),
            digest=records.digest_of(data),
            attested_by=user,
            signatory_name=signatory_name.strip(),
            signatory_title=signatory_title.strip(),
            attested_at=now,
            valid_until=valid_until,
            supersedes=previous,
            pdf_state=Declaration.PdfState.PENDING,
        )
        if previous is not None:
            # No stored reason: the history says "superseded by <serial>" in
            # the reader's language, from the link between the two.
            lifecycle.transition(previous, to=S.SUPERSEDED, actor=user)
        transaction.on_commit(lambda: queue_pdf(published))
        transaction.on_commit(lambda: emails.declaration_published(published))
    return published


def queue_pdf(declaration: Declaration) -> None:
    """Queue the PDF; a broker outage is logged and left to the sweep."""
    from .tasks import generate_pdf

    try:
        generate_pdf.delay(declaration.pk)
    except Exception:  # kombu raises various errors when the broker is down
        logger.exception(
            "Could not queue the PDF of declaration %s; the sweep will retry.", declaration.pk
        )


def withdraw_declaration(*, declaration: Declaration, user, reason: str) -> Declaration:
    withdrawn = lifecycle.transition(declaration, to=S.WITHDRAWN, actor=user, reason=reason)
    transaction.on_commit(lambda: emails.declaration_withdrawn(withdrawn))
    return withdrawn


def revoke_declaration(*, declaration: Declaration, user, reason: str) -> Declaration:
    if not user.is_staff:
        raise DeclarationError(_("Only a site admin can revoke a declaration."))
    revoked = lifecycle.transition(declaration, to=S.REVOKED, actor=user, reason=reason)
    transaction.on_commit(lambda: emails.declaration_revoked(revoked))
    return revoked


def expire_due_declarations(*, today: date) -> int:
    """Expire every published declaration whose validity ended before today."""
    expired = 0
    for declaration in Declaration.objects.published().filter(valid_until__lt=today):
        try:
            done = lifecycle.transition(declaration, to=S.EXPIRED)
        except DeclarationError:
            continue  # withdrawn or revoked meanwhile
        transaction.on_commit(lambda done=done: emails.declaration_expired(done))
        expired += 1
    return expired


REMINDER_DAYS = 30


def send_renewal_reminders(*, today: date) -> int:
    """Remind the vendor once, 30 days before a declaration expires."""
    due = Declaration.objects.published().filter(
        valid_until__lte=today + timedelta(days=REMINDER_DAYS),
        valid_until__gte=today,
        reminder_sent_at__isnull=True,
    )
    sent = 0
    for declaration in due.select_related("organization", "product"):
        # Mark first (conditionally), so two beat runs never send twice.
        claimed = Declaration.objects.filter(
            pk=declaration.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=timezone.now())
        if claimed:
            emails.declaration_expiring(declaration)
            sent += 1
    return sent


def renew_declaration(*, declaration: Declaration, user) -> Declaration:
    """A new draft for the same product, pre-filled with the previous answers.

    It uses the latest published guideline edition; answers carry over by
    statement code, so a renamed or new statement simply starts empty.
    """
    from .services import start_declaration

    if declaration.is_draft:
        raise DeclarationError(_("Only a published declaration can be renewed."))
    edition = latest_published_edition()
    package = Package.objects.filter(edition=edition, kind=declaration.package.kind).first()
    if package is None:
        raise DeclarationError(_("The current guideline edition has no such package."))
    with transaction.atomic():
        draft = start_declaration(product=declaration.product, package=package, user=user)
        previous = {a.statement.code: a for a in declaration.answers.select_related("statement")}
        for answer in draft.answers.select_related("statement"):
            old = previous.get(answer.statement.code)
            if old is None:
                continue
            for field in Answer.CONTENT_FIELDS:
                setattr(answer, field, getattr(old, field))
            answer.save(update_fields=[*Answer.CONTENT_FIELDS, "updated_at"])
        Declaration.objects.filter(pk=draft.pk).update(renewal_of=declaration)
        draft.renewal_of = declaration
    return draft
