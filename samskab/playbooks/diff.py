"""What changed between two versions of a playbook, section by section.

Sections are matched by key; within a section, paragraphs (blocks as plain text, split on blank
lines) are compared with difflib, and long runs of unchanged paragraphs are folded so the page
shows the changes, not the whole book. Plain Python, no Django.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from samskab.playbooks.document import Document, Markdown, Section, block_text
from samskab.playbooks.markdown import plain_paragraphs

State = Literal["added", "removed", "changed", "same"]
CONTEXT = 1  # unchanged paragraphs kept on each side of a change


Part = tuple[Literal["same", "added", "removed"], str]


@dataclass(frozen=True)
class Line:
    kind: Literal["same", "added", "removed", "changed", "folded"]
    text: str
    count: int = 0  # for "folded": how many unchanged paragraphs
    parts: tuple[Part, ...] = ()  # for "changed": the words kept, removed and added


@dataclass
class SectionChange:
    key: str
    title: str
    state: State
    lines: list[Line] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(1 for line in self.lines if line.kind in ("added", "changed"))

    @property
    def removed(self) -> int:
        return sum(1 for line in self.lines if line.kind == "removed")


def paragraphs(section: Section | None) -> list[str]:
    """A section as the paragraphs a reader sees: a person's Markdown without its marks,
    generated blocks as their text."""
    if section is None:
        return []
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, Markdown):
            out += plain_paragraphs(block.source)
        else:
            out += [" ".join(p.split()) for p in block_text(block).split("\n\n") if p.strip()]
    return out


def compare(old: Document, new: Document) -> list[SectionChange]:
    """Every section of either version in the new version's order, removed ones after."""
    before = {s.key: s for s in old.sections}
    after = {s.key: s for s in new.sections}
    keys = [s.key for s in new.sections] + [k for k in before if k not in after]
    changes = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        either = b or a
        title = either.title if either is not None else key
        changes.append(_section_change(key, title, a, b))
    return changes


def _section_change(key: str, title: str, a: Section | None, b: Section | None) -> SectionChange:
    old, new = paragraphs(a), paragraphs(b)
    if a is None:
        return SectionChange(key, title, "added", [Line("added", p) for p in new])
    if b is None:
        return SectionChange(key, title, "removed", [Line("removed", p) for p in old])
    if old == new:
        return SectionChange(key, title, "same")
    return SectionChange(key, title, "changed", _fold(_lines(old, new)))


def _lines(old: list[str], new: list[str]) -> list[Line]:
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [Line("same", p) for p in old[i1:i2]]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            lines += [_reworded(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            lines += [Line("removed", p) for p in old[i1:i2]]
            lines += [Line("added", p) for p in new[j1:j2]]
    return lines


def _reworded(old: str, new: str) -> Line:
    """One paragraph changed in place: its words kept, removed and added (or, when little is
    left of it, simply the old one removed and the new one added)."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < 0.5:
        return Line("changed", new, parts=(("removed", old), ("added", new)))
    parts: list[Part] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(b[j1:j2])))
    return Line("changed", new, parts=tuple(parts))


def _fold(lines: list[Line]) -> list[Line]:
    """Keep CONTEXT unchanged paragraphs around each change; fold the rest into a count."""
    near: set[int] = set()
    for index, line in enumerate(lines):
        if line.kind != "same":
            near.update(range(index - CONTEXT, index + CONTEXT + 1))
    out: list[Line] = []
    folded = 0
    for index, line in enumerate(lines):
        if line.kind == "same" and index not in near:
            folded += 1
            continue
        if folded:
            out.append(Line("folded", "", folded))
            folded = 0
        out.append(line)
    if folded:
        out.append(Line("folded", "", folded))
    return out
