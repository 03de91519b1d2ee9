"""Request and response bodies of the JSON API (OpenAPI 3.1 via django-ninja)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StrictBool
from pydantic_core import PydanticCustomError

from samskab.lib.text import storable


def _storable(value: str) -> str:
    if not storable(value):
        message = "The text contains characters that cannot be stored."
        raise PydanticCustomError("invalid_characters", message)
    return value


# A text the database can hold (no NUL, no unpaired surrogate); others are refused (422).
StorableText = Annotated[str, AfterValidator(_storable)]


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
    consent: StrictBool = Field(
        ...,
        description=(
            "true: the storyteller agreed to the consent text. Only the JSON value true is "
            'consent; strings and numbers such as "0" or "nej" are refused.'
        ),
    )
    consent_version: int | None = Field(
        None,
        ge=1,
        le=2**31 - 1,
        description=(
            "The version of the consent text the client showed (the collection's "
            "consent_version when the form was loaded); the story records that wording. "
            "Omitted or unknown: the current wording."
        ),
    )
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
    loc: list[str | int] = Field(
        ...,
        description=(
            'The part of the request at fault, e.g. ["body", "answers", "drivers"]; '
            "empty when the request as a whole is refused."
        ),
    )
    code: str = Field(
        ...,
        description=(
            "A stable word a client can act on: required, triad_sum, not_found, forbidden, "
            "rate_limited, malformed, …"
        ),
    )
    msg: str = Field(..., description="A sentence for people, in the request's language.")


class ErrorOut(Schema):
    """Every refusal of the API, whichever status: one item per problem."""

    detail: list[ErrorItem]


class CollectionOut(Schema):
    slug: str
    name: str
    is_open: bool
    opens_at: str
    closes_at: str | None
    consent_text: dict[str, str]
    consent_version: int
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


# Effect measurement --------------------------------------------------------------------------


class GoalRevisionOut(Schema):
    title: str = Field(..., description="The wording before the change.")
    description: str
    reason: str = Field(..., description="Why the goal changed.")
    changed_at: datetime.datetime


class GoalOut(Schema):
    id: int
    kind: str = Field(..., description="process or outcome.")
    title: str
    description: str
    status: str = Field(..., description="planned, in_progress, achieved or dropped.")
    levels: list[str] = Field(
        ..., description="user, employee, volunteer_citizen and/or organisation."
    )
    value_kinds: list[str] = Field(..., description="personal, collective and/or societal.")
    political_goal_ids: list[int]
    owner_actor_id: int | None
    owner_group: str = Field(..., description="An actor group, when no key actor owns it.")
    revisions: list[GoalRevisionOut] = Field(..., description="Earlier wordings, newest first.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class MeasurementIn(Schema):
    """One value for one period. The rules are those of the form: the value must lie in the
    indicator's unit, the period inside the project's dates, and once per period."""

    model_config = ConfigDict(extra="forbid")

    period_start: datetime.date
    period_end: datetime.date
    value: float = Field(..., allow_inf_nan=False)
    note: StorableText = Field("", max_length=2000)


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    period_start: datetime.date
    period_end: datetime.date
    value: float | None = Field(
        ..., description="None when withheld (a computed period with fewer stories than k)."
    )
    lower: float | None = Field(..., description="Lower bound of the 95 % interval.")
    upper: float | None = Field(..., description="Upper bound of the 95 % interval.")
    n: int | None = Field(..., description="Number of stories of a computed value.")
    withheld: str = Field(..., description="Why the value is withheld, else empty.")
    note: str
    source: str = Field(..., description="manual, import or computed.")
    created_at: datetime.datetime


class PointOut(Schema):
    value: float | None
    date: datetime.date | None


class IndicatorOut(Schema):
    id: int
    goal_id: int
    title: str
    description: str
    unit: str = Field(
        ..., description="percent, count, scale_1_5, scale_0_100, dkk, hours or other."
    )
    unit_label: str
    direction: str = Field(..., description="higher or lower (which is better).")
    level: str
    source: str = Field(..., description="manual, import or computed.")
    data_source: str
    baseline: PointOut
    target: PointOut
    latest_measurement: MeasurementOut | None = Field(
        ..., description="The latest period with a value (withheld periods are skipped)."
    )
