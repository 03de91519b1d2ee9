"""Who is acting right now, for entries written far from the view: signal handlers.

A web request (``AuditContextMiddleware``) acts as its user, or as an anonymous visitor; a
background task acts as the person who asked for it (``acting_as``), or as the system when no one
did. Changes made outside any of these (the Django shell, data migrations, test fixtures) are not
recorded by the signal handlers: they need direct access to the server, which an audit log
cannot vouch for.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponseBase

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User


class Via(enum.StrEnum):
    """How the actor reached Samskab (kept in an entry's details as ``via``)."""

    WEB = "web"
    TASK = "task"
    COMMAND = "command"


class Context:
    """The actor of the work in progress, looked up only when an entry is written."""

    def __init__(
        self, user: Callable[[], AbstractBaseUser | AnonymousUser | None], via: Via
    ) -> None:
        self._user = user
        self.via = via

    def user(self) -> User | None:
        user = self._user()
        if user is None or not user.is_authenticated:
            return None
        return user  # type: ignore[return-value]


_current: ContextVar[Context | None] = ContextVar("samskab_audit_context", default=None)


def current() -> Context | None:
    """The actor's context; None outside requests and tasks."""
    return _current.get()


def for_signals() -> Context | None:
    """The context for entries written by signal handlers: none inside ``described_here``."""
    return None if _described.get() else _current.get()


_described: ContextVar[bool] = ContextVar("samskab_audit_described", default=False)


@contextmanager
def described_here() -> Iterator[None]:
    """Inside, the signal handlers write nothing: the service around it writes a richer entry
    itself (a member added with the role, a role changed from → to)."""
    token = _described.set(True)
    try:
        yield
    finally:
        _described.reset(token)


@contextmanager
def acting_as(user: AbstractBaseUser | None, via: Via = Via.TASK) -> Iterator[None]:
    """Record what happens inside as done by ``user`` (None: the system)."""
    token = _current.set(Context(lambda: user, via))
    try:
        yield
    finally:
        _current.reset(token)


class AuditContextMiddleware:
    """Sets the request's user as the actor. ``request.user`` stays lazy: the session is read
    only if something is written to the log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _current.set(Context(lambda: _user_of(request), Via.WEB))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def _user_of(request: HttpRequest) -> Any:
    return getattr(request, "user", None)


# --- Background tasks -------------------------------------------------------------------------
# Every task runs as the system unless its body says for whom (``with acting_as(requester)``).
# django-tasks sends task_started and task_finished around each task, in the thread that runs it.
_tasks = threading.local()


def task_started(sender: Any, **kwargs: Any) -> None:
    stack = _tasks.__dict__.setdefault("tokens", [])
    stack.append(_current.set(Context(lambda: None, Via.TASK)))


def task_finished(sender: Any, **kwargs: Any) -> None:
    stack = _tasks.__dict__.get("tokens")
    if stack:
        _current.reset(stack.pop())
