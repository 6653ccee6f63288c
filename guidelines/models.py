"""The guideline as versioned data.

An *edition* is one whole text of the guideline. Everything below it
(responsibilities, categories, statements, packages, references) belongs to
exactly one edition. Once an edition is published it is a piece of history:
declarations were made against it, so neither it nor anything in it may change.
The guard lives here, in the model layer, so that no admin form, service or
shell session can get round it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .provenance import Source, provenance_errors, source_field, source_page_field


class FrozenEditionError(ValidationError):
    """Raised on any attempt to change a published (or retired) edition."""

    def __init__(self, edition: Edition | None = None):
        label = edition.label if edition else ""
        super().__init__(
            _("Edition %(label)s is published and cannot be changed."),
            code="frozen",
            params={"label": label},
        )


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    class Kind(models.TextChoices):
        # The study group's direction paper of September 2024 is the seed
        # edition: a proposal put to the group, not a guideline it adopted.
        DIRECTION_PAPER = "direction_paper", _("Draft direction paper")
        DRAFT_GUIDELINE = "draft_guideline", _("Draft guideline")
        GUIDELINE = "guideline", _("Guideline")

    PROVENANCE = {"source": "source_page"}

    label = models.SlugField(
        _("version label"),
        max_length=32,
        unique=True,
        help_text=_("Short identifier used in URLs, e.g. 2024-09."),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind of document"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.GUIDELINE,
        help_text=_("Pages label every kind but a final guideline as a draft."),
    )
    issued_by = models.CharField(_("issued by"), max_length=300, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    source = source_field()
    source_page = source_page_field()
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    content_digest = models.CharField(
        _("content digest (SHA-256)"), max_length=64, blank=True, editable=False
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("guideline edition")
        verbose_name_plural = _("guideline editions")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.label})"

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_draft_document(self) -> bool:
        """Whether the text itself is a draft (案), whatever the edition's status."""
        return self.kind != self.Kind.GUIDELINE

    def clean(self) -> None:
        if errors := provenance_errors(self, self.PROVENANCE):
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A frozen edition may only move from published to retired, and only
        # through save(update_fields=["status"]); its text, label and digest
        # are history. The stored row decides, so a stale instance cannot
        # slip an edit in.
        if self.pk:
            stored = Edition.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != self.Status.DRAFT:
                retiring = (
                    stored == self.Status.PUBLISHED
                    and self.status == self.Status.RETIRED
                    and list(kwargs.get("update_fields") or []) == ["status"]
                )
                if not retiring:
                    raise FrozenEditionError(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise FrozenEditionError(self)
        return super().delete(*args, **kwargs)


class FrozenGuardQuerySet(models.QuerySet):
    """Bulk updates and deletes bypass save(); refuse them on frozen editions too."""

    def _touches_frozen(self) -> bool:
        path = f"{self.model.edition_path}__status"
        return self.exclude(**{path: Edition.Status.DRAFT}).exists()

    def update(self, **kwargs):
        if self._touches_frozen():
            raise FrozenEditionError()
        return super().update(**kwargs)

    def delete(self):
        if self._touches_frozen():
            raise FrozenEditionError()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        # Related managers (package.statements.add) insert through rows here.
        objs = list(objs)
        editions = {obj._edition_id() for obj in objs}
        if Edition.objects.filter(pk__in=editions).exclude(status=Edition.Status.DRAFT).exists():
            raise FrozenEditionError()
        return super().bulk_create(objs, *args, **kwargs)


class FrozenWithEdition(models.Model):
    """Base for rows that freeze with the edition they belong to.

    ``edition_path`` is the lookup from the row to its edition.
    """

    edition_path = "edition"

    # Every concrete subclass declares ``objects = FrozenGuardQuerySet.as_manager()``
    # itself (a test checks it), so that type checkers see a manager of that
    # model rather than of this abstract base.

    class Meta:
        abstract = True

    def _check_editable(self) -> None:
        rows = type(self)._base_manager.filter(pk=self.pk) if self.pk else None
        editions = set(rows.values_list(self.edition_path, flat=True)) if rows else set()
        editions.add(self._edition_id())
        frozen = Edition.objects.filter(pk__in=editions).exclude(status=Edition.Status.DRAFT)
        if frozen.exists():
            raise FrozenEditionError(frozen.first())

    def _edition_id(self) -> int | None:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self._check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_editable()
        return super().delete(*args, **kwargs)


class EditionContent(FrozenWithEdition):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE)

    # Each source field with its page field; the fields themselves are declared
    # on the models, so that the admin and the migration name them plainly.
    PROVENANCE: dict[str, str] = {}

    def clean(self) -> None:
        if errors := provenance_errors(self, self.PROVENANCE):
            raise ValidationError(errors)

    def _edition_id(self) -> int | None:
        return self.edition_id

    class Meta:
        abstract = True


class Party(models.TextChoices):
    OPERATOR = "operator", _("Cyber infrastructure provider")
    CUSTOMER = "customer", _("Customer")


class Responsibility(EditionContent):
    number = models.PositiveSmallIntegerField(_("number"))
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    title_source = source_field(_("source of the title"))
    title_source_page = source_page_field(_("page of the title"))
    description_source = source_field(_("source of the description"))
    description_source_page = source_page_field(_("page of the description"))

    PROVENANCE = {
        "title_source": "title_source_page",
        "description_source": "description_source_page",
    }

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="responsibility_number")
        ]

    def __str__(self) -> str:
        return _("Responsibility %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.title,
        }


class Category(EditionContent):
    number = models.PositiveSmallIntegerField(_("number"))
    responsibility = models.ForeignKey(
        Responsibility,
        verbose_name=_("responsibility"),
        on_delete=models.PROTECT,
        related_name="categories",
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    title_source = source_field(_("source of the title"))
    title_source_page = source_page_field(_("page of the title"))
    summary_source = source_field(_("source of the summary"))
    summary_source_page = source_page_field(_("page of the summary"))

    PROVENANCE = {"title_source": "title_source_page", "summary_source": "summary_source_page"}

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement category")
        verbose_name_plural = _("requirement categories")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="category_number")
        ]

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"

    def clean(self) -> None:
        super().clean()
        responsibility = self.responsibility if self.responsibility_id else None
        if responsibility and self.edition_id and responsibility.edition_id != self.edition_id:
            raise ValidationError(
                {"responsibility": _("Choose a responsibility of the same edition.")}
            )


class Alignment(models.TextChoices):
    MATCHES_FOREIGN = "matches_foreign", _("Matches foreign schemes")
    NOT_IN_FOREIGN = "not_in_foreign", _("Not in foreign schemes")


class Effect(models.TextChoices):
    DIRECT = "direct", _("Direct, immediate effect")
    CAPABILITY = "capability", _("Raises capability")


class Difficulty(models.TextChoices):
    HIGH = "high", _("Relatively high")
    LOW = "low", _("Relatively low")


class Statement(EditionContent):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="statements"
    )
    code = models.CharField(_("code"), max_length=16, help_text=_('e.g. "(1)-1"'))
    position = models.PositiveSmallIntegerField(_("position in category"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    alignment = models.CharField(
        _("alignment with foreign schemes"), max_length=20, choices=Alignment.choices
    )
    effect = models.CharField(_("effect on threats"), max_length=20, choices=Effect.choices)
    difficulty = models.CharField(_("difficulty"), max_length=20, choices=Difficulty.choices)
    title_source = source_field(_("source of the title"))
    title_source_page = source_page_field(_("page of the title"))
    description_source = source_field(_("source of the description"))
    description_source_page = source_page_field(_("page of the description"))
    # Each axis of the classification separately: the deck states some values
    # through its keyword examples and leaves the others to the portal.
    alignment_source = source_field(_("source of the alignment"))
    alignment_source_page = source_page_field(_("page of the alignment"))
    effect_source = source_field(_("source of the effect"))
    effect_source_page = source_page_field(_("page of the effect"))
    difficulty_source = source_field(_("source of the difficulty"))
    difficulty_source_page = source_page_field(_("page of the difficulty"))

    PROVENANCE = {
        "title_source": "title_source_page",
        "description_source": "description_source_page",
        "alignment_source": "alignment_source_page",
        "effect_source": "effect_source_page",
        "difficulty_source": "difficulty_source_page",
    }

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["edition", "category__number", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="statement_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.category_id and self.edition_id and self.category.edition_id != self.edition_id:
            raise ValidationError({"category": _("Choose a category of the same edition.")})

    @property
    def slug(self) -> str:
        """URL form of the code: "(1)-2" becomes "1-2"."""
        return self.code.replace("(", "").replace(")", "")

    @property
    def party(self) -> str:
        return self.category.party


class Package(EditionContent):
    class Kind(models.TextChoices):
        MINIMUM = "minimum", _("Minimum")
        STANDARD = "standard", _("Standard")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_source = source_field(_("source of the description"))
    description_source_page = source_page_field(_("page of the description"))
    derivation = models.TextField(
        _("derivation"),
        blank=True,
        help_text=_("How the membership was decided, where the source does not list it."),
    )
    statements: models.ManyToManyField[Statement, PackageStatement] = models.ManyToManyField(
        Statement,
        verbose_name=_("statements"),
        related_name="packages",
        blank=True,
        through="PackageStatement",
    )

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["edition", "kind"]
        constraints = [models.UniqueConstraint(fields=["edition", "kind"], name="package_kind")]

    PROVENANCE = {"description_source": "description_source_page"}

    def __str__(self) -> str:
        return self.title


class PackageStatement(FrozenWithEdition):
    """Membership of a statement in a package: data, editable while the edition is a draft."""

    edition_path = "package__edition"

    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.CASCADE)
    statement = models.ForeignKey(Statement, verbose_name=_("statement"), on_delete=models.CASCADE)
    source = source_field()
    source_page = source_page_field()

    PROVENANCE = {"source": "source_page"}

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("package statement")
        verbose_name_plural = _("package statements")
        ordering = ["package", "statement__category__number", "statement__position"]
        constraints = [
            models.UniqueConstraint(fields=["package", "statement"], name="package_statement")
        ]

    def __str__(self) -> str:
        return f"{self.package} – {self.statement.code}"

    def _edition_id(self) -> int | None:
        return self.package.edition_id

    def clean(self) -> None:
        if errors := provenance_errors(self, self.PROVENANCE):
            raise ValidationError(errors)
        if self.package.edition_id != self.statement.edition_id:
            raise ValidationError(_("A package can only hold statements of its own edition."))


class Reference(EditionContent):
    """An outside document the guideline aligns with (SSDF, OMB M-23-16, CRA…)."""

    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), blank=True)
    alignment_basis = models.BooleanField(
        _("basis of the alignment classification"),
        default=False,
        help_text=_(
            "One of the foreign schemes a statement is compared with when it is classified "
            "as matching foreign schemes or not."
        ),
    )
    source = source_field()
    source_page = source_page_field()

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["edition", "key"]
        constraints = [models.UniqueConstraint(fields=["edition", "key"], name="reference_key")]

    def __str__(self) -> str:
        return self.title


class StatementReference(EditionContent):
    """Where in a reference a statement is matched, e.g. SSDF PW.5.1.

    ``source`` says who states the correspondence: the seed deck (on
    ``source_page``) or the portal's own reading. The locator is written in
    both languages; ``note`` explains a correspondence that could be misread,
    such as a partial one next to a "not in foreign schemes" classification.
    """

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="links"
    )
    reference = models.ForeignKey(
        Reference, verbose_name=_("reference"), on_delete=models.CASCADE, related_name="links"
    )
    locator = models.CharField(_("section or item"), max_length=200)
    url = models.URLField(_("URL"), blank=True, help_text=_("A deep link to the item, if stable."))
    source = source_field()
    source_page = source_page_field()
    note = models.TextField(_("note"), blank=True)

    objects = FrozenGuardQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement reference")
        verbose_name_plural = _("statement references")
        ordering = ["statement", "reference__key"]

    def __str__(self) -> str:
        return f"{self.reference.key} {self.locator}"

    def clean(self) -> None:
        if self.source == Source.SEED and not self.source_page:
            raise ValidationError(
                {"source_page": _("Give the page of the direction paper that states it.")}
            )

    @property
    def is_seed_stated(self) -> bool:
        return self.source == Source.SEED

    @property
    def link_url(self) -> str:
        """Where the locator links to: the item itself, or else the whole document."""
        return self.url or self.reference.url
