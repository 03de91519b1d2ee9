"""The operator connects an identity provider: allauth's app and its Samskab connection together."""

from __future__ import annotations

from allauth.socialaccount.admin import SocialAppAdmin
from allauth.socialaccount.models import SocialApp
from django.contrib import admin

from samskab.sso.models import Connection


class ConnectionInline(admin.StackedInline[Connection, SocialApp]):
    model = Connection
    extra = 1
    max_num = 1
    can_delete = False


class ConnectedSocialAppAdmin(SocialAppAdmin):  # type: ignore[misc]
    inlines = [ConnectionInline]
    list_display = ("name", "provider", "provider_id", "organisation")

    @admin.display(description="organisation")
    def organisation(self, app: SocialApp) -> str:
        connection = Connection.objects.filter(app=app).select_related("organisation").first()
        return str(connection.organisation) if connection else "—"


admin.site.unregister(SocialApp)
admin.site.register(SocialApp, ConnectedSocialAppAdmin)


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin[Connection]):
    list_display = ["app", "organisation", "email_domains", "trust_idp_mfa"]
    list_filter = ["organisation"]
    list_select_related = ["app", "organisation"]
