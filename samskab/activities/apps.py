from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "samskab.activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from samskab.activities.panels import activities_panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="activities",
                label=_("Activities"),
                url_name="activities:list",
                order=30,
                panel=activities_panel,
                panel_template="activities/partials/_panel.html",
            )
        )
        register(
            ProjectSection(
                key="participation",
                label=_("Participation"),
                url_name="activities:participation",
                order=40,
            )
        )
