"""Vocabularies shared by projects, actors, activities and alignment.

The phases follow the lab process in the source document "Samskabelseslaboratoriet"
(../shared/seeds/000_…): choose the project and key actors, define/frame/map in the first
workshops, sparring and competence development, trial actions, studies, and anchoring.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Theme(models.TextChoices):
    CULTURE_LEISURE = "culture_leisure", _("Culture and leisure")
    EMPLOYMENT = "employment", _("Employment")
    URBAN_DEVELOPMENT = "urban_development", _("Urban development")
    NATURE = "nature", _("Nature and outdoor areas")
    INCLUSION = "inclusion", _("Inclusion of vulnerable citizens")
    OTHER = "other", pgettext_lazy("theme", "Other")


class Phase(models.TextChoices):
    SELECT = "select", _("Choosing the project and key actors")
    DEFINE = "define", _("Define, frame and map")
    SPARRING = "sparring", _("Sparring and competence development")
    TRIAL = "trial", _("Trial actions")
    STUDY = "study", _("Studies")
    ANCHOR = "anchor", _("Anchoring")


PHASE_ORDER = [phase.value for phase in Phase]


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZEN = "citizen", _("Citizens and users")


class ActorRole(models.TextChoices):
    """The actor groups of a co-creation project; also used to count anonymous participants."""

    POLITICIAN = "politician", _("Politician")
    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Employee")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company")
    VOLUNTEER_ORGANISATION = "volunteer_organisation", _("Volunteer organisation")
    CITIZEN = "citizen", _("Citizen")
    USER = "user", _("User")


# The sector an actor in a given role usually belongs to; forms use it as the default.
DEFAULT_SECTOR = {
    ActorRole.POLITICIAN: Sector.PUBLIC,
    ActorRole.MANAGER: Sector.PUBLIC,
    ActorRole.EMPLOYEE: Sector.PUBLIC,
    ActorRole.ASSOCIATION: Sector.CIVIL_SOCIETY,
    ActorRole.COMPANY: Sector.PRIVATE,
    ActorRole.VOLUNTEER_ORGANISATION: Sector.CIVIL_SOCIETY,
    ActorRole.CITIZEN: Sector.CITIZEN,
    ActorRole.USER: Sector.CITIZEN,
}
