"""What people do to products and draft declarations, one function per act.

Every function is keyword-only and refuses, with a ``DeclarationError`` worded
for the person at the screen, whatever it will not do. Attesting, publishing
and the rest of the lifecycle live in ``lifecycle.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import Package, Party, Statement
from guidelines.queries import latest_published_edition
from portal.models import Organization, User

from .errors import DeclarationError
from .lifecycle import record_event
from .models import Answer, Declaration, Product

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
        raise DeclarationError(_("Only vendor organizations register products."))
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
    product.name = name
    product.version = version
    product.kind = kind
    product.roles = list(roles)
    product.description = description
    product.url = url
    product.save()
    return product


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


def start_declaration(*, product: Product, package: Package, user: User) -> Declaration:
    """A new draft for the product against the package, with an empty answer per statement."""
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
                created_by=user,
            )
            Answer.objects.bulk_create(
                Answer(declaration=declaration, statement_id=pk, updated_by=user)
                for pk in statements
            )
            record_event(declaration, to=Declaration.Status.DRAFT, actor=user)
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


def _locked_draft(declaration: Declaration) -> Declaration:
    """The declaration's row, locked until the transaction ends; refused unless a draft."""
    locked = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("package")
        .get(pk=declaration.pk)
    )
    if not locked.is_draft:
        raise DeclarationError(_("This declaration is no longer a draft and cannot be changed."))
    return locked


@transaction.atomic
def change_package(*, declaration: Declaration, package: Package, user: User) -> Declaration:
    """Switch between Minimum and Standard. Every answer is kept, in or out of the package."""
    locked = _locked_draft(declaration)
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


@transaction.atomic
def delete_draft(*, declaration: Declaration, user: User) -> None:
    _locked_draft(declaration).delete()


# ----------------------------------------------------------------- answers

ANSWER_FIELDS = Answer.CONTENT_FIELDS


@dataclass(frozen=True)
class AnswerChange:
    """What someone typed for one answer, and the version of it they started from."""

    answer_id: int
    version: int
    status: str = ""
    explanation: str = ""
    evidence_links: str = ""
    evidence: str = ""
    remediation_plan: str = ""
    target_date: datetime.date | None = None


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the answer since ``yours`` was loaded: ``theirs`` is what is stored."""

    yours: AnswerChange
    theirs: Answer


@dataclass(frozen=True)
class SaveResult:
    saved: list[int]
    conflicts: list[Conflict]


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
    if not changes:
        return SaveResult(saved=[], conflicts=[])
    now = timezone.now()
    ids = [change.answer_id for change in changes]
    expected = Q()
    for change in changes:
        expected |= Q(pk=change.answer_id, version=change.version)
    values = {
        name: Case(
            *(When(pk=c.answer_id, then=Value(getattr(c, name))) for c in changes),
            default=F(name),
            output_field=Answer._meta.get_field(name),
        )
        for name in ANSWER_FIELDS
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
