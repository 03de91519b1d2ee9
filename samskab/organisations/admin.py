"""Django admin is for the installation's operators (superusers), not for organisation staff."""

from django.contrib import admin

from samskab.organisations.models import AuditEntry, Membership, Organisation


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "slug", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the log is append-only (the database refuses changes and deletions too)."""

    list_display = ["at", "organisation", "actor_label", "action", "object_type", "target"]
    list_filter = ["action", "object_type", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["target", "actor_label"]
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
