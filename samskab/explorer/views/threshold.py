"""The organisation's disclosure threshold k: what it does, and a form to change it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samskab.explorer.forms import ThresholdForm
from samskab.explorer.services.query import threshold
from samskab.explorer.services.threshold import change_threshold
from samskab.organisations.policy import Perm, org_view, organisation_of


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_SETTINGS)
def threshold_settings(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    current = threshold(organisation)
    form = ThresholdForm(request.POST or None, initial={"min_group": current})
    if request.method == "POST" and form.is_valid():
        k = form.cleaned_data["min_group"]
        if change_threshold(organisation, k, request.user):  # type: ignore[arg-type]
            messages.success(
                request, _("The smallest group shown is now %(k)s stories.") % {"k": k}
            )
        else:
            messages.info(
                request,
                _("Nothing changed: the smallest group shown was already %(k)s.") % {"k": k},
            )
        return redirect("explorer:threshold", org=organisation.slug)
    status = 422 if form.errors else 200
    context = {"organisation": organisation, "form": form, "k": current}
    return render(request, "explorer/threshold.html", context, status=status)
