"""Guideline admin: drafts are edited here in both languages; published
editions are shown read-only (the model layer refuses edits as well)."""

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import services
from .models import (
    Category,
    Edition,
    Package,
    PackageStatement,
    Reference,
    Responsibility,
    Statement,
    StatementReference,
)


class FrozenAwareAdmin(admin.ModelAdmin):
    """Offers no change or delete form for anything in a frozen edition."""

    class Media:
        css = {"all": ["css/admin-translations.css"]}

    def _frozen(self, obj) -> bool:
        if obj is None:
            return False
        edition = obj if isinstance(obj, Edition) else obj.edition
        return edition.is_frozen

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New rows can only be attached to draft editions.
        if db_field.name == "edition":
            kwargs["queryset"] = Edition.objects.filter(status=Edition.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EditionContentAdmin(FrozenAwareAdmin, TranslationAdmin):
    list_filter = ["edition"]


class WithEditionChoiceField(forms.ModelChoiceField):
    """Rows of two editions often read alike: each choice names its edition."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.edition.label} · {obj}"


def same_edition_choices(request, model, parent_model, **kwargs):
    """The choices of a foreign key to ``model`` for a row of ``parent_model``.

    On a change page, only the rows of the object's own edition; on an add
    page the edition is not chosen yet, so the rows of every draft edition,
    each labelled with its edition.
    """
    object_id = request.resolver_match.kwargs.get("object_id")
    rows = model.objects.select_related("edition")
    if object_id:
        edition_id = (
            parent_model.objects.filter(pk=object_id).values_list("edition_id", flat=True).first()
        )
        rows = rows.filter(edition_id=edition_id)
    else:
        rows = rows.filter(edition__status=Edition.Status.DRAFT)
    kwargs["queryset"] = rows
    kwargs["form_class"] = WithEditionChoiceField
    return kwargs


PROVENANCE_HELP = _(
    "Where each text comes from. Seed: the study group's direction paper; give its page, "
    "counting the deck's pages from the title page as page 1. Later edition: a later "
    "official edition. Portal: the portal's own text, marked † for readers."
)


@admin.register(Edition)
class EditionAdmin(FrozenAwareAdmin, TranslationAdmin):
    list_display = [
        "label",
        "title",
        "kind",
        "status",
        "issued_on",
        "published_at",
        "short_digest",
        "preview_link",
    ]
    list_filter = ["status", "kind"]
    readonly_fields = ["status", "content_digest", "based_on", "published_at", "created_at"]
    actions = ["publish", "start_new_draft", "retire"]
    fieldsets = [
        (None, {"fields": ["label", "title", "kind", "issued_by", "issued_on"]}),
        (_("Provenance"), {"fields": [("source", "source_page")], "description": PROVENANCE_HELP}),
        (
            _("Publication"),
            {"fields": ["status", "content_digest", "based_on", "published_at", "created_at"]},
        ),
    ]

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Edition) -> str:
        if obj.status != Edition.Status.DRAFT:
            return ""
        url = reverse("guidelines:preview", args=[obj.label])
        return format_html('<a href="{}">{}</a>', url, _("Preview on the site"))

    @admin.display(description=_("digest"))
    def short_digest(self, obj: Edition) -> str:
        return obj.content_digest[:12]

    @admin.action(description=_("Publish the selected draft editions (freezes them)"))
    def publish(self, request, queryset):
        for edition in queryset:
            try:
                services.publish_edition(edition=edition)
            except services.EditionError as error:
                self.message_user(request, f"{edition.label}: {error}", messages.ERROR)
            else:
                self.message_user(request, _("Published %s.") % edition.label, messages.SUCCESS)

    @admin.action(description=_("Start a new draft as a copy of the selected edition"))
    def start_new_draft(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one edition to copy."), messages.ERROR)
            return
        source = queryset.get()
        label = f"{timezone.localdate():%Y-%m}-draft"
        suffix = 1
        while Edition.objects.filter(label=label).exists():
            suffix += 1
            label = f"{timezone.localdate():%Y-%m}-draft-{suffix}"
        draft = services.start_draft_from(edition=source, label=label)
        self.message_user(
            request,
            _("Draft %(label)s created from %(source)s; edit its label and text before publishing.")
            % {"label": draft.label, "source": source.label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Retire the selected published editions"))
    def retire(self, request, queryset):
        for edition in queryset:
            try:
                services.retire_edition(edition=edition)
            except services.EditionError as error:
                self.message_user(request, f"{edition.label}: {error}", messages.ERROR)


@admin.register(Responsibility)
class ResponsibilityAdmin(EditionContentAdmin):
    list_display = ["number", "title", "party", "title_source", "edition"]
    fieldsets = [
        (None, {"fields": ["edition", "number", "party", "title", "description"]}),
        (
            _("Provenance"),
            {
                "fields": [
                    ("title_source", "title_source_page"),
                    ("description_source", "description_source_page"),
                ],
                "description": PROVENANCE_HELP,
            },
        ),
    ]


@admin.register(Category)
class CategoryAdmin(EditionContentAdmin):
    list_display = ["number", "title", "party", "title_source", "edition"]
    fieldsets = [
        (None, {"fields": ["edition", "number", "responsibility", "party", "title", "summary"]}),
        (
            _("Provenance"),
            {
                "fields": [
                    ("title_source", "title_source_page"),
                    ("summary_source", "summary_source_page"),
                ],
                "description": PROVENANCE_HELP,
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "responsibility":
            kwargs = same_edition_choices(request, Responsibility, Category, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StatementReferenceFormSet(BaseInlineFormSet):
    def save_new(self, form, commit=True):
        # A link belongs to its statement's edition; the form does not offer the field.
        form.instance.edition_id = self.instance.edition_id
        return super().save_new(form, commit=commit)


class StatementReferenceInline(TranslationTabularInline):
    """A statement's correspondences, locator and note in both languages."""

    model = StatementReference
    formset = StatementReferenceFormSet
    extra = 0
    fields = ["reference", "locator", "url", "source", "source_page", "note"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.edition.is_frozen

    has_add_permission = has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        statement_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "reference" and statement_id:
            kwargs["queryset"] = Reference.objects.filter(edition__statement__pk=statement_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Statement)
class StatementAdmin(EditionContentAdmin):
    list_display = ["code", "title", "alignment", "effect", "difficulty", "edition"]
    list_filter = ["edition", "alignment", "effect", "difficulty", "description_source"]
    search_fields = ["code", "title_ja", "title_en"]
    inlines = [StatementReferenceInline]
    fieldsets = [
        (None, {"fields": ["edition", "category", "code", "position", "title", "description"]}),
        (_("Classification"), {"fields": ["alignment", "effect", "difficulty"]}),
        (
            _("Provenance"),
            {
                "fields": [
                    ("title_source", "title_source_page"),
                    ("description_source", "description_source_page"),
                    ("alignment_source", "alignment_source_page"),
                    ("effect_source", "effect_source_page"),
                    ("difficulty_source", "difficulty_source_page"),
                ],
                "description": PROVENANCE_HELP,
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs = same_edition_choices(request, Category, Statement, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        # Until a new statement is saved its edition is unknown, and so are the
        # references it may point at: they are linked on its change page.
        return self.inlines if obj is not None else []


class PackageStatementInline(admin.TabularInline):
    model = PackageStatement
    extra = 0
    fields = ["statement", "source", "source_page"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.edition.is_frozen

    has_add_permission = has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        package_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "statement" and package_id:
            kwargs["queryset"] = Statement.objects.filter(edition__package__pk=package_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Package)
class PackageAdmin(EditionContentAdmin):
    list_display = ["title", "kind", "edition"]
    inlines = [PackageStatementInline]
    fieldsets = [
        (None, {"fields": ["edition", "kind", "title", "description", "derivation"]}),
        (
            _("Provenance"),
            {
                "fields": [("description_source", "description_source_page")],
                "description": PROVENANCE_HELP,
            },
        ),
    ]


@admin.register(Reference)
class ReferenceAdmin(EditionContentAdmin):
    list_display = ["key", "title", "source", "alignment_basis", "edition"]
