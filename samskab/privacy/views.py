"""An administrator answers a known person's request: find them, download what the organisation
holds about them, or erase it after a confirmation."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.actors.models import Actor
from samskab.organisations.models import Membership, Organisation
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.privacy import persons


def _person(organisation: Organisation, kind: str, pk: int) -> Actor | User:
    """The organisation's key actor or member; anything else (another organisation's) is 404."""
    if kind == "actor":
        return get_for_org_or_404(Actor, organisation, pk=pk)
    if kind == "member":
        return get_for_org_or_404(Membership, organisation, user_id=pk).user
    raise Http404


def _name(person: Actor | User) -> str:
    return person.name if isinstance(person, Actor) else (person.get_full_name() or person.email)


@require_GET
@org_view(Perm.HANDLE_PERSONAL_DATA)
def requests(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "organisation": organisation,
        "query": query,
        "people": persons.people(organisation, query),
    }
    return render(request, "privacy/requests.html", context)


@require_GET
@org_view(Perm.HANDLE_PERSONAL_DATA)
def export(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    person = _person(organisation, kind, pk)
    data = persons.export(organisation, person, request.user)  # type: ignore[arg-type]
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="personoplysninger-{kind}-{pk}-{stamp}.json"'
    )
    return response


@require_http_methods(["GET", "POST"])
@org_view(Perm.HANDLE_PERSONAL_DATA)
def erase(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    person = _person(organisation, kind, pk)
    if kind == "member" and person.pk == request.user.pk:
        messages.error(request, _("You cannot erase yourself. Ask another administrator."))
        return redirect("privacy:requests", org=organisation.slug)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        persons.erase(organisation, person, request.user)  # type: ignore[arg-type]
        messages.success(request, _("The data about %(name)s is erased.") % {"name": _name(person)})
        return redirect("privacy:requests", org=organisation.slug)
    context = {
        "organisation": organisation,
        "person": person,
        "kind": kind,
        "name": _name(person),
        "record": persons.record(organisation, person),
        "unconfirmed": request.method == "POST",
    }
    return render(
        request, "privacy/erase.html", context, status=422 if request.method == "POST" else 200
    )
