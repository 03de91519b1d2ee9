"""Error pages rendered in the site layout, so they are translated and accessible too."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

# A view whose form must survive a failed CSRF check (an anonymous storyteller whose page was
# open for hours): it re-renders the form with what was posted and a fresh token, saving nothing.
CsrfRecovery = Callable[..., HttpResponse]
_csrf_recoveries: dict[str, CsrfRecovery] = {}

# Fields never shown back on the generic page: secrets and the rejected token.
_NOT_SHOWN = ("csrfmiddlewaretoken", "password", "password1", "password2", "oldpassword", "code")
_MAX_KEPT_FIELDS = 60


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def recovers_after_csrf_failure(view_name: str) -> Callable[[CsrfRecovery], CsrfRecovery]:
    """Register ``function(request, **url_kwargs)`` to answer a failed CSRF check on a view."""

    def register(function: CsrfRecovery) -> CsrfRecovery:
        _csrf_recoveries[view_name] = function
        return function

    return register


def kept_text(request: HttpRequest) -> list[tuple[str, str]]:
    """What the person typed, field by field, to show back when the form was not accepted."""
    kept: list[tuple[str, str]] = []
    for name, values in request.POST.lists():
        if name in _NOT_SHOWN or "password" in name:
            continue
        for value in values:
            if value.strip() and value not in ("on", "yes"):
                kept.append((name, value))
    return kept[:_MAX_KEPT_FIELDS]


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the site's layout in the person's language, and nothing typed lost."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    recovery = _csrf_recoveries.get(match.view_name) if match is not None else None
    if recovery is not None and request.method == "POST":
        return recovery(request, **match.kwargs)  # type: ignore[union-attr]
    return render(request, "errors/csrf.html", {"kept": kept_text(request)}, status=403)
