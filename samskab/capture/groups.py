"""What the template needs for one signifier: labels in the chosen language, inputs, errors.

Each signifier is one ``<fieldset>`` (id ``s-<id>``) whose ``<legend>`` is its title. Its help
text has the id ``s-<id>-help`` and its errors ``s-<id>-error``; every input of the group
points at both with ``aria-describedby``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms

from samskab.capture.fields import TRIAD_PARTS, field_name
from samskab.instruments.definition import Dyad, SignifierBase, Stones, Triad

if TYPE_CHECKING:
    from samskab.capture.forms import StoryForm


@dataclass
class Corner:
    part: str  # top, left or right
    label: str
    field: forms.BoundField


@dataclass
class StoneRow:
    id: str
    label: str
    x: forms.BoundField
    y: forms.BoundField
    placed: forms.BoundField


@dataclass
class Group:
    id: str
    kind: str  # the signifier type: triad, dyad, stones, single, multi, freetext
    title: str
    help: str
    required: bool
    fields: dict[str, forms.BoundField]
    errors: list[str]
    na: forms.BoundField | None = None
    corners: list[Corner] = field(default_factory=list)
    poles: tuple[str, str] = ("", "")
    stones: list[StoneRow] = field(default_factory=list)
    axes: dict[str, str] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"s-{self.id}"

    @property
    def help_id(self) -> str:
        return f"s-{self.id}-help"

    @property
    def error_id(self) -> str:
        return f"s-{self.id}-error"

    @property
    def value(self) -> forms.BoundField | None:
        return self.fields.get("value") or self.fields.get("choice") or self.fields.get("text")


def _bound(form: StoryForm, signifier: SignifierBase) -> dict[str, forms.BoundField]:
    prefix = field_name(signifier.id, "")
    return {name[len(prefix) :]: form[name] for name in form.fields if name.startswith(prefix)}


MANY_INPUTS = ("triad", "stones")  # errors about one input name it


def _errors(
    kind: str, fields: dict[str, forms.BoundField], own: list[str], labels: dict[str, str]
) -> list[str]:
    messages = list(own)
    for part, bound in fields.items():
        for error in bound.errors:
            if error not in own:
                named = kind in MANY_INPUTS or part == "na"
                messages.append(f"{labels[part]}: {error}" if named else str(error))
    return messages


def _describe(group: Group) -> None:
    ids = ([group.help_id] if group.help else []) + ([group.error_id] if group.errors else [])
    for part, bound in group.fields.items():
        attrs = bound.field.widget.attrs
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
        if group.errors and part != "na":
            attrs["aria-invalid"] = "true"
    if group.kind == "freetext":
        group.fields["text"].field.widget.attrs["aria-labelledby"] = f"{group.anchor}-legend"


def _extend(group: Group, signifier: SignifierBase, language: str) -> None:
    if isinstance(signifier, Triad):
        group.corners = [
            Corner(part, corner.label.get(language), group.fields[part])
            for part, corner in zip(TRIAD_PARTS, signifier.corners, strict=True)
        ]
    elif isinstance(signifier, Dyad):
        group.poles = (
            signifier.poles[0].label.get(language),
            signifier.poles[1].label.get(language),
        )
    elif isinstance(signifier, Stones):
        group.stones = [
            StoneRow(
                stone.id,
                stone.label.get(language),
                group.fields[f"{stone.id}-x"],
                group.fields[f"{stone.id}-y"],
                group.fields[f"{stone.id}-placed"],
            )
            for stone in signifier.stones
        ]
        group.axes = {
            f"{axis}_{end}": getattr(getattr(signifier, axis), end).get(language)
            for axis in ("x", "y")
            for end in ("label", "start", "end")
        }


def _stone_labels(signifier: Stones, labels: dict[str, str], language: str) -> None:
    for stone in signifier.stones:
        for part in ("x", "y", "placed"):
            key = f"{stone.id}-{part}"
            labels[key] = f"{stone.label.get(language)}, {labels[key]}"


def build_group(form: StoryForm, signifier: SignifierBase, own_errors: list[str]) -> Group:
    language = form.language
    fields = _bound(form, signifier)
    labels = {part: str(bound.label) for part, bound in fields.items()}
    if isinstance(signifier, Stones):
        _stone_labels(signifier, labels, language)
    kind = str(getattr(signifier, "type", ""))
    group = Group(
        id=signifier.id,
        kind=kind,
        title=signifier.title.get(language),
        help=signifier.help.get(language) if signifier.help else "",
        required=signifier.required,
        fields=fields,
        errors=_errors(kind, fields, own_errors, labels),
        na=fields.get("na"),
    )
    _extend(group, signifier, language)
    _describe(group)
    return group


def build_groups(form: StoryForm, group_errors: dict[str, list[str]]) -> list[Group]:
    return [
        build_group(form, signifier, group_errors.get(signifier.id, []))
        for signifier in form.definition.signifiers
    ]
