from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "samskab.privacy"
    verbose_name = _("Privacy: retention and data-subject requests")
