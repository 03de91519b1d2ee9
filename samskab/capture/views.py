"""The public story form, the thank-you and withdrawal pages, and assisted entry for staff.

Acknowledged means committed: ``services.submit_story`` commits before the redirect to the
thank-you page, so a storyteller who sees "thank you" has a story on disk. Nothing identifying
(IP address, user agent, account) is stored with a story or logged here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from samskab.capture import ratelimit, receipts
from samskab.capture.forms import StoryForm, WithdrawForm
from samskab.instruments import services
from samskab.instruments.models import Collection, InstrumentVersion, StorySource
from samskab.lib.errors import recovers_after_csrf_failure
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.privacy import storyteller

# Public pages never show the organisation menu, even to a signed-in member.
PUBLIC: dict[str, Any] = {"my_memberships": []}


def form_language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def _public_collection(request: HttpRequest, slug: str) -> Collection:
    collection = get_object_or_404(
        Collection.objects.select_related("organisation", "instrument"), slug=slug
    )
    # The footer then links to this organisation's own accessibility statement.
    request.organisation = collection.organisation  # type: ignore[attr-defined]
    return collection


def _version(collection: Collection) -> InstrumentVersion | None:
    return services.latest_version(collection.instrument)


def _story_form(
    request: HttpRequest, collection: Collection, version: InstrumentVersion, assisted: bool
) -> StoryForm:
    return StoryForm(
        version.parsed,
        form_language(),
        request.POST if request.method == "POST" else None,
        consent=services.consent_shown(collection, request.POST.get("consent_version")),
        assisted=assisted,
    )


def _form_page(
    request: HttpRequest, collection: Collection, form: StoryForm, status: int, **extra: Any
) -> HttpResponse:
    context = {
        "collection": collection,
        "form": form,
        "definition": form.definition,
        "language": form.language,
        **extra,
    }
    return render(request, "capture/form.html", context, status=status)


def _closed(request: HttpRequest, collection: Collection) -> HttpResponse:
    context = {
        **PUBLIC,
        "collection": collection,
        "not_yet": collection.opens_at > timezone.now(),
        "typed_text": request.POST.get("text", "") if request.method == "POST" else "",
    }
    return render(
        request, "capture/closed.html", context, status=409 if request.method == "POST" else 200
    )


def _redirect_with_code(request: HttpRequest, target: str, code: str) -> HttpResponse:
    """POST-redirect-GET; the page at ``target`` shows ``code`` once (see receipts)."""
    response = redirect(target)
    receipts.remember(request, response, target, code)
    return response


def _acknowledge(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    return _redirect_with_code(request, reverse("capture:thanks", kwargs={"slug": slug}), code)


@login_not_required
@require_http_methods(["GET", "POST"])
def story_form(request: HttpRequest, slug: str) -> HttpResponse:
    collection = _public_collection(request, slug)
    version = _version(collection)
    if version is None or not collection.is_open():
        return _closed(request, collection)
    form = _story_form(request, collection, version, assisted=False)
    if request.method == "POST":
        verdict = ratelimit.hit(request, "story")
        if not verdict.allowed:
            page = _form_page(request, collection, form, 429, limited=True, **PUBLIC)
            return ratelimit.with_retry_after(page, verdict)
        if form.honeypot_filled:
            # Looks like success to the robot; nothing is stored.
            return _acknowledge(request, slug, services.new_receipt_code())
        if form.is_valid() and form.story is not None:
            _story, code = services.submit_story(
                collection,
                version,
                form.story,
                StorySource.PUBLIC,
                form.language,
                consent=form.consent,
            )
            return _acknowledge(request, slug, code)
    return _form_page(request, collection, form, 422 if form.errors else 200, **PUBLIC)


@recovers_after_csrf_failure("capture:form")
def story_form_after_csrf_failure(request: HttpRequest, slug: str) -> HttpResponse:
    """The security token was refused (the page was open for hours, or cookies are blocked):
    the form comes back with everything typed and a fresh token. Nothing is saved."""
    collection = _public_collection(request, slug)
    version = _version(collection)
    if version is None or not collection.is_open():
        return _closed(request, collection)
    form = _story_form(request, collection, version, assisted=False)
    return _form_page(request, collection, form, 403, csrf_failed=True, **PUBLIC)


@login_not_required
@require_GET
@never_cache
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    collection = _public_collection(request, slug)
    code = receipts.recall(request, request.path)
    context = {
        **PUBLIC,
        "collection": collection,
        "code": code,
        "again_url": reverse("capture:form", kwargs={"slug": slug}),
    }
    response = render(request, "capture/thanks.html", context)
    if code:
        receipts.forget(response, request.path)
    return response


def _withdraw_page(
    request: HttpRequest, form: WithdrawForm, status: int, **extra: Any
) -> HttpResponse:
    return render(
        request, "capture/withdraw.html", {**PUBLIC, "form": form, **extra}, status=status
    )


@login_not_required
@require_http_methods(["GET", "POST"])
@never_cache
def withdraw(request: HttpRequest) -> HttpResponse:
    """The storyteller's own page, by receipt code: see the story as stored, download it, or
    delete it with every copy (``samskab.privacy.storyteller``). Each try is rate-limited."""
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _withdraw_page(request, form, 200)
    verdict = ratelimit.hit(request, "withdraw")
    if not verdict.allowed:
        return ratelimit.with_retry_after(_withdraw_page(request, form, 429, limited=True), verdict)
    story = storyteller.find(form.cleaned_data["code"]) if form.is_valid() else None
    if story is None:
        if form.is_valid():
            form.not_found()
        return _withdraw_page(request, form, 422)
    action = request.POST.get("action", "show")
    if action == "delete":
        storyteller.erase(story)
        return render(request, "capture/withdrawn.html", PUBLIC)
    if action == "download":
        return storyteller.download(story)
    context = {**PUBLIC, "story": story, "code": form.cleaned_data["code"]}
    return render(request, "capture/your_story.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
@never_cache
def assisted(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator types in a paper story. Allowed whether or not the public link is open:
    paper collected while it was open is often typed in after it closed."""
    collection = get_for_org_or_404(Collection, organisation_of(request), pk=pk)
    version = _version(collection)
    if version is None:
        raise Http404
    form = _story_form(request, collection, version, assisted=True)
    if request.method == "POST" and form.is_valid() and form.story is not None:
        _story, code = services.submit_story(
            collection,
            version,
            form.story,
            StorySource.ASSISTED,
            form.language,
            consent=form.consent,
        )
        return _redirect_with_code(request, request.path, code)
    saved_code = receipts.recall(request, request.path) if request.method == "GET" else None
    status = 422 if form.errors else 200
    response = _form_page(request, collection, form, status, assisted=True, saved_code=saved_code)
    if saved_code:
        receipts.forget(response, request.path)
    return response
