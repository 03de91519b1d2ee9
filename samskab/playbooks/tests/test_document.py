"""The document structure: every block kind survives the JSON a version stores."""

from __future__ import annotations

import json
import typing

from samskab.playbooks.document import (
    Block,
    Document,
    Facts,
    Figure,
    Heading,
    Markdown,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
    block_text,
    from_json,
    to_json,
)

TABLE = Table("Tal", ("Gruppe", "Antal"), (("Borgere", "12"), ("Ansatte", "7")), numeric=(1,))
BLOCKS: tuple[Block, ...] = (
    Heading("Et mellemhoved", 4),
    Paragraph("Fakta fra registreringen."),
    Markdown("**Fed** tekst og <script>."),
    Facts((("Periode", "2026"), ("Ejer", "Udvalget"))),
    TABLE,
    Figure("fig-1", "Titel", "Alt-tekst", "<svg/>", 640, 260, "Figurtekst", TABLE),
    Quote("Vi plantede bede.", "En historie"),
    Note("Tallene er flyttet lidt."),
)


def test_every_block_kind_round_trips_through_json():
    kinds = {cls.__name__ for cls in typing.get_args(Block)}
    assert kinds == {type(b).__name__ for b in BLOCKS}  # a new kind must be added here
    document = Document(
        "Drejebog",
        "Undertitel",
        "Aarby Kommune",
        "Parken",
        "da",
        (Section("summary", "Resumé", BLOCKS, 1), Section("reflections", "R", (), 2, True, "?")),
        version="Version 1",
        colophon=(("Udgiver", "Aarby"),),
    )
    data = json.loads(json.dumps(to_json(document)))
    assert from_json(data) == document


def test_block_text_covers_every_kind():
    texts = [block_text(b) for b in BLOCKS]
    assert all(texts)
    assert (
        "Borgere | 12" in texts[4] and "Alt-tekst" in texts[5] and "»Vi plantede bede.«" in texts[6]
    )
