from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.assessments import services, timeline
from samskab.assessments.content import (
    INGREDIENTS,
    NOT_RELEVANT_LABEL,
    ROLE_SHIFTS,
    RULES_OF_THUMB,
    SCALE_LABELS,
    SOURCE,
    Item,
)
from samskab.assessments.forms import AssessmentForm, initial_for
from samskab.assessments.models import SelfAssessment
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.models import Project
from samskab.projects.views import get_project, project_context


def _assessment(request: HttpRequest, project: Project, pk: int) -> SelfAssessment:
    return get_for_org_or_404(SelfAssessment, organisation_of(request), pk=pk, project=project)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data on POST (even when empty, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def assessment_list(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    context = project_context(
        request,
        project_obj,
        section="assessments",
        overview=services.overview(project_obj),
        scale=[(score, label, timeline.y_of(score)) for score, label in SCALE_LABELS.items()],
        source=SOURCE,
    )
    return render(request, "assessments/assessment_list.html", context)


def _form_page(
    request: HttpRequest, project: Project, form: AssessmentForm, assessment: SelfAssessment | None
) -> HttpResponse:
    context = project_context(
        request,
        project,
        section="assessments",
        form=form,
        assessment=assessment,
        groups=[
            (_("Is it co-creation? The five ingredients"), form.item_fields(INGREDIENTS)),
            (_("Role shifts"), form.item_fields(ROLE_SHIFTS)),
            (_("Rules of thumb"), form.item_fields(RULES_OF_THUMB)),
        ],
        source=SOURCE,
    )
    status = 422 if form.errors else 200
    return render(request, "assessments/assessment_form.html", context, status=status)


def _save(
    request: HttpRequest, project: Project, form: AssessmentForm, assessment: SelfAssessment | None
) -> HttpResponse:
    data = services.AssessmentData(
        date=form.cleaned_data["date"],
        title=form.cleaned_data["title"],
        note=form.cleaned_data["note"],
        answers=form.answers(),
    )
    saved = services.save_assessment(project, data, request.user, assessment)  # type: ignore[arg-type]
    messages.success(request, _("The self-assessment was saved."))
    return redirect(
        "assessments:detail", org=organisation_of(request).slug, project=project.pk, pk=saved.pk
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def assessment_create(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    form = AssessmentForm(_posted(request), initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        return _save(request, project_obj, form, None)
    return _form_page(request, project_obj, form, None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def assessment_edit(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    assessment = _assessment(request, project_obj, pk)
    initial = initial_for(
        assessment.date, assessment.title, assessment.note, services.answers_of(assessment)
    )
    form = AssessmentForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save(request, project_obj, form, assessment)
    return _form_page(request, project_obj, form, assessment)


def score_label(score: int | None) -> str:
    if score is None:
        return str(NOT_RELEVANT_LABEL)
    return f"{score} – {SCALE_LABELS[score]}"


def _answer_rows(
    items: list[Item], answers: dict[str, tuple[int | None, str]]
) -> list[tuple[Item, str, str]]:
    return [(item, score_label(answers[item.code][0]), answers[item.code][1]) for item in items]


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def assessment_detail(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    assessment = _assessment(request, project_obj, pk)
    answers = services.answers_of(assessment)
    context = project_context(
        request,
        project_obj,
        section="assessments",
        assessment=assessment,
        groups=[
            (_("Is it co-creation? The five ingredients"), _answer_rows(INGREDIENTS, answers)),
            (_("Role shifts"), _answer_rows(ROLE_SHIFTS, answers)),
            (_("Rules of thumb"), _answer_rows(RULES_OF_THUMB, answers)),
        ],
        source=SOURCE,
    )
    return render(request, "assessments/assessment_detail.html", context)
