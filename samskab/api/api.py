"""The JSON API at /api/v1/ (schema at /api/v1/openapi.json, docs at /api/v1/docs).

Public endpoints read an open collection's instrument and submit stories with exactly the
validation of the public form (samskab.instruments.answers); story submission is rate limited
per client like the form (samskab.capture.ratelimit, group "api_story"). Staff endpoints use the
browser session and the one permission helper (policy.authorise): another organisation looks
absent (404), a role without the permission is refused (403). Every refusal has one shape
(samskab.api.errors), and every status an operation can answer is in its OpenAPI entry.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db import IntegrityError
from django.db.models import Count, Max
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Router, Status
from ninja.errors import Throttled
from ninja.security import django_auth

from samskab.api import errors
from samskab.api.errors import error_body
from samskab.api.schemas import (
    CollectionOut,
    ErrorOut,
    GoalOut,
    IndicatorOut,
    InstrumentDetailOut,
    InstrumentOut,
    MeasurementIn,
    MeasurementOut,
    Receipt,
    StoryIn,
)
from samskab.capture import ratelimit
from samskab.instruments import services
from samskab.instruments.answers import StoryInput, validate
from samskab.instruments.models import Collection, Instrument, InstrumentVersion, StorySource
from samskab.measurement.models import Goal, Indicator, Measurement
from samskab.measurement.services import computed
from samskab.measurement.services.measurements import (
    MeasurementError,
    NewMeasurement,
    add_measurement,
)
from samskab.measurement.services.readers import Reader, reader_of
from samskab.organisations.models import Organisation
from samskab.organisations.policy import Perm, authorise
from samskab.projects.models import Project

api = NinjaAPI(
    title="Samskab API",
    version="1",
    description="Instruments, collections and stories of co-creation labs.",
    urls_namespace="api",
)
errors.install(api)
public = Router(tags=["public"])
staff = Router(tags=["staff"], auth=django_auth)

# Path parameters as the database can hold them: a slug of the models' alphabet and length, an
# id within a 64-bit key. Anything else is refused (422) before a query is made.
CollectionSlug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=40)]
OrgSlug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


def refusals(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error statuses an operation may answer, each with the one error shape."""
    return dict.fromkeys(statuses, ErrorOut)


# Every staff operation: no session (401), a role without the permission (403), another
# organisation or an unknown id (404), a path parameter that cannot be one (422).
STAFF_READ = refusals(401, 403, 404, 422)
# Writes also need the session's CSRF token (403) and a readable JSON body (400).
STAFF_WRITE = refusals(400, 401, 403, 404, 422)
RETRY_AFTER = {
    "responses": {
        429: {
            "headers": {
                "Retry-After": {
                    "description": "Seconds until this client may send again.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        }
    }
}


def _open_collection(slug: str) -> Collection:
    return get_object_or_404(Collection.objects.select_related("instrument"), slug=slug)


@public.get("/collections/{slug}", response={200: CollectionOut, **refusals(404, 422)})
def collection_detail(request: HttpRequest, slug: CollectionSlug) -> dict[str, Any]:
    """The collection's current instrument definition, for a client that renders the form."""
    collection = _open_collection(slug)
    version = services.latest_version(collection.instrument)
    consent = collection.record_consent_text()
    return {
        "slug": collection.slug,
        "name": collection.name,
        "is_open": collection.is_open(),
        "opens_at": collection.opens_at.isoformat(),
        "closes_at": collection.closes_at.isoformat() if collection.closes_at else None,
        "consent_text": consent.text,
        "consent_version": consent.number,
        "version": version.number,
        "definition": version.definition,
    }


def _errors(errors: dict[str, list[Any]]) -> dict[str, Any]:
    items = []
    for key, problems in errors.items():
        loc = (
            ["body", key]
            if key in {"prompt", "title", "text", "level"}
            else ["body", "answers", key]
        )
        items += [{"loc": loc, "code": p.code, "msg": p.message} for p in problems]
    return {"detail": items}


@public.post(
    "/collections/{slug}/stories",
    response={201: Receipt, **refusals(400, 403, 404, 409, 422, 429)},
    openapi_extra=RETRY_AFTER,
)
def submit_story(
    request: HttpRequest, slug: CollectionSlug, payload: StoryIn
) -> Status[dict[str, Any]]:
    """Store a story. 201 means it is committed to disk; the receipt code is shown only once.
    Too many stories from one client in a short time are refused (429, with Retry-After)."""
    verdict = ratelimit.hit(request, "api_story")
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)
    collection = _open_collection(slug)
    with translation.override(payload.language):
        if not collection.is_open():
            return Status(403, error_body("closed", _("This collection is not open for stories.")))
        if not payload.consent:
            message = _("Consent is needed to store the story.")
            return Status(422, error_body("consent", message, ["body", "consent"]))
        return _store(collection, payload)


def _store(collection: Collection, payload: StoryIn) -> Status[dict[str, Any]]:
    version = services.latest_version(collection.instrument)
    story = StoryInput(payload.prompt, payload.title, payload.text, payload.level, payload.answers)
    clean, errors = validate(version.parsed, story)
    if clean is None:
        return Status(422, _errors(errors))
    try:
        _story, code = services.submit_story(
            collection,
            version,
            clean,
            StorySource.API,
            payload.language,
            external_id=payload.client_id or "",
            consent=services.consent_shown(collection, str(payload.consent_version or "")),
        )
    except IntegrityError:
        message = _("A story with this client_id has already been received.")
        return Status(409, error_body("duplicate", message, ["body", "client_id"]))
    return Status(201, {"receipt_code": code, "version": version.number})


def _versions(instrument: Instrument) -> list[dict[str, Any]]:
    versions = (
        InstrumentVersion.objects.filter(instrument=instrument)
        .annotate(story_count=Count("stories"))
        .order_by("-number")
    )
    return [
        {"number": v.number, "frozen": v.is_frozen, "story_count": v.story_count} for v in versions
    ]


@staff.get("/orgs/{org}/instruments", response={200: list[InstrumentOut], **STAFF_READ})
def instrument_list(request: HttpRequest, org: OrgSlug) -> list[dict[str, Any]]:
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    instruments = Instrument.objects.for_org(membership.organisation).annotate(
        latest_version=Max("versions__number")
    )
    return [
        {
            "id": instrument.pk,
            "name": instrument.name,
            "project_id": instrument.project_id,
            "latest_version": instrument.latest_version,
        }
        for instrument in instruments
    ]


@staff.get("/orgs/{org}/instruments/{pk}", response={200: InstrumentDetailOut, **STAFF_READ})
def instrument_detail(request: HttpRequest, org: OrgSlug, pk: Id) -> dict[str, Any]:
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    instrument = get_object_or_404(Instrument.objects.for_org(membership.organisation), pk=pk)
    return {
        "id": instrument.pk,
        "name": instrument.name,
        "project_id": instrument.project_id,
        "versions": _versions(instrument),
        "definition": services.latest_version(instrument).definition,
    }


# Effect measurement: goals, indicators and measurements of a project ----------------------


def _project(organisation: Organisation, pk: int) -> Project:
    return get_object_or_404(Project.objects.for_org(organisation), pk=pk)


def _indicator(organisation: Organisation, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.for_org(organisation).select_related("project", "organisation"), pk=pk
    )


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "kind": goal.kind,
        "title": goal.title,
        "description": goal.description,
        "status": goal.status,
        "levels": list(goal.levels),
        "value_kinds": list(goal.value_kinds),
        "political_goal_ids": [p.pk for p in goal.political_goals.all()],
        "owner_actor_id": goal.owner_actor_id,
        "owner_group": goal.owner_group,
        "revisions": [
            {
                "title": r.title,
                "description": r.description,
                "reason": r.reason,
                "changed_at": r.changed_at,
            }
            for r in goal.revisions.all()
        ],
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def _measurement(m: Measurement, reader: Reader) -> dict[str, Any]:
    """A measurement as the caller may see it: a computed n is perturbed for viewers."""
    return {
        "id": m.pk,
        "indicator_id": m.indicator_id,
        "period_start": m.period_start,
        "period_end": m.period_end,
        "value": m.value,
        "lower": m.lower,
        "upper": m.upper,
        "n": m.shown_n(reader.exact, reader.k),
        "withheld": m.withheld,
        "note": m.note,
        "source": m.source,
        "created_at": m.created_at,
    }


def _latest(indicator: Indicator) -> Measurement | None:
    """The latest period with a value, from the prefetched measurements (oldest first)."""
    shown = [m for m in indicator.measurements.all() if m.value is not None]
    return shown[-1] if shown else None


def _indicator_body(indicator: Indicator, reader: Reader) -> dict[str, Any]:
    latest = _latest(indicator)
    return {
        "id": indicator.pk,
        "goal_id": indicator.goal_id,
        "title": indicator.title,
        "description": indicator.description,
        "unit": indicator.unit,
        "unit_label": indicator.unit_label,
        "direction": indicator.direction,
        "level": indicator.level,
        "source": indicator.source,
        "data_source": indicator.data_source,
        "baseline": {"value": indicator.baseline_value, "date": indicator.baseline_date},
        "target": {"value": indicator.target_value, "date": indicator.target_date},
        "latest_measurement": _measurement(latest, reader) if latest else None,
    }


@staff.get("/orgs/{org}/projects/{pk}/goals", response={200: list[GoalOut], **STAFF_READ})
def goal_list(request: HttpRequest, org: OrgSlug, pk: Id) -> list[dict[str, Any]]:
    """The project's process and outcome goals, with their earlier wordings."""
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    project = _project(membership.organisation, pk)
    goals = (
        Goal.objects.for_org(membership.organisation)
        .filter(project=project)
        .prefetch_related("political_goals", "revisions")
    )
    return [_goal(goal) for goal in goals]


@staff.get("/orgs/{org}/projects/{pk}/indicators", response={200: list[IndicatorOut], **STAFF_READ})
def indicator_list(request: HttpRequest, org: OrgSlug, pk: Id) -> list[dict[str, Any]]:
    """The project's indicators with baseline, target and the latest measurement."""
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    project = _project(membership.organisation, pk)
    computed.refresh_project(project)
    indicators = (
        Indicator.objects.for_org(membership.organisation)
        .filter(project=project)
        .prefetch_related("measurements")
    )
    reader = reader_of(membership)
    return [_indicator_body(indicator, reader) for indicator in indicators]


@staff.get(
    "/orgs/{org}/indicators/{pk}/measurements",
    response={200: list[MeasurementOut], **STAFF_READ},
)
def measurement_list(request: HttpRequest, org: OrgSlug, pk: Id) -> list[dict[str, Any]]:
    """Every measurement of the indicator, oldest period first."""
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    indicator = _indicator(membership.organisation, pk)
    if indicator.is_computed:
        computed.refresh(indicator)
    reader = reader_of(membership)
    return [_measurement(m, reader) for m in indicator.measurements.all()]


@staff.post(
    "/orgs/{org}/indicators/{pk}/measurements",
    response={201: MeasurementOut, **STAFF_WRITE},
)
def measurement_create(
    request: HttpRequest, org: OrgSlug, pk: Id, payload: MeasurementIn
) -> Status[dict[str, Any]]:
    """Enter one measurement with exactly the rules of the form. 422 names the field that
    breaks a rule (a value outside the unit, a period outside the project, a period that
    already has a value, or an indicator computed from the stories)."""
    membership = authorise(request.user, org, Perm.RECORD_MEASUREMENTS)
    indicator = _indicator(membership.organisation, pk)
    new = NewMeasurement(payload.period_start, payload.period_end, payload.value, payload.note)
    try:
        measurement = add_measurement(indicator, new, request.user)
    except MeasurementError as error:
        return Status(422, error_body("invalid", error.message, ["body", error.field]))
    except IntegrityError:  # another request stored this period a moment ago
        message = _("This indicator already has a value for this period.")
        return Status(422, error_body("invalid", message, ["body", "period_start"]))
    return Status(201, _measurement(measurement, reader_of(membership)))


api.add_router("/", public)
api.add_router("/", staff)
