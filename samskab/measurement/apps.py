from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "samskab.measurement"
    verbose_name = _("Effect measurement")

    def ready(self) -> None:
        from samskab.measurement.services.overview import panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="value",
                label=_("Value creation"),
                url_name="measurement:value",
                order=5,
                panel=panel,
                panel_template="measurement/partials/_panel.html",
            )
        )
