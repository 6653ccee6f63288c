from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import AuditEvent, Invitation, Membership, Organization, OutgoingEmail, User


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
    # Approval goes through the actions, which email the organization's admins.
    readonly_fields = ["status", "approved_at", "created_at"]
    inlines = [MembershipInline]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve the selected organizations"))
    def approve(self, request, queryset):
        if count := self._each(request, queryset, services.approve_organization):
            message = ngettext("%d organization approved.", "%d organizations approved.", count)
            self.message_user(request, message % count, messages.SUCCESS)

    @admin.action(description=_("Reject the selected organizations"))
    def reject(self, request, queryset):
        if count := self._each(request, queryset, services.reject_organization):
            message = ngettext("%d organization rejected.", "%d organizations rejected.", count)
            self.message_user(request, message % count, messages.SUCCESS)

    def _each(self, request, queryset, service) -> int:
        # One by one through the service, so that each organization's admins get
        # their email and a refusal for one does not stop the others.
        count = 0
        for organization in queryset:
            try:
                service(organization=organization, actor=request.user)
            except services.OrganizationError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                count += 1
        return count


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organization__name_ja", "organization__name_en"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]
    # The token is the invitation's secret: it goes to the invitee only, by email.
    exclude = ["token"]
    autocomplete_fields = ["organization"]


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("no", _("Unsent")), ("yes", _("Sent"))]

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(sent_at__isnull=self.value() == "no")
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox, to see what is unsent and why. Read-only: the sweep does the sending."""

    list_display = ["recipient", "subject", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [DeliveryFilter]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    # Not the body: it carries confirmation and invitation links, which are
    # credentials for their recipient alone.
    fields = ["recipient", "subject", "created_at", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, for site admins. Read-only: history is not edited, nor deleted here."""

    list_display = ["created_at", "kind", "actor_email", "target", "ip_address"]
    list_filter = ["kind", "created_at"]
    search_fields = ["actor_email", "target"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "kind",
        "actor",
        "actor_email",
        "target",
        "detail",
        "ip_address",
        "user_agent",
    ]
    list_select_related = ["actor"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
