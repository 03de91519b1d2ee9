"""Comparing two versions section by section (plain Python)."""

from __future__ import annotations

from samskab.playbooks.diff import compare
from samskab.playbooks.document import Document, Markdown, Paragraph, Section


def _doc(*sections):
    return Document("T", "", "Org", "P", "da", tuple(sections))


def _section(key, *texts):
    return Section(key, key.title(), tuple(Markdown(t) for t in texts))


def test_unchanged_added_removed_and_changed_sections():
    old = _doc(_section("summary", "A"), _section("results", "x", "y", "z"), _section("gone", "q"))
    new = _doc(_section("summary", "A"), _section("results", "x", "Y!", "z"), _section("new", "n"))
    changes = {c.key: c for c in compare(old, new)}
    assert changes["summary"].state == "same" and not changes["summary"].lines
    assert changes["new"].state == "added" and changes["new"].lines[0].text == "n"
    assert changes["gone"].state == "removed"
    results = changes["results"]
    assert results.state == "changed"
    assert [(line.kind, line.text) for line in results.lines] == [
        ("same", "x"),
        ("changed", "Y!"),  # nothing of "y" is left: the old removed, the new added
        ("same", "z"),
    ]
    assert results.lines[1].parts == (("removed", "y"), ("added", "Y!"))
    # The removed section comes last, after the new version's order.
    assert [c.key for c in compare(old, new)] == ["summary", "results", "new", "gone"]


def test_long_unchanged_runs_are_folded_with_their_count():
    body = [f"Afsnit {i}." for i in range(20)]
    changed = [*body[:10], "Et nyt afsnit.", *body[10:]]
    old = _doc(Section("process", "Process", (Markdown("\n\n".join(body)),)))
    new = _doc(Section("process", "Process", (Markdown("\n\n".join(changed)),)))
    (change,) = compare(old, new)
    kinds = [line.kind for line in change.lines]
    assert kinds == ["folded", "same", "added", "same", "folded"]
    assert change.lines[0].count == 9 and change.lines[-1].count == 9
    assert change.added == 1 and change.removed == 0


def test_a_reworded_paragraph_shows_the_words_that_changed_without_markdown_marks():
    old = _doc(_section("summary", "**Det gjorde vi.** Vi holdt otte møder i parken."))
    new = _doc(_section("summary", "**Det gjorde vi.** Vi holdt ni møder i parken."))
    (change,) = compare(old, new)
    (line,) = change.lines
    assert line.kind == "changed" and "**" not in line.text
    assert line.parts == (
        ("same", "Det gjorde vi. Vi holdt"),
        ("removed", "otte"),
        ("added", "ni"),
        ("same", "møder i parken."),
    )


def test_generated_blocks_count_as_text_too():
    old = _doc(Section("results", "R", (Paragraph("22 %"),)))
    new = _doc(Section("results", "R", (Paragraph("31 %"),)))
    (change,) = compare(old, new)
    assert change.state == "changed" and change.added == 1 and change.removed == 0
    assert change.lines[0].parts == (("removed", "22"), ("added", "31"), ("same", "%"))
