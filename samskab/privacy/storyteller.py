"""A storyteller's own requests, by the receipt code shown once after sending: see the story as
stored, download it (JSON), or delete it with every copy (GDPR articles 15, 17 and 20).

The code is the only key: no account, no e-mail. Callers rate-limit attempts (the code has
about 60 bits; ``samskab.capture.ratelimit`` group ``withdraw``).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from samskab.instruments.models import Story
from samskab.instruments.services import receipt_hash
from samskab.organisations.models import AuditAction
from samskab.organisations.services import audit
from samskab.privacy.erasure import Erased, erase_stories, remove_stale_stores


def find(code: str) -> Story | None:
    return (
        Story.objects.select_related("collection", "organisation", "consent", "version")
        .filter(receipt_hash=receipt_hash(code))
        .first()
    )


def record(story: Story) -> dict[str, Any]:
    """Everything stored with the story, as the storyteller may take it with them."""
    consent = story.consent
    return {
        "organisation": story.organisation.name,
        "collection": story.collection.name,
        "received": story.created_at.isoformat(),
        "language": story.language,
        "source": story.source,
        "instrument_version": story.version.number,
        "question_answered": story.prompt,
        "title": story.title,
        "text": story.text,
        "text_as_written": story.text_raw or None,
        "level": story.level or None,
        "answers": story.answers,
        "consent": (
            {
                "version": consent.number,
                "text": consent.text,
                "in_use_from": str(consent.created_at),
            }
            if consent is not None
            else None
        ),
        "note": (
            "Names and other personal details in the text were hidden before anyone read it; "
            "'text_as_written' is kept only where the project said why. Nothing about you or "
            "your device (name, e-mail, IP address) was stored with the story."
        ),
    }


def download(story: Story) -> HttpResponse:
    audit(
        story.organisation,
        None,
        AuditAction.STORY_COPIED_BY_STORYTELLER,
        story.collection.name,
        story=story.pk,
        collection=story.collection_id,
    )
    body = json.dumps(record(story), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate(story.created_at).isoformat()
    response["Content-Disposition"] = f'attachment; filename="min-historie-{stamp}.json"'
    return response


def erase(story: Story) -> Erased:
    """Delete the story with its copies; the audit log says a story went, not what it said."""
    with transaction.atomic():
        organisation, collection = story.organisation, story.collection
        result = erase_stories(Story.objects.filter(pk=story.pk))
        audit(
            organisation,
            None,
            AuditAction.STORY_ERASED_BY_STORYTELLER,
            collection.name,
            story=story.pk,
            collection=collection.pk,
            evidence=result.evidence,
            quoted_in_published_playbooks=[q.version_id for q in result.quoted_in],
        )
        transaction.on_commit(remove_stale_stores)
    return result
