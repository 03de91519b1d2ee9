from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.alignment import presentation, services
from samskab.alignment.content import GAINS, SOURCE
from samskab.alignment.forms import AlignmentForm, FacilitatorAlignmentForm, RoundForm
from samskab.alignment.models import AlignmentRound, ResponseSource
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.views import get_project, project_context


def _round(request: HttpRequest, project_pk: int, pk: int) -> AlignmentRound:
    project = get_project(request, project_pk)
    return get_for_org_or_404(AlignmentRound, organisation_of(request), pk=pk, project=project)


def _to_list(alignment_round: AlignmentRound) -> HttpResponse:
    return redirect(
        "alignment:list",
        org=alignment_round.organisation.slug,
        project=alignment_round.project_id,
    )


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data on POST (even when empty, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def round_list(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    rounds = services.rounds_for(project_obj)
    context = project_context(
        request, project_obj, section="alignment", rounds=rounds, gains=GAINS, source=SOURCE
    )
    return render(request, "alignment/round_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def round_create(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    form = RoundForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        alignment_round = services.create_round(
            organisation_of(request), project_obj, form.cleaned_data["title"]
        )
        messages.success(request, _("The round was created and its link is open for answers."))
        return _to_list(alignment_round)
    context = project_context(request, project_obj, section="alignment", form=form)
    return render(request, "alignment/round_form.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def respond(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    alignment_round = _round(request, project, pk)
    form = FacilitatorAlignmentForm(_posted(request), project=alignment_round.project)
    if request.method == "POST" and form.is_valid():
        services.record_response(
            alignment_round,
            actor_group=form.cleaned_data["actor_group"],
            ratings=form.ratings(),
            own_goals=form.cleaned_data["own_goals"],
            source=ResponseSource.FACILITATOR,
            actor=form.cleaned_data["actor"],
        )
        messages.success(request, _("The answer was saved. You can enter the next one."))
        return redirect(request.path)
    context = project_context(
        request,
        alignment_round.project,
        section="alignment",
        round=alignment_round,
        form=form,
        source=SOURCE,
    )
    return render(request, "alignment/respond.html", context, status=422 if form.errors else 200)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def results(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    alignment_round = _round(request, project, pk)
    data = services.results(alignment_round)
    views = {result.gain: presentation.gain_view(result) for result in data.summary.gains}
    context = project_context(
        request,
        alignment_round.project,
        section="alignment",
        round=alignment_round,
        summary=data.summary,
        own_goals=data.own_goals,
        gain_views=list(views.values()),
        divergence=presentation.divergence(views, data.summary),
        medians=presentation.medians_table(data.summary),
        shown_groups=[
            (presentation.group_label(group), n) for group, n in data.summary.shown_groups
        ],
        hidden_groups=[presentation.group_label(group) for group in data.summary.hidden_groups],
        source=SOURCE,
    )
    return render(request, "alignment/results.html", context)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def close(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    alignment_round = _round(request, project, pk)
    services.set_open(alignment_round, False)
    messages.success(request, _("The round is closed: the link no longer takes answers."))
    return _to_list(alignment_round)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def reopen(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    alignment_round = _round(request, project, pk)
    services.set_open(alignment_round, True)
    messages.success(request, _("The round is open: the link takes answers again."))
    return _to_list(alignment_round)


def _public_round(request: HttpRequest, token: str) -> AlignmentRound:
    alignment_round = get_object_or_404(
        AlignmentRound.objects.select_related("organisation", "project"), token=token
    )
    # The footer links to this organisation's accessibility statement.
    request.organisation = alignment_round.organisation  # type: ignore[attr-defined]
    return alignment_round


@login_not_required
@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, token: str) -> HttpResponse:
    alignment_round = _public_round(request, token)
    if not alignment_round.is_open:
        status = 409 if request.method == "POST" else 200
        return render(
            request, "alignment/public_closed.html", {"round": alignment_round}, status=status
        )
    form = AlignmentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.record_response(
            alignment_round,
            actor_group=form.cleaned_data["actor_group"],
            ratings=form.ratings(),
            own_goals=form.cleaned_data["own_goals"],
            source=ResponseSource.LINK,
        )
        return redirect("alignment:thanks", token=token)
    context = {"round": alignment_round, "form": form, "source": SOURCE}
    return render(
        request, "alignment/public_form.html", context, status=422 if form.errors else 200
    )


@login_not_required
@require_GET
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    alignment_round = _public_round(request, token)
    return render(
        request,
        "alignment/public_thanks.html",
        {"round": alignment_round, "again_url": reverse("alignment:public", args=[token])},
    )
