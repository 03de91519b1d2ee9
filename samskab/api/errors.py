"""The API's one error shape, whichever part of the stack refuses a request.

Every response other than 2xx has the body ``{"detail": [{"loc": [...], "code": "...", "msg":
"..."}]}``: ``loc`` names the part of the request at fault (``["body", "answers", "drivers"]``,
or empty when the request as a whole is refused), ``code`` is a stable word a client can act on
and ``msg`` a sentence for people. The handlers below put framework refusals (pydantic
validation, unreadable JSON, missing session, 404, 403) and unexpected errors into that shape,
so the API never answers with an HTML page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.log import log_response
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

Loc = Sequence[str | int]


def error_body(code: str, msg: str, loc: Loc = ()) -> dict[str, Any]:
    return {"detail": [{"loc": list(loc), "code": code, "msg": msg}]}


def _loc(raw: Sequence[Any]) -> list[str | int]:
    """ninja's location names the operation's parameter (``["body", "payload", "text"]``);
    the API's own errors leave it out (``["body", "text"]``)."""
    loc = [part if isinstance(part, int) else str(part) for part in raw]
    if loc[:2] == ["body", "payload"]:
        return ["body", *loc[2:]]
    return loc


def _http_error(exc: HttpError) -> tuple[str, str]:
    # Raised by ninja itself: 400 when the body is not JSON, 401 without a session, 403 when a
    # session-authenticated request lacks its CSRF token (the API's roles raise PermissionDenied).
    if isinstance(exc, AuthenticationError):
        return "not_authenticated", _("Sign in first: this operation needs a staff session.")
    if isinstance(exc, Throttled):
        return "rate_limited", _("Too many requests from this connection. Wait and send again.")
    if exc.status_code == 400:
        return "malformed", _("The request body is not valid JSON.")
    if exc.status_code == 403:
        return "csrf", _("Send the CSRF token (the X-CSRFToken header) with the session cookie.")
    return "invalid", str(exc)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (replacing ninja's defaults)."""

    def respond(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        items = [
            {"loc": _loc(e.get("loc", ())), "code": str(e.get("type", "invalid")), "msg": e["msg"]}
            for e in exc.errors
        ]
        return respond(request, {"detail": items}, 422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code, msg = _http_error(exc)
        response = respond(request, error_body(code, msg), exc.status_code)
        if isinstance(exc, Throttled) and exc.wait:
            response["Retry-After"] = str(exc.wait)
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(
            request, error_body("not_found", _("There is nothing at this address.")), 404
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        msg = _("Your role in this organisation does not allow this.")
        return respond(request, error_body("forbidden", msg), 403)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        msg = _("Something went wrong on our side. The error has been logged.")
        response = respond(request, error_body("server_error", msg), 500)
        log_response(
            "Internal Server Error: %s", request.path, response=response, request=request,
            exception=exc,
        )  # fmt: skip
        return response
