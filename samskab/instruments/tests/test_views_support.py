"""Helpers for the instrument view tests (plain functions; this module holds no tests)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

from django.utils import timezone

from samskab.instruments import services
from samskab.instruments.models import Collection, Instrument, Story, StorySource
from samskab.instruments.samples import sample_definition


def make_instrument(world, org=None, name="Parkhistorier") -> Instrument:
    return services.create_instrument(org or world.org_a, name, sample_definition(), world.anna)


def make_collection(instrument: Instrument, **fields) -> Collection:
    defaults = {
        "name": "Forår i parken",
        "consent_text": {"da": "Jeg siger ja.", "en": "I agree."},
        "opens_at": timezone.now() - datetime.timedelta(days=1),
    }
    defaults.update(fields)
    return Collection.objects.create(
        organisation=instrument.organisation, instrument=instrument, **defaults
    )


def make_story(collection: Collection, **fields) -> Story:
    """A stored story, written directly (the masking itself is tested with privacy.py)."""
    defaults = {
        "version": services.latest_version(collection.instrument),
        "prompt": "moment",
        "title": "Bænken",
        "text": "Vi byggede en bænk sammen med [navn].",
        "text_raw": "Vi byggede en bænk sammen med Jens Hansen.",
        "level": "user",
        "source": StorySource.PUBLIC,
    }
    defaults.update(fields)
    return Story.objects.create(
        organisation=collection.organisation, collection=collection, **defaults
    )


class FormCollector(HTMLParser):
    """What a browser would post from the form with the given id (without the button)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") != "submit":
            if attributes.get("type") == "checkbox":
                if "checked" in attributes:
                    self.data.append((name, attributes.get("value") or "on"))
            else:
                self.data.append((name, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.data.append((self._select, attributes.get("value") or ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(response, form_id="editor-form") -> dict[str, str]:
    collector = FormCollector(form_id)
    collector.feed(response.content.decode())
    return {name: value for name, value in collector.data if name != "csrfmiddlewaretoken"}
