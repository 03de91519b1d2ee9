"""The project's record as a playbook `Document`: generated structure and data, and the
texts people wrote.

Generated parts are only structure and data from the record; every sentence of interpretation
comes from a section's text, written by a person. A section without text is marked with the
question it asks, or left out when it has nothing else, as the facilitator chose.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import assert_never

from django.utils import translation

from samskab.explorer.models import SavedView
from samskab.playbooks.assemble import experience, project_parts, results
from samskab.playbooks.assemble.context import Progress, Record
from samskab.playbooks.assemble.draft import Draft, SectionDraft
from samskab.playbooks.document import Block, Document, Markdown, Section
from samskab.playbooks.markdown import is_blank
from samskab.playbooks.models import Branding, EmptySections, Playbook, PlaybookQuote
from samskab.playbooks.sections import PROMPTS, SectionKey

Builder = Callable[[Record], list[Block]]


def builder(key: SectionKey) -> Builder | None:  # noqa: C901 (one case per section)
    """What the record contributes to a section (None: the person's text only)."""
    match key:
        case SectionKey.SUMMARY:
            return project_parts.summary
        case SectionKey.PROBLEM:
            return project_parts.problem
        case SectionKey.PARTICIPANTS:
            return project_parts.participants
        case SectionKey.PROCESS:
            return project_parts.process
        case SectionKey.ALIGNMENT:
            return experience.alignment
        case SectionKey.RESULTS:
            return results.results
        case SectionKey.LEARNING:
            return experience.learning
        case SectionKey.RULES:
            return experience.rules
        case SectionKey.REFLECTIONS:
            return None
        case SectionKey.APPENDIX:
            return experience.appendix
        case _:
            assert_never(key)


def record_for(playbook: Playbook, draft: Draft, language: str) -> Record:
    org = playbook.organisation
    quotes = list(
        PlaybookQuote.objects.for_org(org)
        .filter(playbook=playbook, pk__in=draft.quotes)
        .select_related("story__collection", "story__version")
    )
    views = list(
        SavedView.objects.for_org(org)
        .filter(pk__in=draft.views, collection__instrument__project=playbook.project)
        .select_related("collection")
        .prefetch_related("observations")
        .order_by("created_at", "id")
    )
    return Record(playbook.project, language, quotes, views)


def _section(record: Record, part: SectionDraft, number: int, mark: bool) -> Section | None:
    key = SectionKey(part.key)
    build = builder(key)
    generated = build(record) if build is not None else []
    blank = is_blank(part.text)
    person: list[Block] = [] if blank else [Markdown(part.text.strip())]
    if blank and not generated and not mark:
        return None
    return Section(
        key=key.value,
        title=str(key.label),
        blocks=tuple(person + generated),
        number=number,
        empty=blank and mark,
        prompt=str(PROMPTS[key]) if blank and mark else "",
    )


def assemble(
    playbook: Playbook,
    draft: Draft,
    *,
    language: str,
    version: str = "",
    published: str = "",
    progress: Progress | None = None,
) -> Document:
    with translation.override(language):
        record = record_for(playbook, draft, language)
        mark = draft.empty_sections == EmptySections.MARK
        included = [s for s in draft.sections if s.included and s.key in SectionKey.values]
        sections: list[Section] = []
        for index, part in enumerate(included):
            section = _section(record, part, len(sections) + 1, mark)
            if section is not None:
                sections.append(section)
            if progress is not None:
                progress(5 + 55 * (index + 1) // max(len(included), 1), part.key)
        return Document(
            title=draft.title,
            subtitle=draft.subtitle,
            organisation=playbook.organisation.name,
            project=playbook.project.title,
            language=language,
            sections=tuple(sections),
            version=version,
            published=published,
            logo=logo_uri(playbook),
        )


def logo_uri(playbook: Playbook) -> str:
    branding = Branding.objects.filter(organisation=playbook.organisation).first()
    if branding is None:
        return ""
    data = base64.b64encode(bytes(branding.logo)).decode("ascii")
    return f"data:{branding.logo_type};base64,{data}"
