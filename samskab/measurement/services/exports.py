"""A project's whole measurement record as plain tables, for the XLSX and JSON exports.

Each part (plan, goals, goal revisions, indicators, measurements, evidence, Most Significant
Change results, unplanned gains, learning log, milestones) is a list of rows with stable English
keys; the views only write them out. Rows hold plain values: text, numbers, dates, lists of text
and choice codes (a column that names its choices lets the spreadsheet show their labels).

Privacy: individual stories (masked) are included only when the reader may read stories
(Perm.READ_STORIES); otherwise the cell is empty and a note says why. Most Significant Change
results never name panel members: reasons carry only their group.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.assessments.content import INGREDIENTS
from samskab.explorer.services.query import threshold
from samskab.measurement.content import (
    PLAN_QUESTIONS,
    Direction,
    EvidenceKind,
    GoalKind,
    GoalStatus,
    IndicatorSource,
    LearningKind,
    Measure,
    PeriodKind,
    Unit,
    ValueKind,
    ValueLevel,
)
from samskab.measurement.models import (
    Evidence,
    Goal,
    GoalRevision,
    Indicator,
    LearningEntry,
    Measurement,
    Milestone,
    MscRound,
    PlanAnswer,
    UnplannedGain,
)
from samskab.measurement.services import computed
from samskab.measurement.services.msc import MscResult, RankedStory, result
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SCHEMA_VERSION = 1

Cell = str | int | float | bool | datetime.date | datetime.datetime | list[str] | None
Row = dict[str, Cell]

STORY_NOT_SHOWN = _("Not included: your role sees results, not individual stories.")


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    # Labels of a code column's codes: the spreadsheet shows them, JSON keeps the codes.
    choices: Mapping[str, StrOrPromise] | None = None


def _labels(choices: type[models.TextChoices]) -> dict[str, StrOrPromise]:
    return {choice.value: choice.label for choice in choices}


INGREDIENT_LABELS: dict[str, StrOrPromise] = {item.code: item.label for item in INGREDIENTS}


@dataclass
class Part:
    key: str
    title: StrOrPromise  # a sheet name: at most 31 characters in any language
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)


@dataclass
class MeasurementRecord:
    project: Project
    exported_at: datetime.datetime
    stories_included: bool
    parts: list[Part]

    def about(self) -> Row:
        return {
            "id": self.project.pk,
            "title": self.project.title,
            "start_date": self.project.start_date,
            "end_date": self.project.end_date,
        }


def _who(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def _titles(items: models.QuerySet[models.Model] | list[models.Model]) -> list[str]:
    return [str(item) for item in items]


class _WithheldTexts(dict[str, str]):
    """A withheld period's reason code → the sentence the indicator page shows for it."""

    def __missing__(self, code: str) -> str:
        text = render_to_string("measurement/partials/_withheld.html", {"reason": code}).strip()
        self[code] = text
        return text


# The parts --------------------------------------------------------------------------------


PLAN_COLUMNS = [
    Column("question", _("Question code")),
    Column("question_text", _("Question")),
    Column("answer", _("Answer")),
    Column("current", _("Current answer")),
    Column("author", _("Written by")),
    Column("written_at", _("Written")),
    Column("goals", _("Goals")),
    Column("indicators", _("Indicators")),
]


def _plan(project: Project) -> list[Row]:
    """Every answer, question by question in the plan's order, the current answer first."""
    order = {question.code: i for i, question in enumerate(PLAN_QUESTIONS)}
    texts = {question.code: str(question.text) for question in PLAN_QUESTIONS}
    answers = sorted(
        PlanAnswer.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("author")
        .prefetch_related("goals", "indicators"),
        key=lambda a: (order.get(a.question, len(order)), -a.created_at.timestamp(), -a.pk),
    )
    rows: list[Row] = []
    seen: set[str] = set()
    for answer in answers:
        rows.append(
            {
                "question": answer.question,
                "question_text": texts.get(answer.question, ""),
                "answer": answer.text,
                "current": answer.question not in seen,
                "author": _who(answer.author),
                "written_at": answer.created_at,
                "goals": _titles(list(answer.goals.all())),
                "indicators": _titles(list(answer.indicators.all())),
            }
        )
        seen.add(answer.question)
    return rows


GOAL_COLUMNS = [
    Column("id", _("Goal id")),
    Column("kind", _("Kind of goal"), _labels(GoalKind)),
    Column("title", _("Goal")),
    Column("description", _("Description")),
    Column("status", _("Status"), _labels(GoalStatus)),
    Column("levels", _("Levels"), _labels(ValueLevel)),
    Column("value_kinds", _("Kinds of value"), _labels(ValueKind)),
    Column("political_goals", _("Political goals it serves")),
    Column("owner", _("Owner")),
    Column("revisions", _("Earlier wordings")),
    Column("created_at", _("Created")),
    Column("updated_at", _("Updated")),
]


def _goals(project: Project) -> list[Row]:
    goals = (
        Goal.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("owner_actor")
        .prefetch_related("political_goals")
        .annotate(revision_count=models.Count("revisions"))
    )
    return [
        {
            "id": goal.pk,
            "kind": goal.kind,
            "title": goal.title,
            "description": goal.description,
            "status": goal.status,
            "levels": list(goal.levels),
            "value_kinds": list(goal.value_kinds),
            "political_goals": _titles(list(goal.political_goals.all())),
            "owner": _owner(goal),
            "revisions": goal.revision_count,
            "created_at": goal.created_at,
            "updated_at": goal.updated_at,
        }
        for goal in goals
    ]


def _owner(goal: Goal) -> str:
    if goal.owner_actor is not None:
        return goal.owner_actor.name
    if goal.owner_group in ActorRole.values:
        return str(ActorRole(goal.owner_group).label)
    return ""


REVISION_COLUMNS = [
    Column("goal_id", _("Goal id")),
    Column("goal", _("Goal now")),
    Column("title", _("Earlier wording")),
    Column("description", _("Earlier description")),
    Column("reason", _("Why it changed")),
    Column("changed_by", _("Changed by")),
    Column("changed_at", _("Changed")),
]


def _revisions(project: Project) -> list[Row]:
    revisions = (
        GoalRevision.objects.for_org(project.organisation)
        .filter(goal__project=project)
        .select_related("goal", "changed_by")
        .order_by("goal__kind", "goal__title", "goal_id", "changed_at", "id")
    )
    return [
        {
            "goal_id": revision.goal_id,
            "goal": revision.goal.title,
            "title": revision.title,
            "description": revision.description,
            "reason": revision.reason,
            "changed_by": _who(revision.changed_by),
            "changed_at": revision.changed_at,
        }
        for revision in revisions
    ]


INDICATOR_COLUMNS = [
    Column("id", _("Indicator id")),
    Column("goal_id", _("Goal id")),
    Column("goal", _("Goal")),
    Column("title", _("Indicator")),
    Column("description", _("Description")),
    Column("unit", _("Unit"), _labels(Unit)),
    Column("unit_label", _("Name of the unit")),
    Column("direction", _("Direction"), _labels(Direction)),
    Column("level", _("Level"), _labels(ValueLevel)),
    Column("baseline_value", _("Baseline value")),
    Column("baseline_date", _("Baseline date")),
    Column("target_value", _("Target value")),
    Column("target_date", _("Target date")),
    Column("data_source", _("Data source")),
    Column("owner", _("Who measures")),
    Column("source", _("How values arrive"), _labels(IndicatorSource)),
    Column("measure", _("Measure"), _labels(Measure)),
    Column("saved_view", _("Saved view")),
    Column("period_kind", _("Periods"), _labels(PeriodKind)),
]


def _indicators(project: Project) -> list[Row]:
    indicators = (
        Indicator.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("goal", "saved_view")
    )
    return [
        {
            "id": ind.pk,
            "goal_id": ind.goal_id,
            "goal": ind.goal.title,
            "title": ind.title,
            "description": ind.description,
            "unit": ind.unit,
            "unit_label": ind.unit_label,
            "direction": ind.direction,
            "level": ind.level,
            "baseline_value": ind.baseline_value,
            "baseline_date": ind.baseline_date,
            "target_value": ind.target_value,
            "target_date": ind.target_date,
            "data_source": ind.data_source,
            "owner": ind.owner,
            "source": ind.source,
            "measure": ind.measure,
            "saved_view": str(ind.saved_view) if ind.saved_view else "",
            "period_kind": ind.period_kind,
        }
        for ind in indicators
    ]


MEASUREMENT_COLUMNS = [
    Column("id", _("Measurement id")),
    Column("indicator_id", _("Indicator id")),
    Column("indicator", _("Indicator")),
    Column("period_start", _("Period from")),
    Column("period_end", _("Period to")),
    Column("value", _("Value")),
    Column("lower", _("Lower bound (95 %)")),
    Column("upper", _("Upper bound (95 %)")),
    Column("n", _("Number of stories")),
    Column("withheld", _("Withheld (reason code)")),
    Column("withheld_reason", _("Withheld because")),
    Column("note", _("Note")),
    Column("source", _("Source"), _labels(IndicatorSource)),
    Column("document", _("Evidence attached")),
    Column("entered_by", _("Entered by")),
    Column("entered_at", _("Entered")),
]


def _measurements(project: Project, read_stories: bool) -> list[Row]:
    """Every measurement; a computed n is perturbed unless the reader may read stories."""
    k = threshold(project.organisation)
    measurements = (
        Measurement.objects.for_org(project.organisation)
        .filter(indicator__project=project)
        .select_related("indicator", "entered_by", "attachment")
        .defer("attachment__data")
        .order_by("indicator__goal_id", "indicator__title", "indicator_id", "period_start", "id")
    )
    reasons = _WithheldTexts()
    return [
        {
            "id": m.pk,
            "indicator_id": m.indicator_id,
            "indicator": m.indicator.title,
            "period_start": m.period_start,
            "period_end": m.period_end,
            "value": m.value,
            "lower": m.lower,
            "upper": m.upper,
            "n": m.shown_n(read_stories, k),
            "withheld": m.withheld,
            "withheld_reason": reasons[m.withheld] if m.withheld else "",
            "note": m.note,
            "source": m.source,
            "document": m.attachment.name if m.attachment else "",
            "entered_by": _who(m.entered_by),
            "entered_at": m.created_at,
        }
        for m in measurements
    ]


EVIDENCE_COLUMNS = [
    Column("id", _("Evidence id")),
    Column("goal_id", _("Goal id")),
    Column("goal", _("Goal")),
    Column("kind", _("Kind"), _labels(EvidenceKind)),
    Column("title", _("Title")),
    Column("text", _("Text")),
    Column("not_shown", _("Not included")),
    Column("msc_round", _("Most Significant Change round")),
    Column("document", _("Document")),
    Column("levels", _("Levels"), _labels(ValueLevel)),
    Column("value_kinds", _("Kinds of value"), _labels(ValueKind)),
    Column("ingredients", _("Ingredients of co-creation"), INGREDIENT_LABELS),
    Column("why", _("Why it matters")),
    Column("added_by", _("Added by")),
    Column("added_at", _("Added")),
]


def _evidence_text(item: Evidence, read_stories: bool) -> tuple[str, str]:
    """(text, why it is empty): a story's masked text only for those who may read stories."""
    if item.kind != EvidenceKind.STORY:
        return item.text, ""
    if not read_stories:
        return "", str(STORY_NOT_SHOWN)
    return (item.story.text if item.story else item.text), ""


def _evidence(project: Project, read_stories: bool) -> list[Row]:
    items = (
        Evidence.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("goal", "msc_round", "attachment", "added_by", "story")
        .defer("attachment__data", "story__text_raw", "story__answers")
        .order_by("created_at", "id")
    )
    rows: list[Row] = []
    for item in items:
        text, not_shown = _evidence_text(item, read_stories)
        rows.append(
            {
                "id": item.pk,
                "goal_id": item.goal_id,
                "goal": item.goal.title if item.goal else "",
                "kind": item.kind,
                "title": item.title,
                "text": text,
                "not_shown": not_shown,
                "msc_round": item.msc_round.title if item.msc_round else "",
                "document": item.attachment.name if item.attachment else "",
                "levels": list(item.levels),
                "value_kinds": list(item.value_kinds),
                "ingredients": list(item.ingredients),
                "why": item.why,
                "added_by": _who(item.added_by),
                "added_at": item.created_at,
            }
        )
    return rows


MSC_COLUMNS = [
    Column("round_id", _("Round id")),
    Column("round", _("Round")),
    Column("collection", _("Collection")),
    Column("question", _("Question to the panel")),
    Column("is_open", _("Open for choices")),
    Column("closed_at", _("Closed")),
    Column("ballots", _("Ballots")),
    Column("member_ballots", _("Ballots of project members")),
    Column("link_ballots", _("Ballots through the link")),
    Column("conclusion", _("What the panel concluded")),
    Column("story_number", _("Story number")),
    Column("picks", _("Picks")),
    Column("member_picks", _("Picks by project members")),
    Column("link_picks", _("Picks through the link")),
    Column("reasons", _("Reasons (by group)")),
    Column("story_text", _("Story (masked)")),
    Column("not_shown", _("Not included")),
]


def _msc_row(outcome: MscResult, item: RankedStory | None, read_stories: bool) -> Row:
    msc_round = outcome.round
    row: Row = {
        "round_id": msc_round.pk,
        "round": msc_round.title,
        "collection": msc_round.collection.name,
        "question": msc_round.question,
        "is_open": msc_round.is_open,
        "closed_at": msc_round.closed_at,
        "ballots": outcome.ballots,
        "member_ballots": outcome.member_ballots,
        "link_ballots": outcome.link_ballots,
        "conclusion": msc_round.conclusion,
        "story_number": None,
        "picks": None,
        "member_picks": None,
        "link_picks": None,
        "reasons": [],
        "story_text": "",
        "not_shown": "",
    }
    if item is not None:
        row.update(
            story_number=item.number,
            picks=item.picks,
            member_picks=item.member_picks,
            link_picks=item.link_picks,
            reasons=[f"{reason.group_label}: {reason.text}" for reason in item.reasons],
            story_text=item.story.text if read_stories else "",
            not_shown="" if read_stories else str(STORY_NOT_SHOWN),
        )
    return row


def _msc(project: Project, read_stories: bool) -> list[Row]:
    """One row per shortlisted story of each round, most picked first; never a member's name."""
    rounds = (
        MscRound.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("collection", "organisation")
        .order_by("created_at", "id")
    )
    rows: list[Row] = []
    for msc_round in rounds:
        outcome = result(msc_round)
        items: list[RankedStory | None] = list(outcome.ranking) or [None]
        rows += [_msc_row(outcome, item, read_stories) for item in items]
    return rows


GAIN_COLUMNS = [
    Column("id", _("Gain id")),
    Column("title", _("Gain")),
    Column("description", _("What happened")),
    Column("noticed_on", _("Noticed on")),
    Column("evidence", _("What shows it")),
    Column("levels", _("Levels"), _labels(ValueLevel)),
    Column("value_kinds", _("Kinds of value"), _labels(ValueKind)),
    Column("promoted_to_id", _("Goal id it became")),
    Column("promoted_to", _("Goal it became")),
    Column("created_by", _("Noted by")),
    Column("created_at", _("Created")),
]


def _gains(project: Project) -> list[Row]:
    gains = (
        UnplannedGain.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("promoted_to", "created_by")
        .order_by("noticed_on", "id")
    )
    return [
        {
            "id": gain.pk,
            "title": gain.title,
            "description": gain.description,
            "noticed_on": gain.noticed_on,
            "evidence": gain.evidence,
            "levels": list(gain.levels),
            "value_kinds": list(gain.value_kinds),
            "promoted_to_id": gain.promoted_to_id,
            "promoted_to": gain.promoted_to.title if gain.promoted_to else "",
            "created_by": _who(gain.created_by),
            "created_at": gain.created_at,
        }
        for gain in gains
    ]


LEARNING_COLUMNS = [
    Column("id", _("Entry id")),
    Column("date", _("Date")),
    Column("kind", _("Kind"), _labels(LearningKind)),
    Column("title", _("In a sentence")),
    Column("experience", _("What happened")),
    Column("adjustment", _("What we adjusted")),
    Column("activities", _("Activities")),
    Column("goals", _("Goals")),
    Column("author", _("Written by")),
    Column("created_at", _("Created")),
]


def _learning(project: Project) -> list[Row]:
    entries = (
        LearningEntry.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("author")
        .prefetch_related("activities", "goals")
        .order_by("date", "id")
    )
    return [
        {
            "id": entry.pk,
            "date": entry.date,
            "kind": entry.kind,
            "title": entry.title,
            "experience": entry.experience,
            "adjustment": entry.adjustment,
            "activities": _titles(list(entry.activities.all())),
            "goals": _titles(list(entry.goals.all())),
            "author": _who(entry.author),
            "created_at": entry.created_at,
        }
        for entry in entries
    ]


MILESTONE_COLUMNS = [
    Column("id", _("Milestone id")),
    Column("title", _("Milestone")),
    Column("due_date", _("Expected by")),
    Column("goal_id", _("Goal id")),
    Column("goal", _("Goal")),
    Column("indicator_id", _("Indicator id")),
    Column("indicator", _("Indicator")),
    Column("threshold", _("Value that marks it")),
    Column("reached_on", _("Reached on")),
    Column("celebration", _("How we celebrate")),
]


def _milestones(project: Project) -> list[Row]:
    milestones = (
        Milestone.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("goal", "indicator")
        .order_by("due_date", "reached_on", "id")
    )
    return [
        {
            "id": ms.pk,
            "title": ms.title,
            "due_date": ms.due_date,
            "goal_id": ms.goal_id,
            "goal": ms.goal.title if ms.goal else "",
            "indicator_id": ms.indicator_id,
            "indicator": ms.indicator.title if ms.indicator else "",
            "threshold": ms.threshold,
            "reached_on": ms.reached_on,
            "celebration": ms.celebration,
        }
        for ms in milestones
    ]


def record(project: Project, *, read_stories: bool) -> MeasurementRecord:
    """The project's whole measurement record; story texts only when ``read_stories``."""
    computed.refresh_project(project)  # computed indicators up to date with their collection
    parts = [
        Part("plan", _("Plan"), PLAN_COLUMNS, _plan(project)),
        Part("goals", _("Goals"), GOAL_COLUMNS, _goals(project)),
        Part("goal_revisions", _("Goal revisions"), REVISION_COLUMNS, _revisions(project)),
        Part("indicators", _("Indicators"), INDICATOR_COLUMNS, _indicators(project)),
        Part(
            "measurements",
            _("Measurements"),
            MEASUREMENT_COLUMNS,
            _measurements(project, read_stories),
        ),
        Part("evidence", _("Evidence"), EVIDENCE_COLUMNS, _evidence(project, read_stories)),
        Part("msc", _("MSC rounds"), MSC_COLUMNS, _msc(project, read_stories)),
        Part("unplanned_gains", _("Unplanned gains"), GAIN_COLUMNS, _gains(project)),
        Part("learning", _("Learning log"), LEARNING_COLUMNS, _learning(project)),
        Part("milestones", _("Milestones"), MILESTONE_COLUMNS, _milestones(project)),
    ]
    return MeasurementRecord(
        project=project,
        exported_at=timezone.now(),
        stories_included=read_stories,
        parts=parts,
    )
