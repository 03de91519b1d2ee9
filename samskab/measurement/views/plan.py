"""The measurement plan: the Appendix 1 questions, answered and kept with their history."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from samskab.measurement.content import QUESTION_BY_CODE, SOURCE
from samskab.measurement.forms.plan import PlanAnswerForm, PlanChoices
from samskab.measurement.services import plan as services
from samskab.measurement.services.plan import PlanState, QuestionState
from samskab.measurement.views.common import get_project, measurement_context
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.projects.models import Project

# Where a question's answer usually points (content.Question.links_to), and the page's name.
LINKED_PAGES: dict[str, tuple[str, StrOrPromise]] = {
    "goals": ("measurement:goals", gettext_lazy("Goals and indicators")),
    "indicators": ("measurement:goals", gettext_lazy("Goals and indicators")),
    "evidence": ("measurement:evidence", gettext_lazy("Evidence")),
    "learning": ("measurement:learning", gettext_lazy("Learning log")),
    "milestones": ("measurement:milestones", gettext_lazy("Milestones")),
    "msc": ("measurement:msc_list", gettext_lazy("Most significant change")),
    "gains": ("measurement:gains", gettext_lazy("Unplanned gains")),
    "alignment": ("alignment:list", gettext_lazy("Expectation alignment")),
}


@dataclass
class PlanRow:
    """One question on the page: its state, its form (for editors) and the page it points to."""

    state: QuestionState
    form: PlanAnswerForm | None
    link_url: str = ""
    link_label: StrOrPromise = ""


def _link(request: OrgRequest, project: Project, links_to: str) -> tuple[str, StrOrPromise]:
    if links_to not in LINKED_PAGES:
        return "", ""
    name, label = LINKED_PAGES[links_to]
    return reverse(name, kwargs={"org": request.organisation.slug, "project": project.pk}), label


def _rows(
    request: OrgRequest, project: Project, state: PlanState, bound: PlanAnswerForm | None
) -> list[list[PlanRow]]:
    choices = PlanChoices.of(project)
    editable = can(request, Perm.EDIT_PROJECTS)
    bound_code = bound.cleaned_data.get("question") if bound is not None else None
    groups = []
    for group in state.groups:
        rows = []
        for question in group.questions:
            form = None
            if editable:
                form = (
                    bound
                    if bound is not None and bound_code == question.code
                    else PlanAnswerForm.for_answer(choices, question.code, question.answer)
                )
            link = _link(request, project, question.question.links_to)
            rows.append(PlanRow(question, form, *link))
        groups.append(rows)
    return groups


def _render_plan(
    request: OrgRequest, project: Project, bound: PlanAnswerForm | None = None
) -> HttpResponse:
    state = services.plan_state(project)
    question_errors = bound.errors.get("question") if bound is not None else None
    context = measurement_context(
        request,
        project,
        "plan",
        plan=state,
        groups=list(zip(state.groups, _rows(request, project, state, bound), strict=True)),
        error_form=bound if bound is not None and not question_errors else None,
        question_errors=question_errors,
        source=SOURCE,
    )
    status = 422 if bound is not None and bound.errors else 200
    return render(request, "measurement/plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view(Perm.VIEW_PROJECTS)
def plan(request: OrgRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    if request.method != "POST":
        return _render_plan(request, the_project)
    if not can(request, Perm.EDIT_PROJECTS):
        raise PermissionDenied
    code = request.POST.get("question", "")
    form = PlanAnswerForm(
        request.POST,
        choices=PlanChoices.of(the_project),
        code=code if code in QUESTION_BY_CODE else "",
    )
    if not form.is_valid():
        return _render_plan(request, the_project, form)
    data = form.cleaned_data
    saved = services.save_answer(
        the_project,
        data["question"],
        data["text"],
        request.user,
        goals=data["goals"],
        indicators=data["indicators"],
    )
    if saved is None:
        messages.info(request, _("Nothing changed, so no new answer was stored."))
    else:
        messages.success(request, _("The answer was saved. Earlier answers are kept."))
    url = reverse("measurement:plan", kwargs={"org": request.organisation.slug, "project": project})
    return redirect(f"{url}#q-{data['question']}")


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def question_history(request: OrgRequest, project: int, question: str) -> HttpResponse:
    the_project = get_project(request, project)
    if question not in QUESTION_BY_CODE:
        raise Http404
    context = measurement_context(
        request,
        the_project,
        "plan",
        question=QUESTION_BY_CODE[question],
        answers=services.history(the_project, question),
        source=SOURCE,
    )
    return render(request, "measurement/plan_history.html", context)
