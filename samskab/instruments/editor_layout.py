"""What the editor page shows: fieldsets, inputs and buttons built from a draft and its problems.

Templates render these objects generically (``instruments/partials/_editor_group.html``), so an
input's name, id, value and error messages are decided here, in one place. A problem whose input
is not shown (a list that is too short, a hidden item id) is shown on the nearest fieldset around
it; one with no place at all is shown at the top.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samskab.instruments.editor import Draft, Errors, button_id, field_id
from samskab.instruments.models import Level
from samskab.instruments.problems import SIGNIFIER_TYPES


def type_labels() -> dict[str, str]:
    return {
        "triad": _("Triad"),
        "dyad": _("Dyad"),
        "stones": _("Stones"),
        "single": _("Single choice"),
        "multi": _("Multiple choice"),
        "freetext": _("Free text"),
    }


def add_labels() -> dict[str, str]:
    return {
        "triad": _("Add a triad"),
        "dyad": _("Add a dyad"),
        "stones": _("Add stones"),
        "single": _("Add a single choice"),
        "multi": _("Add a multiple choice"),
        "freetext": _("Add a free text"),
    }


@dataclass
class Field:
    name: str
    label: str
    value: Any
    kind: str = "text"  # text, textarea, number, checkbox, hidden
    lang: str = ""
    help: str = ""
    required: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return field_id(self.name)


@dataclass
class Button:
    id: str
    action: str
    label: str
    context: str = ""  # read by screen readers after the label ("Remove: option 2")
    style: str = "secondary"


@dataclass
class Group:
    name: str
    legend: str
    kind: str = ""
    help: str = ""
    rows: list[list[Field]] = field(default_factory=list)
    hidden: list[Field] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return "g-" + self.name.replace(".", "-")


@dataclass
class SummaryItem:
    target: str
    label: str
    message: str


@dataclass
class Layout:
    groups: list[Group]
    summary: list[SummaryItem]
    general_errors: list[str]


class Builder:
    def __init__(self, errors: Errors) -> None:
        self.errors = {name: list(messages) for name, messages in errors.items()}
        self.places: dict[str, Field | Group] = {}

    def field(self, name: str, label: str, value: Any, kind: str = "text", **extra: Any) -> Field:
        made = Field(name, label, value, kind, errors=self.errors.pop(name, []), **extra)
        if kind != "hidden":
            self.places[name] = made
        return made

    def hidden(self, name: str, value: Any) -> Field:
        return self.field(name, "", value, "hidden")

    def text(
        self, name: str, label: str, value: Any, *, long: bool = False, required: bool = True
    ) -> list[Field]:
        """A Danish and an English input for one text; problems of the text go to the Danish."""
        value = value if isinstance(value, Mapping) else {}
        kind = "textarea" if long else "text"
        danish = self.field(
            f"{name}.da",
            _("%(label)s (Danish)") % {"label": label},
            value.get("da", ""),
            kind,
            lang="da",
            required=required,
        )
        english = self.field(
            f"{name}.en",
            _("%(label)s (English)") % {"label": label},
            value.get("en", ""),
            kind,
            lang="en",
        )
        self.places.setdefault(name, danish)
        danish.errors += self.errors.pop(name, [])
        return [danish, english]

    def group(self, name: str, legend: str, **extra: Any) -> Group:
        made = Group(name, legend, errors=self.errors.pop(name, []), **extra)
        self.places[name] = made
        return made

    def alias(self, name: str, place: Field | Group) -> None:
        self.places.setdefault(name, place)
        place.errors += self.errors.pop(name, [])

    def moves(
        self, list_path: str, index: int, count: int, noun: str, minimum: int
    ) -> list[Button]:
        path = f"{list_path}.{index}"
        buttons = []
        if index > 0:
            buttons.append(Button(button_id("up", path), f"up:{path}", _("Move up"), noun))
        if index < count - 1:
            buttons.append(Button(button_id("down", path), f"down:{path}", _("Move down"), noun))
        if count > minimum:
            buttons.append(
                Button(button_id("remove", path), f"remove:{path}", _("Remove"), noun, "danger")
            )
        return buttons

    def finish(self) -> tuple[list[SummaryItem], list[str]]:
        """Place the problems no input claimed; list every problem for the summary at the top."""
        general: list[str] = []
        for name, messages in self.errors.items():
            place = self._nearest(name)
            if place is None:
                general += messages
            else:
                place.errors += messages
        unique = {id(place): place for place in self.places.values()}  # aliases share a place
        summary = [
            SummaryItem(place.id, self._described(place), message)
            for place in unique.values()
            for message in place.errors
        ]
        return summary, general

    def _described(self, place: Field | Group) -> str:
        """An input's label with the fieldset it is in ("2. Triad › Id"), for the summary."""
        if isinstance(place, Group):
            return place.legend
        parts = place.name.split(".")[:-1]
        while parts:
            around = self.places.get(".".join(parts))
            if isinstance(around, Group):
                return f"{around.legend} › {place.label}"
            parts.pop()
        return place.label

    def _nearest(self, name: str) -> Field | Group | None:
        parts = name.split(".")
        while parts:
            place = self.places.get(".".join(parts))
            if place is not None:
                return place
            parts.pop()
        return None


def _list(value: Any) -> list[Any]:
    return (
        [item if isinstance(item, dict) else {} for item in value]
        if isinstance(value, list)
        else []
    )


def build(draft: Draft, errors: Errors) -> Layout:
    builder = Builder(errors)
    groups = [_general(builder, draft), _prompts(builder, draft), _signifiers(builder, draft)]
    summary, general = builder.finish()
    return Layout(groups=groups, summary=summary, general_errors=general)


def _id_help() -> str:
    return _("Used in exports and analysis: letters, digits, - and _, no spaces.")


def _general(b: Builder, draft: Draft) -> Group:
    group = b.group("general", _("About the instrument"), kind="general")
    levels = ", ".join(str(label) for label in Level.labels)
    group.rows = [
        b.text("title", _("Title"), draft.get("title")),
        b.text("intro", _("Introduction"), draft.get("intro"), long=True, required=False),
        b.text("story_title", _("Question above the story's title"), draft.get("story_title")),
        b.text("story_text", _("Question above the story"), draft.get("story_text")),
        [
            b.field(
                "story_max_length",
                _("Longest story (characters)"),
                draft.get("story_max_length"),
                "number",
                help=_("Between 50 and 10000."),
            )
        ],
        b.text(
            "level_question",
            _("Question about the storyteller's level"),
            draft.get("level_question"),
        ),
        [
            b.field(
                "level_required",
                _("The storyteller must answer the level question"),
                draft.get("level_required") is True,
                "checkbox",
                help=_("The answers are always: %(levels)s.") % {"levels": levels},
            )
        ],
    ]
    return group


def _prompts(b: Builder, draft: Draft) -> Group:
    group = b.group(
        "prompts",
        _("Prompting questions"),
        kind="list",
        help=_("The storyteller picks one of these questions and tells a story about it."),
    )
    prompts = _list(draft.get("prompts"))
    for index, prompt in enumerate(prompts):
        noun = _("question %(number)s") % {"number": index + 1}
        item = b.group(f"prompts.{index}", _("Question %(number)s") % {"number": index + 1})
        item.kind = "item"
        item.rows = [
            [b.field(f"prompts.{index}.id", _("Id"), prompt.get("id", ""), help=_id_help())],
            b.text(f"prompts.{index}.text", _("Question"), prompt.get("text"), long=True),
        ]
        item.buttons = b.moves("prompts", index, len(prompts), noun, minimum=1)
        group.groups.append(item)
    group.buttons = [Button(button_id("add", "prompts"), "add-item:prompts", _("Add a question"))]
    return group


def _signifiers(b: Builder, draft: Draft) -> Group:
    group = b.group(
        "signifiers",
        _("Signifiers"),
        kind="list",
        help=_("The questions after the story, in this order."),
    )
    signifiers = _list(draft.get("signifiers"))
    for index, signifier in enumerate(signifiers):
        group.groups.append(_signifier(b, signifier, index, len(signifiers)))
    adder = Group("add-signifier", _("Add a signifier"), kind="adder")
    adder.buttons = [
        Button(f"b-add-signifier-{kind}", f"add-signifier:{kind}", label)
        for kind, label in add_labels().items()
    ]
    group.groups.append(adder)
    return group


def _signifier(b: Builder, signifier: dict[str, Any], index: int, count: int) -> Group:
    name = f"signifiers.{index}"
    kind = signifier.get("type")
    kind = kind if kind in SIGNIFIER_TYPES else ""
    type_label = type_labels().get(kind, _("Unknown type"))
    title = signifier.get("title")
    title_da = title.get("da", "") if isinstance(title, Mapping) else ""
    legend = f"{index + 1}. {type_label}" + (f": {title_da}" if title_da else "")
    group = b.group(name, legend, kind=f"signifier signifier-{kind}")
    group.hidden = [b.hidden(f"{name}.type", kind)]
    group.rows = [
        [b.field(f"{name}.id", _("Id"), signifier.get("id", ""), help=_id_help())],
        b.text(f"{name}.title", _("Question"), title),
        b.text(f"{name}.help", _("Help text"), signifier.get("help"), required=False),
        [
            b.field(
                f"{name}.required",
                _("An answer is required"),
                signifier.get("required") is True,
                "checkbox",
            ),
            b.field(
                f"{name}.allow_na",
                _("Offer “not applicable”"),
                signifier.get("allow_na") is True,
                "checkbox",
            ),
        ],
    ]
    PARTS.get(kind, _no_parts)(b, group, signifier)
    noun = _("signifier %(number)s") % {"number": index + 1}
    group.buttons = b.moves("signifiers", index, count, noun, minimum=0)
    return group


def _no_parts(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    return None


def _fixed_items(
    b: Builder, group: Group, signifier: dict[str, Any], key: str, labels: list[tuple[str, str]]
) -> None:
    items = _list(signifier.get(key))
    b.alias(f"{group.name}.{key}", group)
    for position, (default_id, label) in enumerate(labels):
        item = items[position] if position < len(items) else {}
        path = f"{group.name}.{key}.{position}"
        group.hidden.append(b.hidden(f"{path}.id", item.get("id", default_id)))
        row = b.text(f"{path}.label", label, item.get("label"))
        b.alias(path, row[0])
        group.rows.append(row)


def _triad(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    corners = [("top", _("Top corner")), ("left", _("Left corner")), ("right", _("Right corner"))]
    _fixed_items(b, group, signifier, "corners", corners)


def _dyad(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    _fixed_items(
        b, group, signifier, "poles", [("left", _("Left pole")), ("right", _("Right pole"))]
    )


def _stones(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    axes = (
        ("x", _("Horizontal axis"), _("Left end"), _("Right end")),
        ("y", _("Vertical axis"), _("Bottom end"), _("Top end")),
    )
    for key, legend, start, end in axes:
        found = signifier.get(key)
        axis: dict[str, Any] = found if isinstance(found, dict) else {}
        path = f"{group.name}.{key}"
        sub = b.group(path, legend, kind="axis")
        sub.rows = [
            b.text(f"{path}.label", _("Name"), axis.get("label")),
            b.text(f"{path}.start", start, axis.get("start")),
            b.text(f"{path}.end", end, axis.get("end")),
        ]
        group.groups.append(sub)
    _item_list(
        b, group, signifier, "stones", _("Stones"), _("stone %(number)s"), _("Add a stone"), 1
    )


def _choices(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    _item_list(
        b, group, signifier, "options", _("Options"), _("option %(number)s"), _("Add an option"), 2
    )
    if signifier.get("type") == "multi":
        group.rows.append(
            [
                b.field(
                    f"{group.name}.min_choices",
                    _("Fewest choices"),
                    signifier.get("min_choices"),
                    "number",
                ),
                b.field(
                    f"{group.name}.max_choices",
                    _("Most choices"),
                    signifier.get("max_choices"),
                    "number",
                    help=_("Empty: as many as there are options."),
                ),
            ]
        )


def _freetext(b: Builder, group: Group, signifier: dict[str, Any]) -> None:
    group.rows.append(
        [
            b.field(
                f"{group.name}.multiline",
                _("Several lines"),
                signifier.get("multiline") is True,
                "checkbox",
            ),
            b.field(
                f"{group.name}.max_length",
                _("Longest answer (characters)"),
                signifier.get("max_length"),
                "number",
                help=_("Between 1 and 5000."),
            ),
        ]
    )


def _item_list(
    b: Builder,
    group: Group,
    signifier: dict[str, Any],
    key: str,
    legend: str,
    noun: str,
    add: str,
    minimum: int,
) -> None:
    path = f"{group.name}.{key}"
    items_group = b.group(path, legend, kind="list items")
    items = _list(signifier.get(key))
    for position, item in enumerate(items):
        item_path = f"{path}.{position}"
        label = noun % {"number": position + 1}
        sub = b.group(item_path, label[:1].upper() + label[1:], kind="item")
        sub.hidden = [b.hidden(f"{item_path}.id", item.get("id", ""))]
        sub.rows = [b.text(f"{item_path}.label", _("Label"), item.get("label"))]
        sub.buttons = b.moves(path, position, len(items), label, minimum)
        items_group.groups.append(sub)
    items_group.buttons = [Button(button_id("add", path), f"add-item:{path}", add)]
    group.groups.append(items_group)


PARTS = {
    "triad": _triad,
    "dyad": _dyad,
    "stones": _stones,
    "single": _choices,
    "multi": _choices,
    "freetext": _freetext,
}
