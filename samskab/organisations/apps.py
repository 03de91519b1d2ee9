from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samskab.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from samskab.lib import deploy  # noqa: F401  (registers samskab.E010, --deploy)
        from samskab.organisations import checks  # noqa: F401  (registers samskab.E001)
        from samskab.organisations.auditing import connect as connect_audit_log

        connect_audit_log()
