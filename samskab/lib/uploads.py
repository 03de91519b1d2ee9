"""Refuse an upload that is too large before its body is read.

A form's size check (``upload.size``) runs only after Django has received the whole body and
written it to a temporary file: 2 GB sent to an upload page would be read, stored and parsed as
multipart first. A view that takes files declares its largest body with :func:`limit_body`;
:class:`BodyLimitMiddleware` compares the request's ``Content-Length`` with it and answers 413
with the site's page and a translated message, without reading a byte of the body.

The middleware must come before ``CsrfViewMiddleware``, whose ``process_view`` reads
``request.POST`` (and so the body) to find the token. A body without ``Content-Length``
(chunked) is not read by Django at all: multipart parsing sees a length of 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MB = 1024 * 1024
# Room for the form's other fields and the multipart boundaries and headers around the files.
MULTIPART_OVERHEAD = MB

V = TypeVar("V", bound=Callable[..., Any])


def limit_body(limit: Callable[[], int]) -> Callable[[V], V]:
    """Mark a view: bodies above ``limit()`` bytes are refused unread (a callable, so that the
    limit follows settings changed at run time, as in tests)."""

    def mark(view: V) -> V:
        view.max_body_bytes = limit  # type: ignore[attr-defined]
        return view

    return mark


def files_limit(per_file: Callable[[], int], files: int = 1) -> Callable[[], int]:
    """The body limit of a form with ``files`` files of at most ``per_file()`` bytes each."""
    return lambda: files * per_file() + MULTIPART_OVERHEAD


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        limit = getattr(view_func, "max_body_bytes", None)
        if limit is None:
            return None
        maximum = limit()
        if content_length(request) <= maximum:
            return None
        context = {"limit_mb": max(maximum // MB, 1)}
        return render(request, "errors/413.html", context, status=413)


def content_length(request: HttpRequest) -> int:
    """The body's length as Django's own request reads it (``WSGIRequest``): ``int()`` of the
    header, 0 when it is missing or not a number."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (ValueError, TypeError):
        return 0
