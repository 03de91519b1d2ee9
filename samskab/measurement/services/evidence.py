"""Qualitative evidence: adding and deleting it, and reading it for the pages that show it.

A story's text is shown only to members who may read stories (``Perm.READ_STORIES``), and only
masked (``Story.text``, never ``text_raw``). Pages build what they show with ``shown()``, which
applies that rule once; templates never reach into ``evidence.story`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskab.assessments.content import INGREDIENT_CODES, INGREDIENTS
from samskab.measurement.content import EvidenceKind, ValueKind, ValueLevel
from samskab.measurement.models import Evidence, Goal, MscRound
from samskab.measurement.services import attachments, audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.utils.functional import _StrPromise

    from samskab.instruments.models import Story
    from samskab.projects.models import Project

LEVEL_LABELS = dict(ValueLevel.choices)
VALUE_KIND_LABELS = dict(ValueKind.choices)
INGREDIENT_LABELS = {item.code: item.label for item in INGREDIENTS}


class EvidenceError(ValueError):
    """Evidence that cannot be stored (a row of another project), with a translated message."""

    def __init__(self, message: str | _StrPromise) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class NewEvidence:
    """Cleaned data of one piece of evidence (the form checks it; the service re-checks scope)."""

    kind: str
    title: str
    why: str
    goal: Goal | None = None
    text: str = ""
    story: Story | None = None
    msc_round: MscRound | None = None
    document: attachments.CheckedFile | None = None
    levels: list[str] = field(default_factory=list)
    value_kinds: list[str] = field(default_factory=list)
    ingredients: list[str] = field(default_factory=list)


def story_of_project(project: Project, story: Story) -> bool:
    """Whether ``story`` belongs to a collection of one of ``project``'s instruments."""
    return (
        story.organisation_id == project.organisation_id
        and story.collection.instrument.project_id == project.pk
    )


def _check_scope(project: Project, new: NewEvidence) -> None:
    if new.goal is not None and new.goal.project_id != project.pk:
        raise EvidenceError(_("The goal belongs to another project."))
    if new.msc_round is not None and new.msc_round.project_id != project.pk:
        raise EvidenceError(_("The Most Significant Change round belongs to another project."))
    if new.story is not None and not story_of_project(project, new.story):
        raise EvidenceError(_("The story was not collected by this project."))


@transaction.atomic
def add_evidence(
    project: Project, new: NewEvidence, actor: User | AnonymousUser | None
) -> Evidence:
    """Store a piece of evidence (and its document), audited. A story's level is used when no
    level is chosen, so the evidence shows on that level of the value-creation view."""
    _check_scope(project, new)
    levels = list(new.levels)
    if not levels and new.story is not None and new.story.level:
        levels = [new.story.level]
    attachment = None
    if new.document is not None:
        attachment = attachments.save(project, new.document, actor)
    evidence = Evidence.objects.create(
        organisation=project.organisation,
        project=project,
        goal=new.goal,
        kind=new.kind,
        title=new.title,
        text=new.text,
        story=new.story,
        msc_round=new.msc_round,
        attachment=attachment,
        levels=levels,
        value_kinds=list(new.value_kinds),
        ingredients=list(new.ingredients),
        why=new.why,
        added_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.record(actor, "created", evidence, project=project.pk, kind=evidence.kind)
    return evidence


@transaction.atomic
def delete_evidence(evidence: Evidence, actor: User | AnonymousUser | None) -> None:
    """Delete a piece of evidence, audited, and its document unless something else uses it."""
    document = evidence.attachment
    audit.record(actor, "deleted", evidence, project=evidence.project_id, kind=evidence.kind)
    evidence.delete()
    if document is not None:
        attachments.delete_unused(document, actor)


# --- Reading -----------------------------------------------------------------------------------


def evidence_queryset(project: Project) -> QuerySet[Evidence]:
    """The project's evidence with everything the pages show in one query (documents without
    their content)."""
    return (
        Evidence.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("goal", "story", "story__collection", "msc_round", "attachment", "added_by")
        .defer("attachment__data", "story__text_raw", "story__answers")
    )


def evidence_for(
    project: Project,
    *,
    goal: Goal | None = None,
    kind: str = "",
    level: str = "",
    value_kind: str = "",
    ingredient: str = "",
) -> list[Evidence]:
    """The project's evidence, newest first, optionally filtered (levels, kinds of value and
    ingredients are lists in a JSON field, so those filters run in Python on every database)."""
    queryset = evidence_queryset(project)
    if goal is not None:
        queryset = queryset.filter(goal=goal)
    if kind:
        queryset = queryset.filter(kind=kind)
    return [
        e
        for e in queryset
        if (not level or level in e.levels)
        and (not value_kind or value_kind in e.value_kinds)
        and (not ingredient or ingredient in e.ingredients)
    ]


def group(
    items: Iterable[Evidence], attribute: str, keys: Iterable[str]
) -> dict[str, list[Evidence]]:
    """``{key: [evidence tagged with key]}`` for every key (empty lists included), by the list in
    ``attribute`` ("levels", "value_kinds" or "ingredients")."""
    grouped: dict[str, list[Evidence]] = {key: [] for key in keys}
    for item in items:
        for key in getattr(item, attribute) or []:
            if key in grouped:
                grouped[key].append(item)
    return grouped


def by_level(project: Project) -> dict[str, list[Evidence]]:
    return group(evidence_for(project), "levels", ValueLevel.values)


def by_value_kind(project: Project) -> dict[str, list[Evidence]]:
    return group(evidence_for(project), "value_kinds", ValueKind.values)


def by_ingredient(project: Project) -> dict[str, list[Evidence]]:
    return group(evidence_for(project), "ingredients", INGREDIENT_CODES)


def story_evidence_visible(evidence: Evidence, may_read_stories: bool) -> bool:
    """Whether the reader may see the story behind ``evidence`` (always true for other kinds)."""
    return evidence.kind != EvidenceKind.STORY or may_read_stories


@dataclass(frozen=True)
class Shown:
    """One piece of evidence as a given reader may see it."""

    evidence: Evidence
    # The quote or notes, or a story's masked text for a reader of stories; "" otherwise.
    text: str
    story_hidden: bool
    story_level: str
    collection: str
    levels: list[str]
    value_kinds: list[str]
    ingredients: list[str]
    # What a document is called for people ("PDF document"); "" for other kinds.
    document_type: str = ""


def shown(evidence: Evidence, may_read_stories: bool) -> Shown:
    """What a reader sees of ``evidence``: a viewer gets only the collection's name of a story."""
    story = evidence.story
    visible = story_evidence_visible(evidence, may_read_stories)
    if evidence.kind == EvidenceKind.STORY:
        text = story.text if story is not None and visible else ""
    else:
        text = evidence.text
    level = story.level if story is not None and visible else ""
    return Shown(
        evidence=evidence,
        text=text,
        story_hidden=not visible,
        story_level=str(LEVEL_LABELS.get(level, "")),
        collection=story.collection.name if story is not None else "",
        levels=[str(LEVEL_LABELS.get(key, key)) for key in evidence.levels],
        value_kinds=[str(VALUE_KIND_LABELS.get(key, key)) for key in evidence.value_kinds],
        ingredients=[str(INGREDIENT_LABELS.get(key, key)) for key in evidence.ingredients],
        document_type=(
            attachments.type_label(evidence.attachment.content_type) if evidence.attachment else ""
        ),
    )
