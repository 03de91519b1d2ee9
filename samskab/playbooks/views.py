"""The playbook pages: the draft and its sections, quotes and views, building, publishing,
reading a version, downloading its files, comparing two versions, and the organisation's logo.

Editing needs EDIT_PROJECTS; reading a published version depends on its visibility
(`services.may_read`): the project team (readers of stories) or the whole organisation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.instruments.models import Story
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.organisations.scoping import get_for_org_or_404
from samskab.organisations.services import audit_stories_read
from samskab.playbooks import diff, gate, services
from samskab.playbooks.assemble import assemble
from samskab.playbooks.assemble.draft import draft_of
from samskab.playbooks.document import from_json
from samskab.playbooks.forms import LogoForm, QuoteForm, SectionForm, SettingsForm, ViewsForm
from samskab.playbooks.models import (
    Branding,
    Playbook,
    PlaybookQuote,
    PlaybookSection,
    PlaybookVersion,
)
from samskab.playbooks.render import body_html
from samskab.playbooks.sections import PROMPTS, SectionKey
from samskab.projects.models import Project
from samskab.projects.views import posted, project_context


def _project(request: OrgRequest, pk: int) -> Project:
    return get_for_org_or_404(Project, request.organisation, pk=pk)


def _playbook(request: OrgRequest, project: Project) -> Playbook:
    return get_for_org_or_404(Playbook, request.organisation, project=project)


# A version's files are megabytes: pages that do not send them do not load them.
FILES = ("pdf", "docx", "document", "draft")


def _version(
    request: OrgRequest, playbook: Playbook, pk: int, without: tuple[str, ...] = FILES
) -> PlaybookVersion:
    version = get_for_org_or_404(
        PlaybookVersion, request.organisation, defer=without, pk=pk, playbook=playbook
    )
    if not services.may_read(version, request.membership):
        raise PermissionDenied
    return version


def _home(request: OrgRequest, project: Project, anchor: str = "") -> HttpResponse:
    url = reverse(
        "playbooks:home", kwargs={"org": request.organisation.slug, "project": project.pk}
    )
    return redirect(f"{url}#{anchor}" if anchor else url)


def _context(request: OrgRequest, project: Project, **extra: Any) -> dict[str, Any]:
    return project_context(request, project, "playbook", **extra)


# The draft --------------------------------------------------------------------------------------


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def home(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = Playbook.objects.for_org(request.organisation).filter(project=the_project).first()
    context = _context(request, the_project, playbook=playbook)
    if playbook is not None:
        context.update(_home_context(request, playbook))
    return render(request, "playbooks/home.html", context)


def _home_context(request: OrgRequest, playbook: Playbook) -> dict[str, Any]:
    editing = can(request, Perm.EDIT_PROJECTS)
    context: dict[str, Any] = {
        "versions": services.readable_versions(playbook, request.membership),
        "running": services.running_build(playbook) if editing else None,
    }
    if editing:
        context.update(
            sections=[(s, PROMPTS.get(SectionKey(s.key), "")) for s in playbook.sections.all()],
            quotes=list(playbook.quotes.select_related("story__collection")),
            settings_form=SettingsForm(
                initial={
                    "title": playbook.title,
                    "subtitle": playbook.subtitle,
                    "visibility": playbook.visibility,
                    "empty_sections": playbook.empty_sections,
                }
            ),
            views_form=ViewsForm(
                queryset=services.candidate_views(playbook),
                initial={"views": list(playbook.saved_views.all())},
            ),
        )
    return context


def _home_again(
    request: OrgRequest, project: Project, playbook: Playbook, **bound: Any
) -> HttpResponse:
    """The playbook page again with a rejected form, its errors and what was typed."""
    context = _context(request, project, playbook=playbook, **_home_context(request, playbook))
    context.update(bound)
    return render(request, "playbooks/home.html", context, status=422)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def start(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    services.ensure_playbook(the_project, request.user)
    return _home(request, the_project)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def settings(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.save_settings(playbook, **form.cleaned_data)
        messages.success(request, _("The settings were saved."))
        return _home(request, the_project, "settings")
    return _home_again(request, the_project, playbook, settings_form=form)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def section_edit(request: OrgRequest, project: int, key: str) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    section = get_for_org_or_404(PlaybookSection, request.organisation, playbook=playbook, key=key)
    initial = {"text": section.text, "included": section.included}
    form = SectionForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        services.save_section(section, user=request.user, **form.cleaned_data)
        messages.success(request, _("The section was saved."))
        return _home(request, the_project, f"section-{section.key}")
    context = _context(
        request,
        the_project,
        playbook=playbook,
        playbook_section=section,
        prompt=PROMPTS[SectionKey(section.key)],
        form=form,
        problems=gate.section_problems(section.key, section.text),
    )
    return render(
        request, "playbooks/section_form.html", context, status=422 if form.errors else 200
    )


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def section_move(request: OrgRequest, project: int, key: str) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    section = get_for_org_or_404(PlaybookSection, request.organisation, playbook=playbook, key=key)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        return HttpResponse(_("Choose up or down."), status=400, content_type="text/plain")
    services.move_section(section, offset)
    return _home(request, the_project, f"section-{section.key}")


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def views_choose(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    form = ViewsForm(request.POST, queryset=services.candidate_views(playbook))
    if form.is_valid():
        services.set_saved_views(playbook, list(form.cleaned_data["views"]))
        messages.success(request, _("The views were saved."))
        return _home(request, the_project, "views")
    return _home_again(request, the_project, playbook, views_form=form)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def quote_add(request: OrgRequest, project: int, story: int) -> HttpResponse:
    the_project = _project(request, project)
    the_story = get_for_org_or_404(
        Story, request.organisation, pk=story, collection__instrument__project=the_project
    )
    form = QuoteForm(posted(request), initial={"text": the_story.text})
    if form.is_bound and form.is_valid():
        # Quoting a story from the explorer starts the playbook if nobody has yet.
        playbook = services.ensure_playbook(the_project, request.user)
        try:
            services.add_quote(
                playbook,
                the_story,
                form.cleaned_data["text"],
                form.cleaned_data["comment"],
                request.user,
            )
        except services.QuoteRefused as refused:
            form.add_error("text", str(refused.message))
        else:
            messages.success(request, _("The quote was added."))
            return _home(request, the_project, "quotes")
    context = _context(request, the_project, story=the_story, form=form)
    audit_stories_read(request.organisation, the_project.title, "quote", None, 1, story=story)
    return render(request, "playbooks/quote_form.html", context, status=422 if form.errors else 200)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def quote_remove(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    get_for_org_or_404(PlaybookQuote, request.organisation, pk=pk, playbook=playbook).delete()
    messages.success(request, _("The quote was removed."))
    return _home(request, the_project, "quotes")


@require_GET
@org_view(Perm.EDIT_PROJECTS)
def draft(request: OrgRequest, project: int) -> HttpResponse:
    """The draft as a web page, assembled now (published figures: perturbed, gated)."""
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    language = get_language() or "da"
    document = assemble(playbook, draft_of(playbook), language=language, version=_("Draft"))
    context = _context(
        request, the_project, playbook=playbook, body=body_html(document, for_print=False)
    )
    return render(request, "playbooks/draft.html", context)


# Building and publishing -----------------------------------------------------------------------


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def build(request: OrgRequest, project: int) -> HttpResponse:
    """Make preview files of the draft (not published)."""
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    try:
        services.request_build(
            playbook, request.user, publish=False, language=get_language() or "da"
        )
    except services.BuildRunning as busy:
        messages.error(request, str(busy.message))
    return _home(request, the_project, "versions")


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def publish(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    language = get_language() or "da"
    if request.method == "POST":
        try:
            services.request_build(playbook, request.user, publish=True, language=language)
        except services.PublishRefused as refused:
            checked = refused.check
        except services.BuildRunning as busy:
            messages.error(request, str(busy.message))
            return _home(request, the_project, "versions")
        else:
            messages.success(request, _("The version is being made; it is published when ready."))
            return _home(request, the_project, "versions")
    else:
        checked = gate.check(playbook, language)
    context = _context(request, the_project, playbook=playbook, check=checked)
    status = 422 if request.method == "POST" else 200
    return render(request, "playbooks/publish.html", context, status=status)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def version_status(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = _project(request, project)
    version = _version(request, _playbook(request, the_project), pk, (*FILES, "html"))
    context = _context(request, the_project, version=version)
    return render(request, "playbooks/partials/_version_status.html", context)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def version_read(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    version = _version(request, playbook, pk)
    if not version.ready:
        raise Http404
    context = _context(request, the_project, playbook=playbook, version=version)
    return render(request, "playbooks/version.html", context)


def _download(version: PlaybookVersion, kind: str) -> HttpResponse:
    data = version.pdf if kind == "pdf" else version.docx
    if not version.ready or data is None:
        raise Http404
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    name = f"drejebog-{version.playbook.project_id}-{version.number or 'kladde'}.{kind}"
    response = HttpResponse(bytes(data), content_type=types[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def version_pdf(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = _project(request, project)
    return _download(
        _version(request, _playbook(request, the_project), pk, ("html", "docx")), "pdf"
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def version_docx(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = _project(request, project)
    return _download(
        _version(request, _playbook(request, the_project), pk, ("html", "pdf")), "docx"
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def compare(request: OrgRequest, project: int) -> HttpResponse:
    the_project = _project(request, project)
    playbook = _playbook(request, the_project)
    versions = [v for v in services.readable_versions(playbook, request.membership) if v.published]
    numbers = {str(v.number): v for v in versions}
    default_new = versions[0] if versions else None
    default_old = versions[1] if len(versions) > 1 else None
    old = numbers.get(request.GET.get("a", ""), default_old)
    new = numbers.get(request.GET.get("b", ""), default_new)
    changes = None
    if old is not None and new is not None and old.pk != new.pk:
        documents = PlaybookVersion.objects.filter(pk__in=[old.pk, new.pk]).in_bulk()
        old_doc, new_doc = documents[old.pk].document, documents[new.pk].document
        if old_doc and new_doc:
            changes = diff.compare(from_json(old_doc), from_json(new_doc))
    context = _context(
        request,
        the_project,
        playbook=playbook,
        versions=versions,
        old=old,
        new=new,
        changes=changes,
    )
    return render(request, "playbooks/compare.html", context)


# The organisation's logo -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_SETTINGS)
def logo(request: OrgRequest) -> HttpResponse:
    form = LogoForm(posted(request), request.FILES or None)
    if request.method == "POST" and request.POST.get("remove"):
        services.remove_logo(request.organisation)
        messages.success(request, _("The logo was removed."))
        return redirect("playbooks:logo", org=request.organisation.slug)
    if form.is_bound and form.is_valid():
        data, content_type, size = form.cleaned_data["logo"]
        services.set_logo(request.organisation, data, content_type, size, request.user)
        messages.success(request, _("The logo was saved."))
        return redirect("playbooks:logo", org=request.organisation.slug)
    branding = Branding.objects.filter(organisation=request.organisation).first()
    context = {"organisation": request.organisation, "form": form, "branding": branding}
    return render(request, "playbooks/logo.html", context, status=422 if form.errors else 200)


@require_GET
@org_view(Perm.VIEW_ORGANISATION)
def logo_image(request: OrgRequest) -> HttpResponse:
    branding = Branding.objects.filter(organisation=request.organisation).first()
    if branding is None:
        raise Http404
    response = HttpResponse(bytes(branding.logo), content_type=branding.logo_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
