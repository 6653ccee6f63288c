"""The one writer: every change to a product, a declaration, its answers and its PDF state.

Each function is one act, keyword-only, and refuses with a ``DeclarationError``
worded for the person at the screen whatever it will not do. Acts on a
declaration ask ``access.may`` whether the person's role allows them, and
``publishing.lifecycle`` whether the declaration's state does; a status
change goes through ``transition``, which locks the row and writes the event.
Emails are written to the outbox inside the same transaction (they go out
after the commit, retried until delivered); the PDF task is queued on commit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import cast

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Field, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Package, Party, Statement
from guidelines.queries import latest_published_edition
from portal import audit
from portal.models import AuditEvent, Organization, User

from .. import caching, limits
from ..access import Act, may
from ..documents import archival
from ..drafting.answers import (
    AnswerChange,
    Conflict,
    SaveResult,
    length_problems,
    public_statement_problems,
)
from ..errors import DeclarationError
from ..models import Answer, Declaration, DeclarationEvent, Product
from ..publishing import emails, lifecycle, records
from ..publishing.attestation import attestation_problems, package_answers
from ..registry.search import search_text_of
from ..requests.fulfilment import fulfil_requests
from ..watching import notices as watch_notices

S = Declaration.Status
P = Declaration.PdfState
logger = logging.getLogger(__name__)

# Tasks import this module, so it names the PDF task instead of importing it
# (``DeclarationsConfig.ready`` registers the tasks in every process).
PDF_TASK = "declarations.tasks.generate_pdf"
REMINDER_DAYS = 30
# Attempts at one PDF, counting those whose worker died: then it is failed
# and people are told, instead of being queued for ever.
PDF_MAX_ATTEMPTS = 5


def _require(user, act: Act, declaration: Declaration) -> None:
    if not may(user, act, declaration):
        raise DeclarationError(_("Your role does not allow this."))


# ------------------------------------------------------------- lifecycle


def record_event(
    declaration: Declaration, *, to: str, actor=None, reason: str = "", from_status: str = ""
) -> DeclarationEvent:
    return DeclarationEvent.record(
        declaration=declaration, to=to, actor=actor, reason=reason, from_status=from_status
    )


@transaction.atomic
def transition(
    declaration: Declaration, *, to: str, actor=None, reason: str = "", **changes
) -> Declaration:
    """Move ``declaration`` to status ``to``, or raise DeclarationError.

    The row is locked and re-read first, so two people withdrawing at once,
    or a withdrawal racing the expiry task, make one move and one refusal.
    ``changes`` are further fields set in the same save (e.g. at publishing).
    """
    locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
    lifecycle.check_move(locked, to=to, reason=reason)
    from_status = locked.status
    locked.status = to
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    record_event(locked, to=to, actor=actor, reason=reason.strip(), from_status=from_status)
    caching.forget_declaration(locked.serial)
    return locked


# ---------------------------------------------------------------- products


def create_product(
    *,
    organization: Organization,
    name: str,
    kind: str,
    roles: Sequence[str],
    version: str = "",
    description: str = "",
    url: str = "",
) -> Product:
    if not organization.is_vendor:
        raise DeclarationError(_("Only provider organizations register products."))
    _refuse_long_product_text(name=name, version=version, description=description)
    return Product.objects.create(
        organization=organization,
        name=name,
        version=version,
        kind=kind,
        roles=list(roles),
        description=description,
        url=url,
    )


def update_product(
    *,
    product: Product,
    name: str,
    kind: str,
    roles: Sequence[str],
    version: str = "",
    description: str = "",
    url: str = "",
) -> Product:
    # A published declaration keeps the product as it was in its canonical
    # record, so editing the product never changes what was declared.
    _refuse_long_product_text(name=name, version=version, description=description)
    product.name = name
    product.version = version
    product.kind = kind
    product.roles = list(roles)
    product.description = description
    product.url = url
    product.save()
    return product


def _refuse_long_product_text(*, name: str, version: str, description: str) -> None:
    problem = limits.first_too_long(
        (name, Product._meta.get_field("name").max_length or 0),
        (version, Product._meta.get_field("version").max_length or 0),
        (description, limits.PRODUCT_DESCRIPTION),
    )
    if problem:
        raise DeclarationError(problem)


def archive_product(*, product: Product) -> Product:
    """Hide a product from the default list; it can get no new declarations."""
    if product.archived_at is None:
        product.archived_at = timezone.now()
        product.save(update_fields=["archived_at", "updated_at"])
    return product


def unarchive_product(*, product: Product) -> Product:
    if product.archived_at is not None:
        product.archived_at = None
        product.save(update_fields=["archived_at", "updated_at"])
    return product


# ------------------------------------------------------------------ drafts


def start_declaration(
    *, product: Product, package: Package, user: User, language: str = Declaration.Language.JA
) -> Declaration:
    """A new draft for the product against the package, with an empty answer per statement,
    whose answers are authoritative in ``language`` (Japanese unless said otherwise)."""
    _refuse_unknown_language(language)
    if product.archived_at is not None:
        raise DeclarationError(_("This product is archived; unarchive it to declare for it."))
    edition = latest_published_edition()
    if edition is None or package.edition_id != edition.pk:
        raise DeclarationError(
            _("Declarations are made against the latest published edition of the guideline.")
        )
    existing = Declaration.objects.drafts().filter(product=product).first()
    if existing is not None:
        raise _draft_exists(existing)

    # Every operator statement gets its row now (and any statement a package
    # of the edition holds), so switching the package never needs new rows.
    statements = (
        Statement.objects.filter(edition=edition)
        .filter(Q(category__party=Party.OPERATOR) | Q(packages__edition=edition))
        .distinct()
        .values_list("pk", flat=True)
    )
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                organization_id=product.organization_id,
                product=product,
                edition=edition,
                package=package,
                language=language,
                created_by=user,
            )
            Answer.objects.bulk_create(
                Answer(declaration=declaration, statement_id=pk, updated_by=user)
                for pk in statements
            )
            record_event(declaration, to=S.DRAFT, actor=user)
    except IntegrityError:
        # Someone else started a draft for the product a moment ago.
        existing = Declaration.objects.drafts().filter(product=product).first()
        if existing is None:
            raise
        raise _draft_exists(existing) from None
    return declaration


def _draft_exists(draft: Declaration) -> DeclarationError:
    return DeclarationError(
        _("This product already has a draft declaration; continue that one."), existing=draft
    )


def _locked_draft(declaration: Declaration, user: User) -> Declaration:
    """The declaration's row, locked until the transaction ends, if an editable draft."""
    locked = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("package")
        .get(pk=declaration.pk)
    )
    if not locked.is_draft:
        raise DeclarationError(_("This declaration is no longer a draft and cannot be changed."))
    _require(user, Act.EDIT, locked)
    return locked


@transaction.atomic
def change_package(*, declaration: Declaration, package: Package, user: User) -> Declaration:
    """Switch between Minimum and Standard. Every answer is kept, in or out of the package."""
    locked = _locked_draft(declaration, user)
    if package.edition_id != locked.edition_id:
        raise DeclarationError(_("Choose a package of the declaration's guideline edition."))
    if package.pk != locked.package_id:
        # Not a status change, but part of the draft's story: who switched, when.
        record_event(
            locked,
            from_status=locked.status,
            to=locked.status,
            actor=user,
            reason=_("Package changed from %(old)s to %(new)s.")
            % {"old": locked.package.title, "new": package.title},
        )
        locked.package = package
        locked.save(update_fields=["package", "updated_at"])
    declaration.package = locked.package
    return locked


def _refuse_unknown_language(language: str) -> None:
    if language not in Declaration.Language.values:
        raise DeclarationError(_("Choose Japanese or English as the authoritative language."))


@transaction.atomic
def change_language(*, declaration: Declaration, language: str, user: User) -> Declaration:
    """Make ``language`` the draft's authoritative one; every text in either language is kept.
    Attestation fixes it, like every answer."""
    _refuse_unknown_language(language)
    locked = _locked_draft(declaration, user)
    if language != locked.language:
        record_event(
            locked,
            from_status=locked.status,
            to=locked.status,
            actor=user,
            reason=_("Authoritative language changed from %(old)s to %(new)s.")
            % {
                "old": locked.get_language_display(),
                "new": Declaration.Language(language).label,
            },
        )
        locked.language = language
        locked.save(update_fields=["language", "updated_at"])
    declaration.language = locked.language
    return locked


@transaction.atomic
def delete_draft(*, declaration: Declaration, user: User) -> None:
    _locked_draft(declaration, user).delete()


# ----------------------------------------------------------------- answers


class _Stale(Exception):
    pass


def save_answers(
    *, declaration: Declaration, changes: Sequence[AnswerChange], user: User
) -> SaveResult:
    """Save a page of answers, all or nothing, unless someone else saved one in between.

    One UPDATE writes every answer and checks every version in its WHERE
    clause, so the check and the write cannot be separated by another save,
    and a page costs the same number of queries whatever its size. When fewer
    rows match than were sent, someone else got there first: nothing is saved
    and the answers they changed come back as conflicts.
    """
    _require(user, Act.EDIT, declaration)
    if not changes:
        return SaveResult(saved=[], conflicts=[])
    for change in changes:
        # The form said so already; the column's limit must never be the guard.
        for problem in public_statement_problems(
            public_statement_ja=change.public_statement_ja,
            public_statement_en=change.public_statement_en,
        ) + length_problems(
            explanation=change.explanation,
            explanation_en=change.explanation_en,
            evidence_links=change.evidence_links,
            evidence=change.evidence,
            evidence_en=change.evidence_en,
            remediation_plan=change.remediation_plan,
            remediation_plan_en=change.remediation_plan_en,
        ):
            raise DeclarationError(problem.message)
    now = timezone.now()
    ids = [change.answer_id for change in changes]
    expected = Q()
    for change in changes:
        expected |= Q(pk=change.answer_id, version=change.version)
    values = {
        name: Case(
            *(When(pk=c.answer_id, then=Value(getattr(c, name))) for c in changes),
            default=F(name),
            output_field=cast(Field, Answer._meta.get_field(name)),
        )
        for name in Answer.CONTENT_FIELDS
    }
    try:
        with transaction.atomic():
            # Touching the declaration first takes its row lock, so an
            # attestation cannot freeze the answers halfway through this save.
            if not Declaration.objects.drafts().filter(pk=declaration.pk).update(updated_at=now):
                raise DeclarationError(
                    _("This declaration is no longer a draft and cannot be changed.")
                )
            updated = (
                Answer.objects.filter(declaration=declaration)
                .filter(expected)
                .update(**values, version=F("version") + 1, updated_by=user, updated_at=now)
            )
            if updated != len(changes):
                raise _Stale
    except _Stale:
        stored = Answer.objects.select_related("updated_by", "statement").in_bulk(ids)
        conflicts = [
            Conflict(yours=change, theirs=stored[change.answer_id])
            for change in changes
            if change.answer_id in stored and stored[change.answer_id].version != change.version
        ]
        if not conflicts:
            raise DeclarationError(_("These answers do not belong to this declaration.")) from None
        return SaveResult(saved=[], conflicts=conflicts)
    return SaveResult(saved=ids, conflicts=[])


# -------------------------------------------------------------- publishing


def attest_declaration(
    *,
    declaration: Declaration,
    user: User,
    password: str,
    signatory_name: str,
    signatory_title: str,
    confirmed: bool,
) -> Declaration:
    """Freeze the draft into its canonical record and publish it.

    Every answer is checked again under the row lock, so what is signed is
    valid today. The PDF is made afterwards by a worker: the task is queued
    when the transaction commits, so a broker outage cannot undo a
    publication (the periodic sweep picks up any PDF still pending).
    """
    _require(user, Act.ATTEST, declaration)
    if not user.check_password(password):
        raise DeclarationError(_("The password is not correct."))
    if not confirmed:
        raise DeclarationError(_("Please confirm the attestation statement."))
    if not signatory_name.strip() or not signatory_title.strip():
        raise DeclarationError(_("Please give your name and title."))
    problem = limits.first_too_long(
        (signatory_name.strip(), limits.SIGNATORY_NAME),
        (signatory_title.strip(), limits.SIGNATORY_TITLE),
    )
    if problem:
        raise DeclarationError(problem)

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
        valid_until = timezone.localdate(now) + timedelta(days=settings.DECLARATION_VALIDITY_DAYS)
        signatory = {
            "signatory_name": signatory_name.strip(),
            "signatory_title": signatory_title.strip(),
        }
        record = records.build_record(
            declaration,
            answers=answers,
            serial=serial,
            attested_at=now,
            valid_until=valid_until,
            supersedes=previous,
            **signatory,
        )
        data = records.canonical_bytes(record)
        published = transition(
            declaration,
            to=S.PUBLISHED,
            actor=user,
            serial=serial,
            canonical_json=data.decode(),
            digest=records.digest_of(data),
            search_text=search_text_of(record),
            attested_by=user,
            attested_at=now,
            valid_until=valid_until,
            supersedes=previous,
            pdf_state=P.PENDING,
            **signatory,
        )
        if previous is not None:
            # No stored reason: the history says "superseded by <serial>" in
            # the reader's language, from the link between the two.
            transition(previous, to=S.SUPERSEDED, actor=user)
        emails.declaration_published(published)
        fulfil_requests(published, actor=user)
        watch_notices.declaration_moved(published, superseded=previous)
        transaction.on_commit(lambda: queue_pdf(published.pk))
    return published


def _refuse_long_reason(reason: str) -> None:
    problem = limits.first_too_long((reason, limits.REASON))
    if problem:
        raise DeclarationError(problem)


def withdraw_declaration(*, declaration: Declaration, user: User, reason: str) -> Declaration:
    _require(user, Act.WITHDRAW, declaration)
    _refuse_long_reason(reason)
    with transaction.atomic():
        withdrawn = transition(declaration, to=S.WITHDRAWN, actor=user, reason=reason)
        audit.record(
            AuditEvent.Kind.DECLARATION_WITHDRAWN, user, withdrawn.serial, {"reason": reason}
        )
        emails.declaration_withdrawn(withdrawn)
        watch_notices.declaration_moved(withdrawn)
    return withdrawn


def revoke_declaration(*, declaration: Declaration, user: User, reason: str) -> Declaration:
    _require(user, Act.REVOKE, declaration)
    _refuse_long_reason(reason)
    with transaction.atomic():
        revoked = transition(declaration, to=S.REVOKED, actor=user, reason=reason)
        audit.record(AuditEvent.Kind.DECLARATION_REVOKED, user, revoked.serial, {"reason": reason})
        emails.declaration_revoked(revoked)
        watch_notices.declaration_moved(revoked)
    return revoked


def renew_declaration(*, declaration: Declaration, user: User) -> Declaration:
    """A new draft for the same product, pre-filled with the previous answers.

    It uses the latest published guideline edition; answers carry over by
    statement code, so a renamed or new statement simply starts empty.
    """
    _require(user, Act.RENEW, declaration)
    if declaration.is_draft:
        raise DeclarationError(_("Only a published declaration can be renewed."))
    edition = latest_published_edition()
    package = Package.objects.filter(edition=edition, kind=declaration.package.kind).first()
    if package is None:
        raise DeclarationError(_("The current guideline edition has no such package."))
    with transaction.atomic():
        draft = start_declaration(
            product=declaration.product,
            package=package,
            user=user,
            language=declaration.language,
        )
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


def expire_due_declarations(*, today: date) -> int:
    """Expire every published declaration whose validity ended before today."""
    expired = 0
    for declaration in Declaration.objects.published().filter(valid_until__lt=today):
        try:
            with transaction.atomic():
                done = transition(declaration, to=S.EXPIRED)
                emails.declaration_expired(done)
        except DeclarationError:
            continue  # withdrawn or revoked meanwhile
        expired += 1
    return expired


def send_renewal_reminders(*, today: date) -> int:
    """Remind the vendor once, 30 days before a declaration expires."""
    due = Declaration.objects.published().filter(
        valid_until__lte=today + timedelta(days=REMINDER_DAYS),
        valid_until__gte=today,
        reminder_sent_at__isnull=True,
    )
    sent = 0
    for declaration in due.select_related("organization", "product"):
        with transaction.atomic():
            # Mark first (conditionally), so two beat runs never send twice.
            claimed = Declaration.objects.filter(
                pk=declaration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if claimed:
                emails.declaration_expiring(declaration)
                sent += 1
    return sent


# ------------------------------------------------------------- the PDF


def queue_pdf(declaration_id: int) -> None:
    """Queue the PDF task; a broker outage is logged and left to the sweep."""
    try:
        current_app.signature(PDF_TASK, args=(declaration_id,)).delay()
    except Exception:  # kombu raises various errors when the broker is down
        logger.exception(
            "The PDF task of declaration %s did not run; the sweep will retry.", declaration_id
        )


def begin_pdf_attempt(*, declaration_id: int) -> Declaration | None:
    """The declaration whose PDF is to be made now, or None when there is nothing to do.

    Counted before the work starts, so that a PDF whose rendering kills the
    worker (the task comes back each time) still reaches the limit and fails.
    """
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if locked.is_draft or locked.pdf_state in (P.READY, P.FAILED):
            return None
        if locked.pdf_attempts >= PDF_MAX_ATTEMPTS:
            _fail_locked_pdf(locked, f"gave up after {locked.pdf_attempts} attempts")
            return None
        Declaration.objects.filter(pk=declaration_id).update(
            pdf_state=P.PENDING, pdf_attempts=F("pdf_attempts") + 1, updated_at=timezone.now()
        )
    return Declaration.objects.select_related("edition").get(pk=declaration_id)


def mark_pdfs_queued(declaration_ids: Sequence[int]) -> None:
    """Stamp PDFs queued again by the sweep, so that the next sweep leaves them to
    the queue for a while instead of queueing them once more."""
    Declaration.objects.filter(pk__in=declaration_ids).update(updated_at=timezone.now())


def store_pdf(*, declaration_id: int, signed: bytes) -> str:
    """Keep the signed PDF, once: a second worker racing this one stores nothing."""
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if not lifecycle.pdf_may_move(locked, to=P.READY):
            return locked.pdf_state
        locked.pdf_file.save(f"{locked.serial}.pdf", ContentFile(signed), save=False)
        locked.pdf_sha256 = hashlib.sha256(signed).hexdigest()
        locked.pdf_state = P.READY
        locked.pdf_error = ""
        locked.save(
            update_fields=["pdf_file", "pdf_sha256", "pdf_state", "pdf_error", "updated_at"]
        )
        emails.pdf_ready(locked)
    return P.READY


def fail_pdf(*, declaration_id: int, error: Exception) -> None:
    """The PDF failed for good: say so on the page and tell the people waiting for it."""
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if lifecycle.pdf_may_move(locked, to=P.FAILED):
            _fail_locked_pdf(locked, f"{type(error).__name__}: {error}")


def _fail_locked_pdf(locked: Declaration, reason: str) -> None:
    logger.error("PDF of declaration %s failed for good: %s", locked.pk, reason)
    locked.pdf_state = P.FAILED
    locked.pdf_error = reason[:2000]
    locked.save(update_fields=["pdf_state", "pdf_error", "updated_at"])
    emails.pdf_failed(locked)


def retry_pdf(*, declaration: Declaration, user: User) -> bool:
    """The vendor's retry button: back to pending, then queue. False if it had not failed."""
    _require(user, Act.RETRY_PDF, declaration)
    moved = Declaration.objects.filter(pk=declaration.pk, pdf_state=P.FAILED).update(
        pdf_state=P.PENDING, pdf_error="", pdf_attempts=0, updated_at=timezone.now()
    )
    if moved:
        transaction.on_commit(lambda: queue_pdf(declaration.pk))
    return bool(moved)


# --------------------------------------------------- archival renewal


def renew_pdf_timestamp(*, declaration_id: int, now: datetime) -> bool:
    """Add a fresh document timestamp to the stored PDF if its latest one is due.

    True when renewed. Only an incremental update is added, so the signature
    and the embedded record stay as they were; the new bytes replace the file
    and its SHA-256, unless someone stored another file meanwhile.
    """
    declaration = Declaration.objects.get(pk=declaration_id)
    if declaration.pdf_state != P.READY or not declaration.pdf_file:
        return False
    with declaration.pdf_file.open("rb") as fh:
        current = fh.read()
    if not archival.renewal_due(current, now=now):
        return False
    renewed = archival.renew_archival_timestamp(current)
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration_id)
        if locked.pdf_sha256 != hashlib.sha256(current).hexdigest():
            return False  # renewed or regenerated by another worker meanwhile
        previous = locked.pdf_file.name
        locked.pdf_file.save(f"{locked.serial}.pdf", ContentFile(renewed), save=False)
        locked.pdf_sha256 = hashlib.sha256(renewed).hexdigest()
        locked.save(update_fields=["pdf_file", "pdf_sha256", "updated_at"])
        # The renewed file holds every byte of the previous one; drop that
        # only once the row points at the new one for good.
        storage = locked.pdf_file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    logger.info("Renewed the archival timestamp of %s's PDF.", locked.serial)
    return True


def renewable_pdf_ids() -> list[int]:
    """Every issued declaration with a stored signed PDF."""
    return list(
        Declaration.objects.issued()
        .filter(pdf_state=P.READY)
        .exclude(pdf_file="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
