from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "samskab.instruments"
    verbose_name = _("Narrative instruments")
