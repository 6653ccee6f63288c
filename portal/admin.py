from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "name_en", "kind", "corporate_number", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name_ja", "name_en", "corporate_number"]
    readonly_fields = ["approved_at", "created_at"]
    inlines = [MembershipInline]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected organizations"))
    def approve(self, request, queryset):
        count = queryset.filter(status=Organization.Status.PENDING).update(
            status=Organization.Status.APPROVED, approved_at=timezone.now()
        )
        self.message_user(request, _("%d organizations approved.") % count, messages.SUCCESS)
