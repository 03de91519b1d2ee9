"""The signification framework: what an instrument asks, as a validated, versionable document.

An instrument version stores its definition as JSON in this shape (format
``samskab-instrument/1``, documented in docs/instrument-format.md). The same document is what
organisations export and import to share instruments; SenseMaker definitions are converted to it.

Signifier types follow SenseMaker's: triad (a point in a triangle, stored as three proportions
summing to 1), dyad (a slider between two poles, a value in [0, 1]), stones (items placed on a
2-D canvas, x and y in [0, 1] each), single and multiple choice, and free text. Every
instrument also asks the storyteller's level (user, employee, volunteer/citizen, organisation).
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
FORMAT: Final = "samskab-instrument/1"

LEVELS = ("user", "employee", "volunteer_citizen", "organisation")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A label in Danish (required) and English (falls back to Danish when empty)."""

    da: Annotated[str, Field(min_length=1, max_length=500)]
    en: Annotated[str, Field(max_length=500)] = ""

    def get(self, language: str) -> str:
        return self.en if language == "en" and self.en else self.da


class Item(Strict):
    id: Id
    label: Text


class Prompt(Strict):
    id: Id
    text: Text


class Axis(Strict):
    label: Text
    start: Text
    end: Text


class SignifierBase(Strict):
    id: Id
    title: Text
    help: Text | None = None
    required: bool = False
    allow_na: bool = True


class Triad(SignifierBase):
    type: Literal["triad"] = "triad"
    # Corner order as in SenseMaker: top, left, right.
    corners: Annotated[list[Item], Field(min_length=3, max_length=3)]


class Dyad(SignifierBase):
    type: Literal["dyad"] = "dyad"
    poles: Annotated[list[Item], Field(min_length=2, max_length=2)]  # left, right


class Stones(SignifierBase):
    type: Literal["stones"] = "stones"
    x: Axis
    y: Axis
    stones: Annotated[list[Item], Field(min_length=1, max_length=12)]


class SingleChoice(SignifierBase):
    type: Literal["single"] = "single"
    options: Annotated[list[Item], Field(min_length=2, max_length=50)]


class MultipleChoice(SignifierBase):
    type: Literal["multi"] = "multi"
    options: Annotated[list[Item], Field(min_length=2, max_length=50)]
    min_choices: Annotated[int, Field(ge=0)] = 0
    max_choices: Annotated[int | None, Field(ge=1)] = None

    @model_validator(mode="after")
    def _bounds(self) -> MultipleChoice:
        top = self.max_choices if self.max_choices is not None else len(self.options)
        if not self.min_choices <= top <= len(self.options):
            raise ValueError("min_choices ≤ max_choices ≤ number of options must hold")
        return self


class FreeText(SignifierBase):
    type: Literal["freetext"] = "freetext"
    multiline: bool = False
    max_length: Annotated[int, Field(ge=1, le=5000)] = 500


Signifier = Annotated[
    Triad | Dyad | Stones | SingleChoice | MultipleChoice | FreeText, Field(discriminator="type")
]


class Definition(Strict):
    format: Literal["samskab-instrument/1"] = FORMAT
    title: Text
    intro: Text | None = None
    prompts: Annotated[list[Prompt], Field(min_length=1, max_length=10)]
    story_title: Text  # the question above the story's title field
    story_text: Text  # the question above the story itself
    story_max_length: Annotated[int, Field(ge=50, le=10000)] = 3000
    level_question: Text
    level_required: bool = True
    signifiers: Annotated[list[Signifier], Field(max_length=60)] = []

    @field_validator("signifiers")
    @classmethod
    def _unique_ids(cls, signifiers: list[SignifierBase]) -> list[SignifierBase]:
        _check_unique([s.id for s in signifiers], "signifier")
        for signifier in signifiers:
            for group in ("corners", "poles", "stones", "options"):
                items = getattr(signifier, group, None)
                if items is not None:
                    _check_unique([item.id for item in items], f"{signifier.id} {group}")
        return signifiers

    @field_validator("prompts")
    @classmethod
    def _unique_prompts(cls, prompts: list[Prompt]) -> list[Prompt]:
        _check_unique([p.id for p in prompts], "prompt")
        return prompts

    def signifier(self, signifier_id: str) -> SignifierBase:
        for signifier in self.signifiers:
            if signifier.id == signifier_id:
                return signifier
        raise KeyError(signifier_id)


def _check_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise ValueError(f"{what} id {identifier!r} is used twice")
        seen.add(identifier)


def parse(data: object) -> Definition:
    """Validate a definition document (raises pydantic.ValidationError)."""
    return Definition.model_validate(data)
