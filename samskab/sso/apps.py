from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SSOConfig(AppConfig):
    name = "samskab.sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from samskab.sso import signals  # noqa: F401  (connects the log-in receiver)
