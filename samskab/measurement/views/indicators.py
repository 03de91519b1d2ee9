"""Indicators: creating and editing (by hand, import or computed from stories), one indicator's
chart and measurements, entering and deleting measurements, recomputing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.explorer.models import SavedView
from samskab.measurement.forms.goals import IndicatorForm, MeasurementForm
from samskab.measurement.models import Indicator, Measurement
from samskab.measurement.services import attachments, computed
from samskab.measurement.services import goals as goal_services
from samskab.measurement.services.charts import chart
from samskab.measurement.services.measurements import (
    MeasurementError,
    NewMeasurement,
    add_measurement,
    delete_measurement,
    unit_name,
)
from samskab.measurement.services.progress import STANDING_TEXT, progress
from samskab.measurement.services.readers import reader_of
from samskab.measurement.views.common import (
    get_goal,
    get_indicator,
    get_project,
    measurement_context,
    posted,
    to_indicator,
)
from samskab.organisations.policy import OrgRequest, Perm, org_view
from samskab.organisations.scoping import get_for_org_or_404


def _guide(form: IndicatorForm) -> list[tuple[SavedView, list[computed.SignifierOption]]]:
    """What each saved view of the project offers a computed indicator: its signifiers, their
    corners or choices, and the zones of triads, with the codes the form asks for."""
    field = form.fields["saved_view"]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
    language = get_language() or "da"
    views = list(field.queryset or [])
    return [(view, computed.signifier_options(view, language[:2])) for view in views]


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def indicator_create(request: OrgRequest, project: int, goal: int) -> HttpResponse:
    project_obj = get_project(request, project)
    goal_obj = get_goal(request, project_obj, goal)
    form = IndicatorForm(
        posted(request), project=project_obj, initial={"level": (goal_obj.levels or [""])[0]}
    )
    if request.method == "POST" and form.is_valid():
        indicator = goal_services.save_indicator(form, goal_obj, request.user)
        if indicator.is_computed:
            computed.refresh(indicator, force=True)
        messages.success(request, _("The indicator was added."))
        return to_indicator(request, indicator)
    context = measurement_context(
        request, project_obj, "goals", form=form, goal=goal_obj, guide=_guide(form)
    )
    return render(
        request, "measurement/indicator_form.html", context, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def indicator_edit(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    form = IndicatorForm(posted(request), instance=indicator, project=project_obj)
    if request.method == "POST" and form.is_valid():
        indicator = goal_services.save_indicator(form, indicator.goal, request.user)
        if indicator.is_computed:
            computed.refresh(indicator, force=True)
        messages.success(request, _("The indicator was saved."))
        return to_indicator(request, indicator)
    context = measurement_context(
        request,
        project_obj,
        "goals",
        form=form,
        goal=indicator.goal,
        indicator=indicator,
        guide=_guide(form),
    )
    return render(
        request, "measurement/indicator_form.html", context, status=422 if form.errors else 200
    )


def _detail(
    request: OrgRequest, indicator: Indicator, form: MeasurementForm | None, status: int = 200
) -> HttpResponse:
    if indicator.is_computed:
        computed.refresh(indicator)
    rows = list(
        indicator.measurements.select_related("entered_by", "attachment")
        .defer("attachment__data")
        .order_by("period_start", "period_end", "id")
    )
    # A computed n is a count of stories: perturbed for viewers (docs/disclosure.md).
    reader = reader_of(request.membership)
    for row in rows:
        row.n = row.shown_n(reader.exact, reader.k)
    state = progress(indicator, rows)
    context = measurement_context(
        request,
        indicator.project,
        "goals",
        indicator=indicator,
        goal=indicator.goal,
        state=state,
        chart=chart(indicator, rows),
        unit=unit_name(indicator),
        standing_text=STANDING_TEXT,
        form=form,
        milestones=list(indicator.milestones.all()),
        perturbed_n=indicator.is_computed and not reader.exact,
    )
    return render(request, "measurement/indicator_detail.html", context, status=status)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def indicator_detail(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    form = None if indicator.is_computed else MeasurementForm(None)
    return _detail(request, indicator, form)


@require_POST
@org_view(Perm.RECORD_MEASUREMENTS)
def measurement_add(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    form = MeasurementForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        new = NewMeasurement(
            data["period_start"],
            data["period_end"],
            data["value"],
            data["note"],
            data.get("lower"),
            data.get("upper"),
        )
        try:
            attachment = None
            if data.get("document"):
                attachment = attachments.store(project_obj, data["document"], request.user)
            add_measurement(indicator, new, request.user, attachment=attachment)
        except attachments.AttachmentError as error:
            form.add_error("document", str(error))
        except MeasurementError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The measurement was saved."))
            return to_indicator(request, indicator)
    return _detail(request, indicator, form, status=422)


@require_POST
@org_view(Perm.RECORD_MEASUREMENTS)
def measurement_delete(request: OrgRequest, project: int, pk: int, mpk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    measurement = get_for_org_or_404(Measurement, request.organisation, pk=mpk, indicator=indicator)
    if indicator.is_computed:
        messages.error(request, _("Values computed from the stories cannot be deleted."))
    else:
        delete_measurement(measurement, request.user)
        messages.success(request, _("The measurement was deleted."))
    return to_indicator(request, indicator)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def recompute(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    indicator = get_indicator(request, project_obj, pk)
    if indicator.is_computed:
        computed.refresh(indicator, force=True)
        messages.success(request, _("The indicator was computed again from the stories."))
    return to_indicator(request, indicator)
