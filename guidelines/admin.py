"""Guideline admin: drafts are edited here in both languages; published
editions are shown read-only (the model layer refuses edits as well)."""

from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
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


@admin.register(Edition)
class EditionAdmin(FrozenAwareAdmin, TranslationAdmin):
    list_display = ["label", "title", "status", "issued_on", "published_at", "short_digest"]
    list_filter = ["status"]
    readonly_fields = ["status", "content_digest", "based_on", "published_at", "created_at"]
    actions = ["publish", "start_new_draft", "retire"]

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
    list_display = ["number", "title", "party", "edition"]


@admin.register(Category)
class CategoryAdmin(EditionContentAdmin):
    list_display = ["number", "title", "party", "edition"]


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
    list_filter = ["edition", "alignment", "effect", "difficulty"]
    search_fields = ["code", "title_ja", "title_en"]
    inlines = [StatementReferenceInline]

    def get_inlines(self, request, obj):
        # Until a new statement is saved its edition is unknown, and so are the
        # references it may point at: they are linked on its change page.
        return self.inlines if obj is not None else []


class PackageStatementInline(admin.TabularInline):
    model = PackageStatement
    extra = 0

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


@admin.register(Reference)
class ReferenceAdmin(EditionContentAdmin):
    list_display = ["key", "title", "source", "alignment_basis", "edition"]
