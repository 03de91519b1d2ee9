"""The manifesto's role shifts and rules of thumb, in our own words, as self-assessment items.

Source: "Manifest for National Bevægelse for Samskabelse" (2017), sections "Udvikling af nye
roller i samskabelse" and "Fælles retningslinjer for samskabelse" (tommelfingerregler). Stored
answers reference ``Item.code``: never change a code, only add new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SOURCE = _("Source: Manifest for National Bevægelse for Samskabelse, 2017")


@dataclass(frozen=True)
class Item:
    code: str
    label: str | _StrPromise
    explanation: str | _StrPromise


# One shift per kind of actor: from the traditional role towards a co-creating one.
ROLE_SHIFTS: list[Item] = [
    Item(
        "role_politicians",
        _("Politicians lead by listening"),
        _(
            "Our politicians draw on citizens' knowledge and ideas to shape policy, not only on "
            "rules and frameworks."
        ),
    ),
    Item(
        "role_managers",
        _("Managers steer through collaboration"),
        _(
            "Managers look for results reached across boundaries through dialogue and shared "
            "learning, rather than by rules and incentives."
        ),
    ),
    Item(
        "role_employees",
        _("Employees find strengths in citizens"),
        _(
            "Employees act less as authority or service provider and more as partners who build "
            "on what citizens can do."
        ),
    ),
    Item(
        "role_interest_organisations",
        _("Interest organisations co-create"),
        _(
            "Interest organisations help build shared solutions through dialogue instead of "
            "mainly lobbying."
        ),
    ),
    Item(
        "role_companies",
        _("Companies act as partners"),
        _(
            "Companies take part in developing services and solutions, not only as regulated "
            "suppliers."
        ),
    ),
    Item(
        "role_volunteer_organisations",
        _("Volunteer organisations work alongside"),
        _(
            "Volunteer organisations work with staff, companies and citizens on new forms of "
            "welfare instead of standing apart as critics."
        ),
    ),
    Item(
        "role_citizens",
        _("Citizens as active co-creators"),
        _(
            "Citizens step out of the client and customer roles and help shape shared solutions, "
            "with the risk and responsibility that brings."
        ),
    ),
]

RULES_OF_THUMB: list[Item] = [
    Item(
        "rule_know_the_field",
        _("Know the field"),
        _(
            "We take account of the traditions, experience and possibilities of this particular "
            "service or policy area."
        ),
    ),
    Item(
        "rule_not_a_saving",
        _("Not a saving in disguise"),
        _(
            "The project rests on a shared wish to work together, not on handing public tasks to "
            "people who cannot carry them."
        ),
    ),
    Item(
        "rule_frontline_say",
        _("Frontline staff have a say"),
        _(
            "Employees decide locally when and how to invite users and volunteers, so it does not "
            "feel like an order from above."
        ),
    ),
    Item(
        "rule_shape_problem_together",
        _("Shape the problem together"),
        _(
            "Citizens and local partners help understand the problem and design the solution, not "
            "only carry it out."
        ),
    ),
    Item(
        "rule_existing_forums",
        _("Build on existing forums"),
        _(
            "We checked for groups already working on the issue before setting up anything new "
            "that would compete with them."
        ),
    ),
    Item(
        "rule_partners_not_suppliers",
        _("Partners, not suppliers"),
        _(
            "Citizens, volunteers and associations help set the agenda rather than being hired to "
            "deliver a task."
        ),
    ),
    Item(
        "rule_open_process",
        _("An open process"),
        _(
            "Everyone is heard, contributes and shares responsibility; the process is not closed "
            "or run from the top."
        ),
    ),
    Item(
        "rule_support_dont_take_over",
        _("Support, don't take over"),
        _(
            "The public partner supports local initiatives through ongoing dialogue instead of "
            "taking them over."
        ),
    ),
    Item(
        "rule_room_for_business",
        _("Room for business and community"),
        _(
            "From the start there is room for companies' business view as well as the community's "
            "and citizens' views."
        ),
    ),
    Item(
        "rule_back_social_entrepreneurs",
        _("Back social entrepreneurs"),
        _(
            "Public or private organisations help citizen-driven social entrepreneurs, for "
            "example with funding or setting up a social enterprise."
        ),
    ),
]

# The five ingredients without which, the manifesto says, a project is not co-creation at all
# (section "Hovedingredienser i samskabelse"). The value-creation view shows them with evidence.
INGREDIENTS: list[Item] = [
    Item(
        "ingredient_shared_problem",
        _("A shared problem, seen from every side"),
        _(
            "We start from a problem or vision we share, and we make an effort to understand "
            "it from each participant's perspective and experience."
        ),
    ),
    Item(
        "ingredient_equal_collaboration",
        _("Equal collaboration"),
        _(
            "Nobody settles a disagreement by pointing to their formal authority or status; "
            "the strong actors make room for the others."
        ),
    ),
    Item(
        "ingredient_creative_process",
        _("Something new is created"),
        _(
            "We do more than share knowledge and coordinate: the work improves a solution or "
            "makes a new one that breaks with habit."
        ),
    ),
    Item(
        "ingredient_value_for_all",
        _("Value for each, for the group and for society"),
        _(
            "The project creates personal value for each participant, collective value for the "
            "group and value for society as a whole."
        ),
    ),
    Item(
        "ingredient_beyond_consultation",
        _("More than consulting citizens"),
        _(
            "Citizens are not only heard or consulted, nor cast as opponents: public and "
            "private partners make each other better and build the solution together."
        ),
    ),
]
INGREDIENT_CODES = [item.code for item in INGREDIENTS]

ITEMS: list[Item] = [*INGREDIENTS, *ROLE_SHIFTS, *RULES_OF_THUMB]
ITEM_BY_CODE = {item.code: item for item in ITEMS}
ITEM_CHOICES = [(item.code, item.label) for item in ITEMS]

# How well an item describes the project now; None = "not relevant yet".
SCALE: list[tuple[int, str | _StrPromise]] = [
    (1, pgettext_lazy("how well it describes the project", "Not at all")),
    (2, pgettext_lazy("how well it describes the project", "A little")),
    (3, pgettext_lazy("how well it describes the project", "Partly")),
    (4, pgettext_lazy("how well it describes the project", "Largely")),
    (5, pgettext_lazy("how well it describes the project", "Fully")),
]
SCALE_LABELS = dict(SCALE)
NOT_RELEVANT = "na"
NOT_RELEVANT_LABEL = _("Not relevant yet")
