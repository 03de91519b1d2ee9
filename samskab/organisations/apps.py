from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samskab.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from samskab.organisations import checks  # noqa: F401  (registers samskab.E001)
