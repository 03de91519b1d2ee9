"""Demo: the published playbook of "Parken der blev fornyet", in two versions.

Sources: the words are in `samskab.playbooks.demo_text` (written from the demo record and the
two source documents, "Samskabelseslaboratoriet" and "Manifest for National Bevægelse for
Samskabelse", 2017); the saved views and quoted stories come from the collection "Fortællinger
fra parken" that `samskab.explorer.demo` makes. Load it after the explorer and measurement
demos.

``load(project)`` saves three explorer views with an observation each, fills the ten sections,
quotes four story excerpts the disclosure gate lets through (from stories the Most Significant
Change round did not shortlist, since the playbook prints those in full), publishes version 1,
then saves the revised summary and reflections and publishes version 2. Publishing queues each
version for the background worker, which makes its web page, PDF and Word document. It is
idempotent: views are matched by title, quotes by their text, and a playbook that already has
two numbered versions is left alone.
"""

from __future__ import annotations

import io

from django.contrib.auth.models import User
from PIL import Image, ImageDraw

from samskab.explorer.models import Observation, SavedView
from samskab.instruments.models import Collection, Story
from samskab.measurement.models import MscCandidate
from samskab.playbooks import demo_text, services
from samskab.playbooks.models import Branding, EmptySections, Playbook, Visibility
from samskab.projects.models import Project

FACILITATOR = "facilitator@demo.dk"
# Stories tried per quote: a few are refused (a rarely chosen feeling puts a story in a small
# group), so the first passing one is quoted.
CANDIDATES = 50
VERSIONS = 2


def load(project: Project) -> None:
    """Publish the demo playbook of ``project`` (once; a second call changes nothing)."""
    user = _user(FACILITATOR)
    _logo(project, user)
    collection = _collection(project)
    views = _views(collection, user) if collection is not None else []
    playbook = services.ensure_playbook(project, user)
    numbered = playbook.versions.filter(number__isnull=False).count()
    # Both publications are queued for the background worker (`make run` starts it): loading
    # the demo stays quick, and the playbook page shows them being made.
    if numbered == 0:
        _first_draft(playbook, views, collection, user)
        _publish(playbook, user)
    if numbered < VERSIONS:
        _revise(playbook, user)
        _publish(playbook, user)


def _publish(playbook: Playbook, user: User | None) -> None:
    services.request_build(playbook, user, publish=True, language="da", queue_behind=True)


def _logo(project: Project, user: User | None) -> None:
    """Demo Kommune's logo for the cover: a tree in a teal disc, drawn here (PNG)."""
    if Branding.objects.filter(organisation=project.organisation).exists():
        return
    size = 240
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill="#0b5d5b")
    draw.rectangle((110, 150, 130, 200), fill="white")
    for top, half in ((40, 50), (75, 65), (110, 80)):
        draw.polygon([(120, top), (120 - half, top + 60), (120 + half, top + 60)], fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    services.set_logo(project.organisation, out.getvalue(), "image/png", (size, size), user)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _collection(project: Project) -> Collection | None:
    return (
        Collection.objects.for_org(project.organisation)
        .filter(instrument__project=project)
        .order_by("id")
        .first()
    )


def _views(collection: Collection, user: User | None) -> list[SavedView]:
    """The demo's saved views with their observations, made once (matched by title)."""
    views = []
    for spec in demo_text.OBSERVATIONS:
        view, _created = SavedView.objects.get_or_create(
            organisation=collection.organisation,
            collection=collection,
            title=spec["title"],
            defaults={
                "query": spec["query"],
                "signifier": spec["signifier"],
                "comparison": spec["comparison"],
                "created_by": user,
            },
        )
        if not view.observations.exists():
            Observation.objects.create(
                organisation=collection.organisation,
                saved_view=view,
                text=spec["text"],
                interpretations=spec["interpretations"],
                created_by=user,
            )
        views.append(view)
    return views


def _first_draft(
    playbook: Playbook,
    views: list[SavedView],
    collection: Collection | None,
    user: User | None,
) -> None:
    playbook.title = demo_text.TITLE
    playbook.subtitle = demo_text.SUBTITLE
    playbook.visibility = Visibility.ORGANISATION
    playbook.empty_sections = EmptySections.MARK
    playbook.save(update_fields=["title", "subtitle", "visibility", "empty_sections", "updated_at"])
    _write(playbook, demo_text.SECTIONS, user)
    services.set_saved_views(playbook, views)
    if collection is not None:
        _quotes(playbook, collection, user)


def _revise(playbook: Playbook, user: User | None) -> None:
    _write(playbook, demo_text.REVISION, user)


def _write(playbook: Playbook, texts: dict[str, str], user: User | None) -> None:
    for section in playbook.sections.filter(key__in=list(texts)):
        services.save_section(section, text=texts[section.key], included=True, user=user)


def _quotes(playbook: Playbook, collection: Collection, user: User | None) -> None:
    """Quote each excerpt from the first story the disclosure gate lets through; stories the
    Most Significant Change round shortlisted are printed in full already, so not those."""
    org = collection.organisation
    have = set(playbook.quotes.values_list("text", flat=True))
    shortlisted = MscCandidate.objects.for_org(org).filter(round__project=playbook.project)
    for spec in demo_text.QUOTES:
        if spec["find"] in have:
            continue
        stories = (
            Story.objects.for_org(org)
            .filter(collection=collection, level=spec["level"], text__contains=spec["find"])
            .exclude(pk__in=shortlisted.values("story_id"))
            .order_by("id")[:CANDIDATES]
        )
        for story in stories:
            try:
                services.add_quote(playbook, story, spec["find"], spec["comment"], user)
            except services.QuoteRefused:
                continue
            break
