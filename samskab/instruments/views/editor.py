"""The instrument editor and its live preview.

One form holds the whole definition. Its submit buttons are named ``action``: ``save``,
``preview`` or an add/remove/move action (see ``samskab.instruments.editor``). With JavaScript,
htmx also posts the form to ``instruments:preview`` while typing and swaps the preview region.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samskab.instruments import services
from samskab.instruments.editor import (
    Draft,
    Errors,
    VersionNotice,
    apply_action,
    draft_from_post,
    validate,
)
from samskab.instruments.editor_layout import build
from samskab.instruments.models import Instrument, InstrumentVersion
from samskab.instruments.preview import build_preview
from samskab.instruments.views.common import ui_language
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404

SUMMARY_ID = "editor-problems"


def _notice(version: InstrumentVersion) -> VersionNotice:
    return VersionNotice(version.number, version.is_frozen, version.stories.count())


def _preview_context(request: HttpRequest, draft: Draft, errors: Errors) -> dict[str, object]:
    language = ui_language(request, request.POST.get("preview_language"))
    layout = build(draft, errors)
    return {
        "preview": build_preview(draft, language),
        "preview_language": language,
        "problems": layout.summary,
        "general_errors": layout.general_errors,
        "problem_count": len(layout.summary) + len(layout.general_errors),
        "layout": layout,
    }


def _page(
    request: HttpRequest,
    instrument: Instrument,
    draft: Draft,
    errors: Errors | None = None,
    focus: str = "",
    status: int = 200,
) -> HttpResponse:
    version = services.latest_version(instrument)
    context = {
        "organisation": organisation_of(request),
        "instrument": instrument,
        "notice": _notice(version),
        "show_errors": errors is not None,
        "focus_id": SUMMARY_ID if errors else focus,
        "summary_id": SUMMARY_ID,
        **_preview_context(request, draft, errors or {}),
    }
    return render(request, "instruments/instrument_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_for_org_or_404(Instrument, organisation_of(request), pk=pk)
    if request.method != "POST":
        return _page(request, instrument, services.latest_version(instrument).definition)
    draft = draft_from_post(request.POST)
    action = request.POST.get("action", "save")
    if action == "save":
        return _save(request, instrument, draft)
    if action == "preview":
        return _page(request, instrument, draft, validate(draft)[1])
    return _page(request, instrument, draft, focus=apply_action(draft, action))


def _save(request: HttpRequest, instrument: Instrument, draft: Draft) -> HttpResponse:
    definition, errors = validate(draft)
    if definition is None:
        return _page(request, instrument, draft, errors, status=422)
    before = services.latest_version(instrument)
    saved = services.save_definition(instrument, definition)
    if saved.number == before.number:
        messages.success(request, _("Version %(number)s was saved.") % {"number": saved.number})
    else:
        messages.success(
            request,
            _("Saved as version %(number)s; version %(old)s keeps its stories unchanged.")
            % {"number": saved.number, "old": before.number},
        )
    return redirect("instruments:edit", org=organisation_of(request).slug, pk=instrument.pk)


@require_POST
@org_view(Perm.MANAGE_INSTRUMENTS)
def instrument_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview region alone, for htmx while typing (the page's Preview button also works)."""
    instrument = get_for_org_or_404(Instrument, organisation_of(request), pk=pk)
    draft = draft_from_post(request.POST)
    context = {"instrument": instrument, **_preview_context(request, draft, validate(draft)[1])}
    return render(request, "instruments/partials/_preview_region.html", context)
