"""The draft as it was when a build was asked for: what a version is made from.

A build runs in the background; the facilitator may go on editing meanwhile. The build reads
this snapshot, never the live sections, so a version holds exactly what was asked for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from samskab.playbooks.models import Playbook
from samskab.playbooks.sections import ORDER


@dataclass(frozen=True)
class SectionDraft:
    key: str
    included: bool
    text: str


@dataclass(frozen=True)
class Draft:
    title: str
    subtitle: str
    empty_sections: str
    sections: tuple[SectionDraft, ...]
    quotes: tuple[int, ...]
    views: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        return cls(
            title=data["title"],
            subtitle=data["subtitle"],
            empty_sections=data["empty_sections"],
            sections=tuple(SectionDraft(**s) for s in data["sections"]),
            quotes=tuple(data["quotes"]),
            views=tuple(data["views"]),
        )

    def text_of(self, key: str) -> str:
        return next((s.text for s in self.sections if s.key == key), "")


def draft_of(playbook: Playbook) -> Draft:
    """The playbook's draft now: sections in the facilitator's order (unknown keys dropped)."""
    rows = [s for s in playbook.sections.all() if s.key in ORDER]
    return Draft(
        title=playbook.title,
        subtitle=playbook.subtitle,
        empty_sections=playbook.empty_sections,
        sections=tuple(SectionDraft(s.key, s.included, s.text) for s in rows),
        quotes=tuple(playbook.quotes.values_list("pk", flat=True)),
        views=tuple(playbook.saved_views.order_by("pk").values_list("pk", flat=True)),
    )
