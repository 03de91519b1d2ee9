"""Unplanned gains, the learning log and milestones."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import TextChoices
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from samskab.measurement.content import ValueKind, ValueLevel
from samskab.measurement.forms.log import (
    GainForm,
    LearningFilterForm,
    LearningForm,
    MilestoneForm,
    ReachedForm,
)
from samskab.measurement.models import Milestone, UnplannedGain
from samskab.measurement.services import log as services
from samskab.measurement.views.common import get_project, measurement_context, posted
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.models import Project


def _page(request: OrgRequest, name: str, project: Project, anchor: str = "") -> HttpResponse:
    url = reverse(name, kwargs={"org": request.organisation.slug, "project": project.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _labels(values: list[str], choices: type[TextChoices]) -> list[StrOrPromise]:
    known = dict(choices.choices)
    return [known[value] for value in values if value in known]


# Unplanned gains -------------------------------------------------------------------------


@dataclass
class GainRow:
    gain: UnplannedGain
    levels: list[StrOrPromise]
    value_kinds: list[StrOrPromise]


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def gain_list(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    rows = [
        GainRow(gain, _labels(gain.levels, ValueLevel), _labels(gain.value_kinds, ValueKind))
        for gain in services.gains(the_project)
    ]
    context = measurement_context(request, the_project, "gains", rows=rows)
    return render(request, "measurement/gain_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.RECORD_MEASUREMENTS)
def gain_create(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    form = GainForm(posted(request))
    if form.is_bound and form.is_valid():
        gain = services.create_gain(the_project, form.new_gain(), request.user)
        messages.success(request, _("The gain was noted."))
        return _page(request, "measurement:gains", the_project, f"gain-{gain.pk}")
    context = measurement_context(request, the_project, "gains", form=form)
    status = 422 if form.errors else 200
    return render(request, "measurement/gain_form.html", context, status=status)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def gain_promote(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = get_project(request, project)
    gain = get_for_org_or_404(UnplannedGain, request.organisation, pk=pk, project=the_project)
    goal, created = services.promote_gain(gain, request.user)
    if not created:
        messages.info(
            request, _("This gain already became the goal “%(goal)s”.") % {"goal": goal.title}
        )
        return _page(request, "measurement:gains", the_project, f"gain-{gain.pk}")
    messages.success(
        request,
        _(
            "The gain is now an outcome goal. Check its wording, add who owns it and the "
            "political goals it serves."
        ),
    )
    return redirect(
        "measurement:goal_edit", org=request.organisation.slug, project=the_project.pk, pk=goal.pk
    )


# The learning log ------------------------------------------------------------------------


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def learning_list(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    filters = LearningFilterForm(request.GET or None, project=the_project)
    if filters.is_bound:
        filters.is_valid()  # an invalid field is shown beside it and does not narrow
    entries = services.learning_entries(the_project, filters.narrowing())
    context = measurement_context(
        request, the_project, "learning", filters=filters, entries=entries
    )
    return render(request, "measurement/learning_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.RECORD_MEASUREMENTS)
def learning_create(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    form = LearningForm(posted(request), project=the_project)
    if form.is_bound and form.is_valid():
        entry = services.create_learning(the_project, form.new_learning(), request.user)
        messages.success(request, _("The experience was added to the learning log."))
        return _page(request, "measurement:learning", the_project, f"learning-{entry.pk}")
    context = measurement_context(request, the_project, "learning", form=form)
    status = 422 if form.errors else 200
    return render(request, "measurement/learning_form.html", context, status=status)


# Milestones ------------------------------------------------------------------------------


@dataclass
class MilestoneRow:
    milestone: Milestone
    form: ReachedForm | None


def _reached_form(milestone: Milestone, data: QueryDict | None = None) -> ReachedForm:
    return ReachedForm(data, auto_id=f"reached-{milestone.pk}-%s")


def _milestone_page(
    request: OrgRequest, project: Project, bound: ReachedForm | None = None, pk: int = 0
) -> HttpResponse:
    editable = can(request, Perm.EDIT_PROJECTS)
    rows = []
    for milestone in services.milestones(project):
        form = None
        if editable and milestone.reached_on is None:
            form = bound if bound is not None and pk == milestone.pk else _reached_form(milestone)
        rows.append(MilestoneRow(milestone, form))
    context = measurement_context(
        request,
        project,
        "milestones",
        upcoming=[row for row in rows if row.milestone.reached_on is None],
        reached=[row for row in rows if row.milestone.reached_on is not None],
        timeline=services.timeline(project),
        error_form=bound,
    )
    status = 422 if bound is not None and bound.errors else 200
    return render(request, "measurement/milestone_list.html", context, status=status)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def milestone_list(request: OrgRequest, project: int) -> HttpResponse:
    return _milestone_page(request, get_project(request, project))


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def milestone_create(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    form = MilestoneForm(posted(request), project=the_project)
    if form.is_bound and form.is_valid():
        milestone = services.create_milestone(the_project, form.new_milestone(), request.user)
        if milestone.reached_on is not None:
            messages.success(
                request,
                _("The milestone was added, and a measurement has already reached it."),
            )
        else:
            messages.success(request, _("The milestone was added."))
        return _page(request, "measurement:milestones", the_project, f"milestone-{milestone.pk}")
    context = measurement_context(request, the_project, "milestones", form=form)
    status = 422 if form.errors else 200
    return render(request, "measurement/milestone_form.html", context, status=status)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def milestone_reached(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    the_project = get_project(request, project)
    milestone = get_for_org_or_404(Milestone, request.organisation, pk=pk, project=the_project)
    form = _reached_form(milestone, request.POST)
    if not form.is_valid():
        return _milestone_page(request, the_project, form, milestone.pk)
    if services.mark_reached(milestone, request.user, form.cleaned_data["note"]):
        messages.success(
            request,
            _("Congratulations: “%(title)s” is reached. Take the time to celebrate it.")
            % {"title": milestone.title},
        )
    else:
        milestone.refresh_from_db(fields=["reached_on"])
        reached = date_format(milestone.reached_on) if milestone.reached_on else ""
        messages.info(
            request,
            _("“%(title)s” was already reached on %(date)s.")
            % {"title": milestone.title, "date": reached},
        )
    return _page(request, "measurement:milestones", the_project, f"milestone-{milestone.pk}")
