"""Declarations in the admin: for looking up, never for editing.

What a declaration says changes only through the portal's services; a
published one not at all. Site admins revoke from the declaration's page,
which asks for the reason.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Declaration, DeclarationEvent, Product


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = DeclarationEvent
    extra = 0
    fields = ("at", "from_label", "to_label", "actor", "reason")
    readonly_fields = fields

    # The statuses in words, not their stored codes.
    @admin.display(description=_("from"))
    def from_label(self, event: DeclarationEvent) -> str:
        return event.from_label

    @admin.display(description=_("to"))
    def to_label(self, event: DeclarationEvent) -> str:
        return event.to_label

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = [
        "serial",
        "organization",
        "product",
        "package",
        "status",
        "valid_until",
        "portal_link",
    ]
    list_filter = ["status", "pdf_state", "package__kind"]
    search_fields = ["serial", "organization__name_ja", "organization__name_en", "product__name"]
    inlines = [EventInline]
    # The stored file is not served under /media/: link the access-checked download.
    exclude = ["pdf_file", "canonical_json", "search_text"]
    readonly_fields = ["pdf_link"]

    @admin.display(description=_("signed PDF"))
    def pdf_link(self, obj: Declaration) -> str:
        if obj.pdf_state != Declaration.PdfState.READY:
            return obj.get_pdf_state_display()
        url = reverse("declarations:pdf", args=[obj.pk])
        return format_html('<a href="{}">{}.pdf</a>', url, obj.serial)

    @admin.display(description=_("on the portal"))
    def portal_link(self, obj: Declaration) -> str:
        if obj.is_draft:
            return "—"  # drafts stay inside the vendor, site staff included
        url = reverse("declarations:declaration_detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("open (revoke there)"))


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "organization", "kind", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name", "organization__name_ja"]
