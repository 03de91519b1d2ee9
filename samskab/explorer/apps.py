from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExplorerConfig(AppConfig):
    name = "samskab.explorer"
    verbose_name = _("Explorer")
