from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "samskab.actors"
    verbose_name = _("Key actors")

    def ready(self) -> None:
        from samskab.actors.panel import actors_panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="actors",
                label=_("Key actors"),
                url_name="actors:list",
                order=10,
                panel=actors_panel,
                panel_template="actors/partials/_panel.html",
            )
        )
        register(
            ProjectSection(key="map", label=_("Stakeholder map"), url_name="actors:map", order=20)
        )
