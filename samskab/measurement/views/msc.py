"""Most Significant Change rounds: the list, creating a round with its shortlist, the panel's
choices (members, and participants through an anonymous link), the result, closing and opening."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.capture import ratelimit
from samskab.instruments.models import Collection, Story
from samskab.measurement.forms.msc import (
    ChoiceForm,
    CloseForm,
    PublicChoiceForm,
    RoundForm,
    ShortlistFilterForm,
    initial_from,
    project_collections,
)
from samskab.measurement.models import MscRound
from samskab.measurement.models.msc import VoteSource
from samskab.measurement.services import msc as services
from samskab.measurement.views.common import get_project, measurement_context, posted
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.organisations.scoping import get_for_org_or_404
from samskab.organisations.services import audit_stories_read
from samskab.projects.models import Project

PAGE_SIZE = 20
# Public choices have their own rate limit group (per hashed client, never an address).
RATE_GROUP = "msc"
PICKER_FIELDS = ("id", "title", "text", "level", "created_at")


def _round(request: OrgRequest, project: Project, pk: int) -> MscRound:
    return get_for_org_or_404(MscRound, request.organisation, pk=pk, project=project)


def _to_round(request: OrgRequest, msc_round: MscRound) -> HttpResponse:
    return redirect(
        "measurement:msc",
        org=request.organisation.slug,
        project=msc_round.project_id,
        pk=msc_round.pk,
    )


def _public_url(request: HttpRequest, msc_round: MscRound) -> str:
    return request.build_absolute_uri(reverse("measurement:msc_public", args=[msc_round.token]))


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def round_list(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    rows = [
        (item, _public_url(request, item) if item.public_link else "")
        for item in services.rounds_for(project_obj)
    ]
    context = measurement_context(request, project_obj, "msc", rows=rows)
    return render(request, "measurement/msc_list.html", context)


# Creating a round ---------------------------------------------------------------------------


@dataclass
class Picker:
    """The stories offered for the shortlist: one filtered page, plus the stories ticked on
    other pages (so a tick survives paging and filtering)."""

    collection: Collection | None
    filter_form: ShortlistFilterForm
    page: Page[Story] | None
    elsewhere: list[Story]
    selected: set[int]


def _offered(collection: Collection, filter_form: ShortlistFilterForm) -> QuerySet[Story]:
    stories = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection)
        .only(*PICKER_FIELDS)
        .order_by("-created_at", "-id")
    )
    if filter_form.is_valid():
        words = filter_form.cleaned_data["q"]
        if words:
            stories = stories.filter(Q(text__icontains=words) | Q(title__icontains=words))
        if filter_form.cleaned_data["level"]:
            stories = stories.filter(level=filter_form.cleaned_data["level"])
    return stories


def _picker(request: OrgRequest, form: RoundForm) -> Picker:
    data = request.POST if request.method == "POST" else request.GET
    filter_form = ShortlistFilterForm(data, prefix="filter")
    collection = form.chosen_collection()
    selected = form.selected_ids()
    if collection is None:
        return Picker(None, filter_form, None, [], set())
    number = data.get("page") or data.get("shown_page") or 1
    page = Paginator(_offered(collection, filter_form), PAGE_SIZE).get_page(number)
    on_page = {story.pk for story in page}
    found = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection, pk__in=selected)
        .exclude(pk__in=on_page)
        .only(*PICKER_FIELDS)
    )
    by_id = {story.pk: story for story in found}
    elsewhere = [by_id[pk] for pk in selected if pk in by_id]
    return Picker(collection, filter_form, page, elsewhere, set(selected))


def _create(request: OrgRequest, project: Project, form: RoundForm) -> MscRound | None:
    """Create the round from a valid form; None (with the error on the form) if refused."""
    data = form.cleaned_data
    try:
        return services.create_round(
            project,
            data["collection"],
            title=data["title"],
            question=data["question"],
            picks=data["picks"],
            public_link=data["public_link"],
            stories=data["stories"],
            actor=request.user,
        )
    except services.MscError as error:
        form.add_error(None, ValidationError(error.message, code=error.code))
        return None


def _round_form(request: OrgRequest, project: Project) -> RoundForm:
    if request.method == "POST" and "page" not in request.POST:
        return RoundForm(request.POST, project=project)
    if request.method == "POST":  # browsing: paging, filtering or choosing the collection
        return RoundForm(initial=initial_from(request.POST), project=project)
    collections = list(project_collections(project)[:2])
    initial = {"collection": collections[0].pk} if len(collections) == 1 else {}
    return RoundForm(initial=initial, project=project)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def round_create(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    form = _round_form(request, project_obj)
    if form.is_bound and form.is_valid():
        msc_round = _create(request, project_obj, form)
        if msc_round is not None:
            messages.success(request, _("The round was created. The panel can now choose."))
            return _to_round(request, msc_round)
    picker = _picker(request, form)
    if picker.collection is not None and picker.page is not None:  # stories shown: logged
        data, shown = picker.filter_form.data, len(picker.page)
        name = picker.collection.name
        audit_stories_read(request.organisation, name, "msc", data, shown, keep="filter-")
    context = measurement_context(
        request,
        project_obj,
        "msc",
        form=form,
        picker=picker,
        has_collections=project_collections(project_obj).exists(),
    )
    return render(request, "measurement/msc_form.html", context, status=422 if form.errors else 200)


# The result, closing and opening ------------------------------------------------------------


def _detail(
    request: OrgRequest, project: Project, msc_round: MscRound, close_form: CloseForm
) -> dict[str, Any]:
    may_choose = can(request, Perm.READ_STORIES)
    return measurement_context(
        request,
        project,
        "msc",
        round=msc_round,
        result=services.result(msc_round),
        close_form=close_form,
        public_url=_public_url(request, msc_round) if msc_round.public_link else "",
        may_choose=may_choose and msc_round.is_open,
        has_chosen=may_choose and bool(services.ballot_of(msc_round, request.user)),
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def round_detail(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    msc_round = _round(request, project_obj, pk)
    close_form = CloseForm(initial={"conclusion": msc_round.conclusion})
    context = _detail(request, project_obj, msc_round, close_form)
    return render(request, "measurement/msc_detail.html", context)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def close(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    msc_round = _round(request, project_obj, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        services.close_round(msc_round, request.user, form.cleaned_data["conclusion"])
        messages.success(request, _("The round is closed; its result is kept as it stands."))
        return _to_round(request, msc_round)
    context = _detail(request, project_obj, msc_round, form)
    return render(request, "measurement/msc_detail.html", context, status=422)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def reopen(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    msc_round = _round(request, project_obj, pk)
    services.reopen_round(msc_round, request.user)
    messages.success(request, _("The round is open again: the panel can choose."))
    return _to_round(request, msc_round)


# A panel member's choice --------------------------------------------------------------------


def _member_initial(msc_round: MscRound, request: OrgRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for candidate_id, reason in services.ballot_of(msc_round, request.user).items():
        initial[f"pick_{candidate_id}"] = True
        initial[f"reason_{candidate_id}"] = reason
    return initial


def _member_closed(request: OrgRequest, project: Project, msc_round: MscRound) -> HttpResponse:
    context = measurement_context(request, project, "msc", round=msc_round)
    return render(request, "measurement/msc_closed.html", context, status=409)


@require_http_methods(["GET", "POST"])
@org_view(Perm.READ_STORIES)
def choose(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    msc_round = _round(request, project_obj, pk)
    if not msc_round.is_open:
        return _member_closed(request, project_obj, msc_round)
    initial = _member_initial(msc_round, request)
    form = ChoiceForm(
        posted(request),
        candidates=list(services.candidates(msc_round)),
        picks=msc_round.picks,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_ballot(msc_round, form.picked(), voter=request.user)
        except services.RoundClosed:
            return _member_closed(request, project_obj, msc_round)
        messages.success(
            request, _("Your choice was saved. You can change it while the round is open.")
        )
        return _to_round(request, msc_round)
    context = measurement_context(
        request, project_obj, "msc", round=msc_round, form=form, replacing=bool(initial)
    )
    return render(
        request, "measurement/msc_choose.html", context, status=422 if form.errors else 200
    )


# The public link ----------------------------------------------------------------------------


def _public_round(request: HttpRequest, token: str) -> MscRound:
    msc_round = get_object_or_404(
        MscRound.objects.select_related("organisation", "project"), token=token
    )
    # The footer links to this organisation's accessibility statement.
    cast(OrgRequest, request).organisation = msc_round.organisation
    return msc_round


def _public_closed(request: HttpRequest, msc_round: MscRound) -> HttpResponse:
    status = 409 if request.method == "POST" else 200
    return render(
        request, "measurement/msc_public_closed.html", {"round": msc_round}, status=status
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def public_choose(request: HttpRequest, token: str) -> HttpResponse:
    msc_round = _public_round(request, token)
    if not (msc_round.public_link and msc_round.is_open):
        return _public_closed(request, msc_round)
    form = PublicChoiceForm(
        posted(request), candidates=list(services.candidates(msc_round)), picks=msc_round.picks
    )
    status = 200
    verdict = ratelimit.Verdict(True)
    if request.method == "POST":
        verdict = ratelimit.hit(request, RATE_GROUP)
        if not verdict.allowed:
            status = 429
        elif form.is_valid():
            try:
                services.record_ballot(
                    msc_round,
                    form.picked(),
                    actor_group=form.cleaned_data["actor_group"],
                    source=VoteSource.LINK,
                )
            except services.RoundClosed:
                return _public_closed(request, msc_round)
            return redirect("measurement:msc_thanks", token=token)
        else:
            status = 422
    context = {"round": msc_round, "form": form, "limited": status == 429}
    response = render(request, "measurement/msc_public.html", context, status=status)
    return response if verdict.allowed else ratelimit.with_retry_after(response, verdict)


@login_not_required
@require_GET
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    msc_round = _public_round(request, token)
    context = {
        "round": msc_round,
        "again_url": reverse("measurement:msc_public", args=[token]),
        "taking_choices": msc_round.public_link and msc_round.is_open,
    }
    return render(request, "measurement/msc_public_thanks.html", context)
