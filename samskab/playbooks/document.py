"""A playbook as a document: sections of typed blocks, the one thing every output renders.

The HTML page, the PDF (the same templates through WeasyPrint) and the Word document all read
this structure, so they cannot disagree. It is plain data: no Django, no database. A version
stores it as JSON (`to_json` / `from_json`), which is what the page comparing two versions reads.

Text in a block is plain text, escaped by each renderer; the only markup is a person's Markdown
(`Markdown.source`), which `playbooks.markdown` renders and sanitises.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, assert_never


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (level 3 under the section's level 2)."""

    text: str
    level: Literal[3, 4] = 3
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True)
class Paragraph:
    """Generated plain text: a fact from the record, never an interpretation."""

    text: str
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Markdown:
    """What a person wrote, in Markdown (rendered and sanitised by `playbooks.markdown`)."""

    source: str
    kind: Literal["markdown"] = "markdown"


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (a description list): dates, owners, methods."""

    rows: tuple[tuple[str, str], ...]
    kind: Literal["facts"] = "facts"


@dataclass(frozen=True)
class Table:
    """A data table with a caption and a header row; `numeric` marks right-aligned columns."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    kind: Literal["table"] = "table"


@dataclass(frozen=True)
class Figure:
    """A chart: a standalone SVG (presentation attributes only, no CSS classes or scripts),
    its text alternative, a caption and optionally the figures behind it as a table."""

    ident: str
    title: str
    alt: str
    svg: str
    width: int
    height: int
    caption: str = ""
    table: Table | None = None
    kind: Literal["figure"] = "figure"


@dataclass(frozen=True)
class Quote:
    """A published excerpt of a story (masked, checked by the disclosure gate) or a vote's
    reason, with where it comes from."""

    text: str
    source: str
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True)
class Note:
    """A remark about the figures (perturbed counts, groups left out), set apart."""

    text: str
    kind: Literal["note"] = "note"


Block = Heading | Paragraph | Markdown | Facts | Table | Figure | Quote | Note


@dataclass(frozen=True)
class Section:
    """One chapter. `empty` with `prompt`: nobody has written it yet and the facilitator chose
    to mark it rather than leave it out."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    number: int = 0
    empty: bool = False
    prompt: str = ""

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    organisation: str
    project: str
    language: str
    sections: tuple[Section, ...]
    version: str = ""  # "Version 2", or "Kladde" for a draft
    published: str = ""  # the publication date as shown, empty for a draft
    colophon: tuple[tuple[str, str], ...] = ()
    logo: str = ""  # a data: URI of the organisation's logo, empty when there is none

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]


_BLOCKS: dict[str, type[Any]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "markdown": Markdown,
    "facts": Facts,
    "table": Table,
    "figure": Figure,
    "quote": Quote,
    "note": Note,
}


def block_text(block: Block) -> str:
    """A block as plain text, for comparing versions and for search."""
    match block:
        case Heading() | Paragraph() | Note():
            return block.text
        case Markdown():
            return block.source
        case Facts():
            return "\n".join(f"{label}: {value}" for label, value in block.rows)
        case Table():
            return table_text(block)
        case Figure():
            table = table_text(block.table) if block.table else ""
            return "\n".join(x for x in (block.title, block.alt, block.caption, table) if x)
        case Quote():
            return f"»{block.text}« ({block.source})"
        case _:
            assert_never(block)


def table_text(table: Table) -> str:
    lines = [table.caption, " | ".join(table.head)]
    lines += [" | ".join(row) for row in table.rows]
    return "\n".join(lines)


def section_text(section: Section) -> str:
    return "\n\n".join(block_text(b) for b in section.blocks)


def to_json(document: Document) -> dict[str, Any]:
    return dataclasses.asdict(document)


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _block(data: dict[str, Any]) -> Block:
    cls = _BLOCKS[data["kind"]]
    values = {k: _tuples(v) for k, v in data.items()}
    if cls is Figure and data.get("table"):
        values["table"] = _block(data["table"])
    block: Block = cls(**values)
    return block


def from_json(data: dict[str, Any]) -> Document:
    sections = tuple(
        Section(**{**s, "blocks": tuple(_block(b) for b in s["blocks"])}) for s in data["sections"]
    )
    values = {k: _tuples(v) for k, v in data.items() if k != "sections"}
    return Document(**values, sections=sections)
