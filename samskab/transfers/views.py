"""Import and export pages. Imports need MANAGE_INSTRUMENTS. Exports are full microdata (every
answer of every story, small groups included), so they need EXPORT_MICRODATA (admins and
facilitators) and each file of stories is written to the audit log (docs/disclosure.md);
analysts read stories in the explorer, where small groups are protected."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from samskab.instruments.models import Collection
from samskab.lib.forms import parse_int
from samskab.lib.uploads import files_limit, limit_body
from samskab.organisations.policy import OrgRequest, Perm, can, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.views import posted
from samskab.transfers import exports, mapping, services
from samskab.transfers.forms import (
    LevelForm,
    LevelListForm,
    MappingForm,
    SenseMakerUploadForm,
    UploadForm,
    initial_mapping,
    max_upload,
)
from samskab.transfers.models import ImportJob, ImportKind, ImportStatus
from samskab.transfers.sensemaker.writing import BOM, csv_line

EXPORT_FORMATS = ("raw", "definition", "tidy", "xlsx")
STORY_FORMATS = ("raw", "tidy", "xlsx")  # files of stories; the definition holds none
TYPE_LABELS = {
    "triad": gettext_lazy("Triad"),
    "dyad": gettext_lazy("Dyad (slider)"),
    "stones": gettext_lazy("Stones"),
    "single": gettext_lazy("Single choice"),
    "multi": gettext_lazy("Multiple choice"),
    "freetext": gettext_lazy("Free text"),
}


def _collection(request: HttpRequest, pk: int) -> Collection:
    return get_for_org_or_404(Collection, organisation_of(request), pk=pk)


# The uploaded file and its rows can be megabytes: pages read them only when a service needs them.
LARGE_FIELDS = ("upload", "table")


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_for_org_or_404(ImportJob, organisation_of(request), pk=pk, defer=LARGE_FIELDS)


def _to_job(job: ImportJob) -> HttpResponse:
    return redirect("transfers:job", org=job.organisation.slug, pk=job.pk)


@require_GET
@org_view(Perm.MANAGE_INSTRUMENTS)
def job_list(request: OrgRequest) -> HttpResponse:
    organisation = organisation_of(request)
    jobs = (
        ImportJob.objects.for_org(organisation)
        .defer(*LARGE_FIELDS, "source_definition")
        .select_related("collection")[:50]
    )
    collections = Collection.objects.for_org(organisation).select_related("instrument")
    context = {
        "organisation": organisation,
        "jobs": jobs,
        "collections": collections,
        "can_export": can(request, Perm.EXPORT_MICRODATA),
    }
    return render(request, "transfers/job_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
@limit_body(files_limit(max_upload))
def upload(request: OrgRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    collection = _collection(request, pk)
    form = UploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data: bytes = form.cleaned_data["file"]
        job = services.start_table_import(collection, form.file_name, data, request.user)
        return _to_job(job)  # the worker reads the file; the page follows it
    context = {"organisation": organisation, "collection": collection, "form": form}
    return render(request, "transfers/upload.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
def column_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if (
        job.kind != ImportKind.TABLE
        or job.status not in (ImportStatus.UPLOADED, ImportStatus.PREVIEWED)
        or job.options.get("layout") != "mapped"
        or job.is_busy
    ):
        return _to_job(job)
    definition = services.definition_of(job)
    form = _mapping_form(request, job, mapping.groups(definition), definition)
    if request.method == "POST" and form.is_valid():
        services.save_mapping(job, form.columns(), form.choices())
        return _to_job(job)
    context = {
        "organisation": job.organisation,
        "job": job,
        "form": form,
        "sample": job.options.get("sample", []),
    }
    status = 422 if form.errors else 200
    return render(request, "transfers/mapping.html", context, status=status)


def _mapping_form(
    request: HttpRequest, job: ImportJob, groups: list[mapping.Group], definition: Any
) -> MappingForm:
    """The matching as suggested by the worker that read the file, or as last saved."""
    suggested = job.options.get("columns") or job.options.get("suggested", {})
    initial = initial_mapping(suggested, float(job.options.get("position_scale", 1)))
    for key in ("prompt", "default_level"):
        if key in job.options:
            initial[key] = job.options[key]
    return MappingForm(
        posted(request),
        groups=groups,
        headers=job.options.get("headers", []),
        definition=definition,
        initial=initial,
    )


@require_GET
@org_view(Perm.MANAGE_INSTRUMENTS)
def job_detail(request: OrgRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if request.htmx:  # type: ignore[attr-defined]
        if not job.is_busy:
            return HttpResponseClientRefresh()  # the finished page has forms: load it whole
        return render(request, "transfers/partials/_job_status.html", {"job": job})
    return render(request, "transfers/job.html", _job_context(request, job))


def _job_context(request: OrgRequest, job: ImportJob, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "organisation": job.organisation,
        "job": job,
        "can_export": can(request, Perm.EXPORT_MICRODATA),
        **extra,
    }
    found = job.report.get("framework")
    if found:
        context["framework"] = found
        context["recognised"] = [
            {**part, "type_label": TYPE_LABELS.get(part["type"], part["type"])}
            for part in found["recognised"]
        ]
    if job.kind == ImportKind.SENSEMAKER and found and "level_form" not in extra:
        titles = found.get("list_titles", {})
        chosen = request.GET.get("level_list", (job.options.get("level") or {}).get("column", ""))
        chosen = chosen if chosen in found["lists"] else ""
        context["level_list_form"] = LevelListForm(
            {"level_list": chosen}, lists=found["lists"], titles=titles
        )
        context["level_form"] = LevelForm(None, lists=found["lists"], chosen=chosen)
    rejected = job.report.get("rejected", [])
    context["rejected"] = rejected[: services.MAX_REJECTED_SHOWN]
    context["rejected_hidden"] = max(len(rejected) - services.MAX_REJECTED_SHOWN, 0)
    return context


@require_POST
@org_view(Perm.MANAGE_INSTRUMENTS)
def confirm(request: OrgRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    options: dict[str, Any] = {}
    found = job.report.get("framework")
    if job.kind == ImportKind.SENSEMAKER and found:
        chosen = request.POST.get("level_list", "")
        form = LevelForm(posted(request), lists=found["lists"], chosen=chosen)
        if not form.is_valid():
            context = _job_context(request, job, level_form=form)
            return render(request, "transfers/job.html", context, status=422)
        options = form.level_option()
    try:
        services.confirm(job, options)
    except services.ImportError_ as exc:
        messages.error(request, str(exc))
        return _to_job(job)
    messages.success(request, _("The import has started."))
    return _to_job(job)


@require_POST
@org_view(Perm.MANAGE_INSTRUMENTS)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.cancel(job)
    except services.ImportError_ as exc:
        messages.error(request, str(exc))
        return _to_job(job)
    messages.success(request, _("The import was cancelled; nothing was stored."))
    return redirect("transfers:jobs", org=job.organisation.slug)


@require_GET
@org_view(Perm.MANAGE_INSTRUMENTS)
def rejected_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    job = _job(request, pk)

    def lines() -> Any:
        yield BOM + csv_line([_("Row"), _("Field"), _("Reason")])
        for entry in job.report.get("rejected", []):
            yield csv_line([entry["row"], entry["field"], entry["reason"]])

    return _download(lines(), f"rejected-rows-{job.pk}.csv", "text/csv; charset=utf-8")


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
@limit_body(files_limit(max_upload, files=2))
def sensemaker_upload(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = SenseMakerUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_sensemaker_import(
            organisation,
            form.cleaned_data["name"] or "",
            form.cleaned_data["definition"],
            form.cleaned_data["data_file"],
            request.user,  # type: ignore[arg-type]
            file_name=form.file_name,
        )
        return _to_job(job)
    context = {"organisation": organisation, "form": form}
    status = 422 if form.errors else 200
    return render(request, "transfers/sensemaker_upload.html", context, status=status)


# --- Exports ----------------------------------------------------------------------------------


@require_GET
@org_view(Perm.EXPORT_MICRODATA)
def export_page(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(request, pk)
    context = {
        "organisation": organisation_of(request),
        "collection": collection,
        "versions": exports.versions(collection),
        "formats": EXPORT_FORMATS,
    }
    return render(request, "transfers/export.html", context)


def _download(content: Any, filename: str, content_type: str) -> StreamingHttpResponse:
    """A streamed attachment: large collections never sit in memory as one string."""
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@org_view(Perm.EXPORT_MICRODATA)
def export(request: OrgRequest, pk: int, fmt: str) -> HttpResponseBase:
    collection = _collection(request, pk)
    version = exports.version_for(collection, parse_int(request.GET.get("version", "")))
    if fmt not in EXPORT_FORMATS or version is None:
        raise Http404
    if fmt in STORY_FORMATS:
        exports.audit_export(collection, version, fmt, request.user)
    stem = f"{collection.slug[:8]}-v{version.number}"
    if fmt == "raw":
        return _download(exports.raw_csv(collection, version), f"{stem}-data.csv", "text/csv")
    if fmt == "tidy":
        return _download(exports.tidy_csv(collection, version), f"{stem}-tidy.csv", "text/csv")
    if fmt == "xlsx":
        workbook = FileResponse(
            exports.tidy_xlsx(collection, version),
            as_attachment=True,
            filename=f"{stem}-tidy.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return workbook
    document = json.dumps(
        exports.definition_json(collection, version), ensure_ascii=False, indent=1
    )
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-definition.json"'
    return response
