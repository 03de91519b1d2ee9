from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    name = "samskab.playbooks"
    verbose_name = _("Playbooks")

    def ready(self) -> None:
        from samskab.playbooks.panel import panel
        from samskab.projects.registry import ProjectSection, register

        register(
            ProjectSection(
                key="playbook",
                label=_("Playbook"),
                url_name="playbooks:home",
                order=70,
                panel=panel,
                panel_template="playbooks/partials/_panel.html",
            )
        )
