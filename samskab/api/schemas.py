"""Request and response bodies of the JSON API (OpenAPI 3.1 via django-ninja)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class StoryIn(Schema):
    """One story for an open collection. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid")

    prompt: str | None = Field(None, description="Id of the prompting question answered.")
    title: str = Field("", max_length=200)
    text: str = Field(..., max_length=20000, description="The story itself.")
    level: str | None = Field(
        None, description="user, employee, volunteer_citizen or organisation."
    )
    language: Literal["da", "en"] = "da"
    consent: bool = Field(..., description="The storyteller agreed to the consent text.")
    client_id: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description=(
            "The client's own id for the story; a repeat is refused (409), never stored twice."
        ),
    )
    answers: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description='Per signifier id: {"value": ...} or {"na": true}; leave skipped ones out.',
    )


class Receipt(Schema):
    receipt_code: str = Field(..., description="Shown to the storyteller; withdraws the story.")
    version: int = Field(..., description="The instrument version the story answered.")


class ErrorItem(Schema):
    loc: list[str]
    code: str
    msg: str


class ErrorOut(Schema):
    detail: list[ErrorItem] | str


class CollectionOut(Schema):
    slug: str
    name: str
    is_open: bool
    opens_at: str
    closes_at: str | None
    consent_text: dict[str, str]
    version: int
    definition: dict[str, Any]


class VersionOut(Schema):
    number: int
    frozen: bool
    story_count: int


class InstrumentOut(Schema):
    id: int
    name: str
    project_id: int | None
    latest_version: int


class InstrumentDetailOut(Schema):
    id: int
    name: str
    project_id: int | None
    versions: list[VersionOut]
    definition: dict[str, Any] = Field(..., description="The latest version's definition.")
