from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from samskab.api.urls import api_urls
from samskab.organisations import views as organisation_views

admin.site.site_header = settings.SITE_NAME
# The admin logs in through allauth's log-in: its lockout (ACCOUNT_RATE_LIMITS) and second-factor
# step apply, and MFARequiredMiddleware requires a second factor on every admin page.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("tilgaengelighed/", organisation_views.accessibility, name="accessibility"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("", include("samskab.organisations.urls")),
    path("", include("samskab.projects.urls")),
    path("", include("samskab.actors.urls")),
    path("", include("samskab.methods.urls")),
    path("", include("samskab.activities.urls")),
    path("", include("samskab.alignment.urls")),
    path("", include("samskab.assessments.urls")),
    path("", include("samskab.instruments.urls")),
    path("", include("samskab.capture.urls")),
    path("", include("samskab.transfers.urls")),
    path("", include("samskab.explorer.urls")),
    path("", include("samskab.measurement.urls")),
    path("", include("samskab.playbooks.urls")),
    path("", include("samskab.privacy.urls")),
    path("", include("samskab.sso.urls")),
]

handler403 = "samskab.lib.errors.forbidden"
handler404 = "samskab.lib.errors.not_found"
handler500 = "samskab.lib.errors.server_error"
