"""Fixed vocabularies of effect measurement, in our own words with the source named.

The measurement plan's questions retell Appendix 1 of "Manifest for National Bevægelse for
Samskabelse" (2017), grouped as the manifesto groups them: what do we measure, how do we
measure, and what do we use the measurement for. Stored answers reference ``Question.code``:
never change a code, only add new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.instruments.definition import LEVELS

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SOURCE = _("Source: Manifest for National Bevægelse for Samskabelse, 2017, Appendix 1")


class QuestionGroup(models.TextChoices):
    WHAT = "what", _("What do we measure?")
    HOW = "how", _("How do we measure?")
    USE = "use", _("What do we use the measurement for?")


@dataclass(frozen=True)
class Question:
    code: str
    group: QuestionGroup
    text: str | _StrPromise
    hint: str | _StrPromise
    # What the answer usually points to, so the plan can link to it ("goals", "indicators",
    # "evidence", "learning", "milestones", "msc", "gains", "alignment" or "").
    links_to: str = ""


PLAN_QUESTIONS: list[Question] = [
    Question(
        "what_change",
        QuestionGroup.WHAT,
        _("What do we want to change, and how will we know that we succeeded?"),
        _("Name the change in a sentence, then the signs that would show it has happened."),
        "goals",
    ),
    Question(
        "what_open_eyes",
        QuestionGroup.WHAT,
        _("How do we keep our eyes on the goal without becoming blind to other gains?"),
        _("Say where you will note side gains nobody planned, and who looks for them."),
        "gains",
    ),
    Question(
        "what_many_goals",
        QuestionGroup.WHAT,
        _(
            "Which goals do we have for the process and for the result, and for what each "
            "participant and the group become able to do?"
        ),
        _("List process goals and outcome goals; both count."),
        "goals",
    ),
    Question(
        "what_align",
        QuestionGroup.WHAT,
        _("How did we agree on what we expect at the start?"),
        _("Refer to the expectation alignment, and say what you agreed on and what you did not."),
        "alignment",
    ),
    Question(
        "what_for_whom",
        QuestionGroup.WHAT,
        _("Whom do we measure for: the participants, the public system, or a company?"),
        _("Name who will read the results and what each of them needs to know."),
        "",
    ),
    Question(
        "what_effects_not_performance",
        QuestionGroup.WHAT,
        _("How do we make sure we measure the effects of our joint effort, not our own output?"),
        _(
            "An activity held is output; a change for users, employees, citizens or the "
            "organisation is an effect. Say which indicators show effects."
        ),
        "indicators",
    ),
    Question(
        "what_ownership",
        QuestionGroup.WHAT,
        _("Who owns which goals and effects?"),
        _("Each goal has an owner: a key actor or an actor group."),
        "goals",
    ),
    Question(
        "how_systematic",
        QuestionGroup.HOW,
        _(
            "How do we measure systematically, with numbers as well as with interviews, accounts "
            "and stories?"
        ),
        _("Name the indicators with numbers and the stories, quotes and interviews beside them."),
        "indicators",
    ),
    Question(
        "how_learning_not_control",
        QuestionGroup.HOW,
        _("How do we measure so that it feels like learning and adjusting, not like control?"),
        _("Say who sees the results first and how they are discussed."),
        "",
    ),
    Question(
        "how_experiences",
        QuestionGroup.HOW,
        _("How do we collect and work with good and bad experiences along the way?"),
        _("The learning log keeps them, with what was adjusted because of them."),
        "learning",
    ),
    Question(
        "how_every_voice",
        QuestionGroup.HOW,
        _("How does everyone get a voice when we collect and interpret what we learned?"),
        _("For example a Most Significant Change round where participants choose stories."),
        "msc",
    ),
    Question(
        "use_learning",
        QuestionGroup.USE,
        _("How do we use what we learn along the way?"),
        _("Say when the team looks at the results and what can change because of them."),
        "learning",
    ),
    Question(
        "use_not_for_its_own_sake",
        QuestionGroup.USE,
        _("How do we avoid measuring just for the sake of measuring?"),
        _("For each indicator, who will use it for what? Drop the ones nobody uses."),
        "indicators",
    ),
    Question(
        "use_motivation",
        QuestionGroup.USE,
        _(
            "How do we use measurement to keep going and to give ourselves credit when it goes "
            "well?"
        ),
        _("Milestones mark the moments worth noticing."),
        "milestones",
    ),
    Question(
        "use_celebrate",
        QuestionGroup.USE,
        _("How do we get good at celebrating when we succeed?"),
        _("Plan how each milestone is celebrated, and with whom."),
        "milestones",
    ),
    Question(
        "use_share",
        QuestionGroup.USE,
        _("How do we share our experience so it reaches the people who can use it?"),
        _("Name the audiences: other departments, other municipalities, the participants."),
        "",
    ),
    Question(
        "use_everyday_stories",
        QuestionGroup.USE,
        _("How do we turn our experience into everyday stories that inspire others?"),
        _("Most Significant Change stories and selected masked stories can carry it."),
        "evidence",
    ),
]

QUESTION_BY_CODE = {q.code: q for q in PLAN_QUESTIONS}
QUESTION_CHOICES = [(q.code, q.text) for q in PLAN_QUESTIONS]


class ValueLevel(models.TextChoices):
    """The four levels the lab measures results on (seed 000_…); the story form's levels."""

    USER = LEVELS[0], _("User")
    EMPLOYEE = LEVELS[1], _("Employee")
    VOLUNTEER_CITIZEN = LEVELS[2], _("Volunteer or citizen")
    ORGANISATION = LEVELS[3], _("Organisation")


class ValueKind(models.TextChoices):
    """The manifesto's fourth ingredient: value for each participant, the group and society."""

    PERSONAL = "personal", _("Personal value")
    COLLECTIVE = "collective", _("Collective value")
    SOCIETAL = "societal", _("Societal value")


class GoalKind(models.TextChoices):
    PROCESS = "process", _("Process goal")
    OUTCOME = "outcome", _("Outcome goal")


class GoalStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("goal status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("goal status", "In progress")
    ACHIEVED = "achieved", pgettext_lazy("goal status", "Achieved")
    DROPPED = "dropped", pgettext_lazy("goal status", "Dropped")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported from a file")
    COMPUTED = "computed", _("Computed from the stories")


class Unit(models.TextChoices):
    """Units with a known range, so a value in the wrong unit is caught at entry."""

    PERCENT = "percent", _("percent (0–100)")
    COUNT = "count", _("number (count)")
    SCALE_1_5 = "scale_1_5", _("score on a 1–5 scale")
    SCALE_0_100 = "scale_0_100", _("position on a 0–100 scale")
    DKK = "dkk", _("Danish kroner")
    HOURS = "hours", _("hours")
    OTHER = "other", pgettext_lazy("unit", "other")


# How a value is written after the number ("42 %", "3.6 of 5"); "" = the number alone.
UNIT_SUFFIX: dict[str, str | _StrPromise] = {
    Unit.PERCENT: "%",
    Unit.COUNT: "",
    Unit.SCALE_1_5: _("of 5"),
    Unit.SCALE_0_100: _("of 100"),
    Unit.DKK: pgettext_lazy("currency after an amount", "kr."),
    Unit.HOURS: _("hours"),
    Unit.OTHER: "",
}

# The values each unit allows (inclusive); None = no bound.
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    Unit.PERCENT: (0.0, 100.0),
    Unit.COUNT: (0.0, None),
    Unit.SCALE_1_5: (1.0, 5.0),
    Unit.SCALE_0_100: (0.0, 100.0),
    Unit.DKK: (None, None),
    Unit.HOURS: (0.0, None),
    Unit.OTHER: (None, None),
}


class Measure(models.TextChoices):
    """What a computed indicator takes from the stories of a saved view."""

    ZONE_SHARE = "zone_share", _("Share of stories in a triad zone")
    CHOICE_SHARE = "choice_share", _("Share of stories with a choice")
    DYAD_MEDIAN = "dyad_median", _("Median position on a slider")
    TRIAD_CENTRE = "triad_centre", _("Centre of a triad: share of one corner")


# The unit a computed indicator's values are in.
MEASURE_UNITS = {
    Measure.ZONE_SHARE: Unit.PERCENT,
    Measure.CHOICE_SHARE: Unit.PERCENT,
    Measure.DYAD_MEDIAN: Unit.SCALE_0_100,
    Measure.TRIAD_CENTRE: Unit.PERCENT,
}


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    CUSTOM = "custom", _("Date ranges I choose")


class EvidenceKind(models.TextChoices):
    STORY = "story", _("Story from a collection")
    QUOTE = "quote", _("Quote from a workshop")
    INTERVIEW = "interview", _("Interview notes")
    DOCUMENT = "document", _("Document")
    MSC = "msc", _("Most Significant Change round")


class LearningKind(models.TextChoices):
    GOOD = "good", _("Good experience")
    BAD = "bad", _("Bad experience")
