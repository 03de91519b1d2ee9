from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlignmentConfig(AppConfig):
    name = "samskab.alignment"
    verbose_name = _("Expectation alignment")

    def ready(self) -> None:
        from samskab.alignment.services import panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="alignment",
                label=_("Expectations"),
                url_name="alignment:list",
                order=50,
                panel=panel,
                panel_template="alignment/partials/_panel.html",
            )
        )
