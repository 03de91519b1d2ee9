from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "samskab.assessments"
    verbose_name = _("Self-assessment")

    def ready(self) -> None:
        from samskab.assessments.services import panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="assessments",
                label=_("Rules of thumb"),
                url_name="assessments:list",
                order=60,
                panel=panel,
                panel_template="assessments/partials/_panel.html",
            )
        )
