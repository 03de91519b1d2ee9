"""Instruments, versions and stories: every write goes through here.

Invariants:
- A version that has answered stories is frozen: changing the definition then makes a new
  version, so each story keeps the exact questions it answered.
- Every insert, withdrawal or import bumps the collection's ``change_counter`` in the same
  transaction (the analysis cache is keyed by it).
- A story is stored masked; the unmasked text only when the collection says why.
- The receipt code is returned once and stored only as a keyed hash.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import Definition
from samskab.instruments.models import (
    Collection,
    ConsentText,
    Instrument,
    InstrumentVersion,
    Story,
    StorySource,
)
from samskab.instruments.privacy import mask
from samskab.organisations.models import Organisation
from samskab.projects.models import Project

# Crockford-style alphabet without 0/O, 1/I/L, U: easy to read aloud and type on a phone.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_GROUPS = 3  # 3 groups of 4 characters ≈ 59 bits


@transaction.atomic
def create_instrument(
    organisation: Organisation,
    name: str,
    definition: Definition,
    actor: User | None,
    project: Project | None = None,
) -> Instrument:
    instrument = Instrument.objects.create(
        organisation=organisation, name=name, project=project, created_by=actor
    )
    InstrumentVersion.objects.create(
        organisation=organisation,
        instrument=instrument,
        number=1,
        definition=definition.model_dump(mode="json"),
    )
    return instrument


def latest_version(instrument: Instrument) -> InstrumentVersion:
    return InstrumentVersion.objects.filter(instrument=instrument).order_by("-number").first()  # type: ignore[return-value]


@transaction.atomic
def save_definition(instrument: Instrument, definition: Definition) -> InstrumentVersion:
    """Store a changed definition: in place while unfrozen, else as the next version."""
    version = (
        InstrumentVersion.objects.select_for_update()
        .filter(instrument=instrument)
        .order_by("-number")
        .first()
    )
    document = definition.model_dump(mode="json")
    if version is not None and not version.is_frozen:
        version.definition = document
        version.save(update_fields=["definition"])
        return version
    return InstrumentVersion.objects.create(
        organisation=instrument.organisation,
        instrument=instrument,
        number=(version.number + 1) if version else 1,
        definition=document,
    )


def new_receipt_code() -> str:
    groups = [
        "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(4)) for _ in range(RECEIPT_GROUPS)
    ]
    return "-".join(groups)


def normalise_receipt_code(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I")  # forgive look-alikes when typed
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def receipt_hash(code: str) -> str:
    """Keyed hash of a receipt code; rotating SECRET_KEY makes old codes unusable."""
    return salted_hmac("samskab.story-receipt", normalise_receipt_code(code)).hexdigest()


def freeze(version: InstrumentVersion) -> None:
    """Mark ``version`` frozen: it has answered stories and is never edited again."""
    if version.frozen_at is None:
        InstrumentVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )


def bump_change_counter(collection: Collection, by: int = 1) -> None:
    """Invalidate cached analysis stores of ``collection`` (call in the writing transaction)."""
    Collection.objects.filter(pk=collection.pk).update(change_counter=F("change_counter") + by)


def story_row(
    collection: Collection,
    version: InstrumentVersion,
    story: CleanStory,
    source: StorySource,
    language: str,
    **extra: Any,
) -> Story:
    """An unsaved Story for ``story``: text masked, raw text only where the collection keeps it."""
    masked = mask(story.text)
    return Story(
        organisation=collection.organisation,
        collection=collection,
        version=version,
        prompt=story.prompt,
        title=mask(story.title).text,
        text=masked.text,
        text_raw=story.text if collection.keep_raw_text else "",
        level=story.level or "",
        answers=story.answers,
        language=language,
        source=source,
        **extra,
    )


@transaction.atomic
def submit_story(
    collection: Collection,
    version: InstrumentVersion,
    story: CleanStory,
    source: StorySource,
    language: str,
    external_id: str = "",
    consent: ConsentText | None = None,
) -> tuple[Story, str]:
    """Store one story and return it with its receipt code (shown once, stored hashed).

    ``consent`` is the wording the storyteller was shown and agreed to; the collection's current
    wording when the caller does not know which (the API, a form without the hidden field).
    """
    code = new_receipt_code()
    row = story_row(
        collection,
        version,
        story,
        source,
        language,
        receipt_hash=receipt_hash(code),
        external_id=external_id,
        consent=consent or collection.record_consent_text(),
    )
    row.save()
    freeze(version)
    bump_change_counter(collection)
    return row, code


def consent_shown(collection: Collection, number: object) -> ConsentText:
    """The consent wording a form showed (its hidden version number), else the current one."""
    # At most 9 digits: a longer string is no version, and past 4,300 digits int() raises.
    if isinstance(number, str) and number.isascii() and number.isdigit() and len(number) <= 9:
        shown = collection.consent_versions.filter(number=int(number)).first()
        if shown is not None:
            return shown
    return collection.record_consent_text()


@transaction.atomic
def withdraw(code: str) -> bool:
    """Delete the story with this receipt code. True if there was one."""
    story = (
        Story.objects.select_related("collection").filter(receipt_hash=receipt_hash(code)).first()
    )
    if story is None:
        return False
    collection = story.collection
    story.delete()
    bump_change_counter(collection)
    return True
