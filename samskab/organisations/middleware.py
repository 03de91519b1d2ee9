"""Guard rail for organisation routes.

Every URL with an ``org`` parameter must be served by a view wrapped in ``policy.org_view``,
or by an API view marked ``authorises_per_operation`` (each operation calls
``policy.authorise``; the API's permission matrix tests every such path). A view that forgot
both would serve any organisation's data to anyone, so refuse it loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse


class OrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organisation = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        guarded = hasattr(view_func, "required_permission") or getattr(
            view_func, "authorises_per_operation", False
        )
        if "org" in view_kwargs and not guarded:
            raise ImproperlyConfigured(
                f"{view_func.__module__}.{view_func.__name__} serves an organisation route "
                "without policy.org_view."
            )
