"""The JSON API at /api/v1/ (schema at /api/v1/openapi.json, docs at /api/v1/docs).

Public endpoints read an open collection's instrument and submit stories with exactly the
validation of the public form (samskab.instruments.answers). Staff endpoints use the browser
session and the one permission helper (policy.authorise): another organisation looks absent
(404), a role without the permission is refused (403).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.db.models import Count, Max
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Status
from ninja.security import django_auth

from samskab.api.schemas import (
    CollectionOut,
    ErrorOut,
    InstrumentDetailOut,
    InstrumentOut,
    Receipt,
    StoryIn,
)
from samskab.instruments import services
from samskab.instruments.answers import StoryInput, validate
from samskab.instruments.models import Collection, Instrument, InstrumentVersion, StorySource
from samskab.organisations.policy import Perm, authorise

api = NinjaAPI(
    title="Samskab API",
    version="1",
    description="Instruments, collections and stories of co-creation labs.",
    urls_namespace="api",
)
public = Router(tags=["public"])
staff = Router(tags=["staff"], auth=django_auth)


def _open_collection(slug: str) -> Collection:
    return get_object_or_404(Collection.objects.select_related("instrument"), slug=slug)


@public.get("/collections/{slug}", response={200: CollectionOut, 404: ErrorOut})
def collection_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The collection's current instrument definition, for a client that renders the form."""
    collection = _open_collection(slug)
    version = services.latest_version(collection.instrument)
    return {
        "slug": collection.slug,
        "name": collection.name,
        "is_open": collection.is_open(),
        "opens_at": collection.opens_at.isoformat(),
        "closes_at": collection.closes_at.isoformat() if collection.closes_at else None,
        "consent_text": collection.consent_text,
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
    response={201: Receipt, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def submit_story(request: HttpRequest, slug: str, payload: StoryIn) -> Status[dict[str, Any]]:
    """Store a story. 201 means it is committed to disk; the receipt code is shown only once."""
    collection = _open_collection(slug)
    with translation.override(payload.language):
        if not collection.is_open():
            return Status(403, {"detail": _("This collection is not open for stories.")})
        if not payload.consent:
            consent = {
                "loc": ["body", "consent"],
                "code": "consent",
                "msg": _("Consent is needed to store the story."),
            }
            return Status(422, {"detail": [consent]})
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
        )
    except IntegrityError:
        return Status(409, {"detail": _("A story with this client_id has already been received.")})
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


@staff.get(
    "/orgs/{org}/instruments", response={200: list[InstrumentOut], 403: ErrorOut, 404: ErrorOut}
)
def instrument_list(request: HttpRequest, org: str) -> list[dict[str, Any]]:
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


@staff.get(
    "/orgs/{org}/instruments/{pk}",
    response={200: InstrumentDetailOut, 403: ErrorOut, 404: ErrorOut},
)
def instrument_detail(request: HttpRequest, org: str, pk: int) -> dict[str, Any]:
    membership = authorise(request.user, org, Perm.VIEW_PROJECTS)
    instrument = get_object_or_404(Instrument.objects.for_org(membership.organisation), pk=pk)
    return {
        "id": instrument.pk,
        "name": instrument.name,
        "project_id": instrument.project_id,
        "versions": _versions(instrument),
        "definition": services.latest_version(instrument).definition,
    }


api.add_router("/", public)
api.add_router("/", staff)
