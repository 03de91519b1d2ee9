"""Importing an indicator's measurements from CSV or XLSX: upload, preview, confirm.

The upload is read and checked row by row (services/imports.py) and shown as a preview; the
rows travel signed in the confirmation form, so the file is not uploaded twice and an edited
payload is refused. Confirming adds exactly the rows the preview showed as good, in one
transaction; if anything changed in between, the fresh preview is shown instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from samskab.lib.uploads import files_limit, limit_body
from samskab.measurement.forms.imports import ImportConfirmForm, ImportUploadForm
from samskab.measurement.models import Indicator
from samskab.measurement.services import imports
from samskab.measurement.services.measurements import MeasurementError, unit_name
from samskab.measurement.views.common import (
    get_indicator,
    get_project,
    measurement_context,
    posted,
    to_indicator,
)
from samskab.organisations.policy import OrgRequest, Perm, org_view

# A long file's preview shows this many rows of each table (all of them are counted).
SHOWN_ROWS = 500


def _page(
    request: OrgRequest,
    indicator: Indicator,
    form: ImportUploadForm | None,
    status: int,
    confirm: ImportConfirmForm | None = None,
) -> HttpResponse:
    context = measurement_context(
        request,
        indicator.project,
        "goals",
        indicator=indicator,
        goal=indicator.goal,
        unit=unit_name(indicator),
        form=form,
        confirm=confirm,
    )
    return render(request, "measurement/import.html", context, status=status)


def _preview(
    request: OrgRequest,
    indicator: Indicator,
    rows: list[imports.RawRow],
    status: int = 200,
    changed: bool = False,
) -> HttpResponse:
    result = imports.preview(indicator, rows)
    try:
        token = imports.seal(indicator, request.user, rows, result.good_numbers)
    except imports.ImportFileError as error:
        form = ImportUploadForm()
        form.add_error(None, error.message)
        return _page(request, indicator, form, status=422)
    confirm = ImportConfirmForm(initial={"payload": token}, indicator=indicator, user=request.user)
    context = measurement_context(
        request,
        indicator.project,
        "goals",
        indicator=indicator,
        goal=indicator.goal,
        unit=unit_name(indicator),
        result=result,
        confirm=confirm,
        changed=changed,
        shown_rows=SHOWN_ROWS,
    )
    return render(request, "measurement/import_preview.html", context, status=status)


def _confirm(request: OrgRequest, indicator: Indicator) -> HttpResponse:
    confirm = ImportConfirmForm(request.POST, indicator=indicator, user=request.user)
    if not confirm.is_valid():
        return _page(request, indicator, ImportUploadForm(), status=422, confirm=confirm)
    rows, expected = confirm.cleaned_data["payload"]
    try:
        added = imports.commit(indicator, rows, expected, request.user)
    except MeasurementError:
        return _preview(request, indicator, rows, status=422, changed=True)
    messages.success(
        request,
        ngettext(
            "%(count)d measurement was imported.",
            "%(count)d measurements were imported.",
            len(added),
        )
        % {"count": len(added)},
    )
    return to_indicator(request, indicator)


@require_http_methods(["GET", "POST"])
@org_view(Perm.RECORD_MEASUREMENTS)
@limit_body(files_limit(lambda: imports.MAX_BYTES))  # refused unread above (lib/uploads.py)
def measurement_import(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    if indicator.is_computed:
        # The page says why; nothing of a computed indicator is imported.
        return _page(request, indicator, None, status=422 if request.method == "POST" else 200)
    if request.method == "POST" and "payload" in request.POST:
        return _confirm(request, indicator)
    form = ImportUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _preview(request, indicator, form.cleaned_data["file"])
    return _page(request, indicator, form, status=422 if form.errors else 200)
