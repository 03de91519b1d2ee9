"""Making, editing, building and publishing a project's playbook.

A build (preview or publication) freezes the draft at the moment it is asked for and runs in
the background (`tasks.build_playbook`): the document is assembled from the record, rendered
to HTML, PDF and Word, and stored in the version. A publication gets its number when it is
asked for and becomes readable when its files are ready; it never changes afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_stubs_ext import StrOrPromise

from samskab.explorer.models import SavedView
from samskab.explorer.services.disclosure import reason_text
from samskab.explorer.services.publish import quote_refusals
from samskab.explorer.services.query import threshold
from samskab.instruments.models import Story
from samskab.organisations.models import Membership, Organisation
from samskab.organisations.policy import Perm, allows
from samskab.playbooks import gate
from samskab.playbooks.assemble import assemble
from samskab.playbooks.assemble.draft import Draft, draft_of
from samskab.playbooks.document import to_json
from samskab.playbooks.models import (
    Branding,
    BuildStatus,
    Playbook,
    PlaybookQuote,
    PlaybookSection,
    PlaybookVersion,
    Visibility,
)
from samskab.playbooks.sections import ORDER
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


class PlaybookError(Exception):
    def __init__(self, message: StrOrPromise, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class QuoteRefused(PlaybookError):
    def __init__(self, reasons: list[str], k: int) -> None:
        self.reasons = reasons
        words = " ".join(reason_text(code, k) for code in reasons)
        super().__init__(words, "quote_refused")


class PublishRefused(PlaybookError):
    def __init__(self, check: gate.Check) -> None:
        self.check = check
        super().__init__(_("The playbook cannot be published yet."), "publish_refused")


class BuildRunning(PlaybookError):
    def __init__(self) -> None:
        super().__init__(
            _("A version is being made. Wait until it is ready before asking for another."),
            "build_running",
        )


# The draft ---------------------------------------------------------------------------------


@transaction.atomic
def ensure_playbook(project: Project, user: User | None) -> Playbook:
    """The project's playbook, made with its ten sections the first time."""
    playbook, created = Playbook.objects.get_or_create(
        organisation=project.organisation,
        project=project,
        defaults={"title": _("Playbook: %(title)s") % {"title": project.title}, "created_by": user},
    )
    have = set(playbook.sections.values_list("key", flat=True))
    PlaybookSection.objects.bulk_create(
        PlaybookSection(
            organisation=project.organisation, playbook=playbook, key=key, position=position
        )
        for position, key in enumerate(ORDER)
        if key not in have
    )
    return playbook


@transaction.atomic
def save_settings(
    playbook: Playbook, *, title: str, subtitle: str, visibility: str, empty_sections: str
) -> Playbook:
    playbook.title = title.strip()
    playbook.subtitle = subtitle.strip()
    playbook.visibility = visibility
    playbook.empty_sections = empty_sections
    playbook.save()
    return playbook


@transaction.atomic
def save_section(
    section: PlaybookSection, *, text: str, included: bool, user: User | None
) -> PlaybookSection:
    section.text = text.replace("\r\n", "\n").strip()
    section.included = included
    section.updated_by = user
    section.save()
    Playbook.objects.filter(pk=section.playbook_id).update(updated_at=timezone.now())
    return section


@transaction.atomic
def move_section(section: PlaybookSection, offset: int) -> None:
    """Move a section up (-1) or down (+1) in the playbook's order."""
    ordered = list(section.playbook.sections.select_for_update().order_by("position", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def set_saved_views(playbook: Playbook, views: Sequence[SavedView]) -> None:
    mine = [v for v in views if v.collection.instrument.project_id == playbook.project_id]
    playbook.saved_views.set(mine)


def candidate_views(playbook: Playbook) -> QuerySet[SavedView]:
    return (
        SavedView.objects.for_org(playbook.organisation)
        .filter(collection__instrument__project=playbook.project)
        .select_related("collection")
        .order_by("collection_id", "title", "id")
    )


@transaction.atomic
def add_quote(
    playbook: Playbook, story: Story, text: str, comment: str, user: User | None
) -> PlaybookQuote:
    """Quote a passage of a story, if the disclosure gate lets it be published."""
    excerpt = " ".join(text.split())
    # The view finds the story among the project's own collections (another project's is a 404).
    reasons = quote_refusals(story, excerpt)
    if reasons:
        raise QuoteRefused(reasons, threshold(playbook.organisation))
    last = playbook.quotes.aggregate(m=Max("position"))["m"]
    return PlaybookQuote.objects.create(
        organisation=playbook.organisation,
        playbook=playbook,
        story=story,
        text=excerpt,
        comment=comment.strip(),
        position=0 if last is None else last + 1,
        added_by=user,
    )


# Building and publishing ---------------------------------------------------------------------


def running_build(playbook: Playbook) -> PlaybookVersion | None:
    return playbook.versions.filter(status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]).first()


@transaction.atomic
def request_build(
    playbook: Playbook,
    user: User | None,
    *,
    publish: bool,
    language: str,
    queue_behind: bool = False,
) -> PlaybookVersion:
    """Freeze the draft and ask for its files; a publication must pass the gate first.

    A person asking while a build waits or runs is told to wait (a double click must not
    publish twice); `queue_behind` queues it after the running one instead (the demo).
    """
    Playbook.objects.select_for_update().filter(pk=playbook.pk).first()
    if running_build(playbook) is not None and not queue_behind:
        raise BuildRunning
    if publish:
        checked = gate.check(playbook, language)
        if not checked.ok:
            raise PublishRefused(checked)
    number = None
    if publish:
        last = playbook.versions.aggregate(m=Max("number"))["m"]
        number = (last or 0) + 1
    version = PlaybookVersion.objects.create(
        organisation=playbook.organisation,
        playbook=playbook,
        number=number,
        visibility=playbook.visibility if publish else Visibility.TEAM,
        draft={"language": language, **draft_of(playbook).to_json()},
        requested_by=user,
    )
    if not publish:
        # One preview at a time is enough: older previews go.
        playbook.versions.filter(number__isnull=True).exclude(pk=version.pk).delete()
    from samskab.playbooks.tasks import build_playbook

    org_id, version_id = version.organisation_id, version.pk
    transaction.on_commit(lambda: build_playbook.enqueue(org_id, version_id))
    return version


def _step(version: PlaybookVersion, progress: int, step: str) -> None:
    version.progress = progress
    version.step = step
    PlaybookVersion.objects.filter(pk=version.pk).update(progress=progress, step=step)


def run_build(version: PlaybookVersion) -> None:
    """Assemble and render a version (the task's body); a failure is recorded, not raised."""
    from samskab.playbooks.render import body_html, pdf_bytes
    from samskab.playbooks.render_docx import render_docx

    # Claim the build: a version built already (publish_now, then its queued task) or being
    # built by another worker is left alone.
    claimed = PlaybookVersion.objects.filter(pk=version.pk, status=BuildStatus.QUEUED).update(
        status=BuildStatus.RUNNING
    )
    if not claimed:
        return
    draft_json = dict(version.draft)
    language = draft_json.pop("language", "da")
    draft = Draft.from_json(draft_json)
    try:
        with override(language):
            label, when = _labels(version)
            document = assemble(
                version.playbook,
                draft,
                language=language,
                version=label,
                published=when,
                progress=lambda p, key: _step(version, p, key),
            )
            _step(version, 65, "html")
            html = body_html(document, for_print=False)
            _step(version, 70, "pdf")
            pdf, pages = pdf_bytes(document)
            _step(version, 92, "docx")
            docx = render_docx(document)
    except Exception as error:
        logger.exception("Building playbook version %s failed", version.pk)
        PlaybookVersion.objects.filter(pk=version.pk).update(
            status=BuildStatus.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
        return
    _finish(version, to_json(document), html, pdf, pages, docx)


def _labels(version: PlaybookVersion) -> tuple[str, str]:
    if version.number is None:
        return _("Draft"), ""
    return _("Version %(n)s") % {"n": version.number}, date_format(timezone.localdate(), "j. F Y")


@transaction.atomic
def _finish(
    version: PlaybookVersion,
    document: dict[str, object],
    html: str,
    pdf: bytes,
    pages: int,
    docx: bytes,
) -> None:
    now = timezone.now()
    version.document = document
    version.html = html
    version.pdf = pdf
    version.pages = pages
    version.docx = docx
    version.status = BuildStatus.READY
    version.progress = 100
    version.step = ""
    version.finished_at = now
    if version.number is not None:
        version.published = True
        version.published_at = now
    version.save()


def publish_now(playbook: Playbook, user: User | None, language: str = "da") -> PlaybookVersion:
    """Publish and build at once, without the worker (the demo and tests)."""
    with transaction.atomic():
        version = request_build(playbook, user, publish=True, language=language)
    run_build(version)  # the task queued on commit finds it built and does nothing
    version.refresh_from_db()
    return version


# Who reads what ---------------------------------------------------------------------------------


def may_read(version: PlaybookVersion, membership: Membership) -> bool:
    """A published version by its visibility; previews are for those who edit the draft."""
    if not version.published:
        return allows(membership, Perm.EDIT_PROJECTS)
    if version.visibility == Visibility.TEAM:
        return allows(membership, Perm.READ_STORIES)
    return allows(membership, Perm.VIEW_PROJECTS)


def readable_versions(playbook: Playbook, membership: Membership) -> list[PlaybookVersion]:
    rows = playbook.versions.defer("html", "pdf", "docx", "document").order_by("-number", "-id")
    return [v for v in rows if may_read(v, membership)]


# The organisation's logo ---------------------------------------------------------------------


@transaction.atomic
def set_logo(
    organisation: Organisation,
    data: bytes,
    content_type: str,
    size: tuple[int, int],
    user: User | None,
) -> Branding:
    branding, _created = Branding.objects.update_or_create(
        organisation=organisation,
        defaults={
            "logo": data,
            "logo_type": content_type,
            "width": size[0],
            "height": size[1],
            "uploaded_by": user,
        },
    )
    return branding


@transaction.atomic
def remove_logo(organisation: Organisation) -> None:
    Branding.objects.filter(organisation=organisation).delete()
