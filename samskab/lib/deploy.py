"""What production must have said before it serves anyone (checked by samskab/wsgi.py and
``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

HTTPS_UNDECLARED = (
    "Set TRUST_X_FORWARDED_PROTO: True behind a reverse proxy that terminates HTTPS and sets "
    "X-Forwarded-Proto, False when the application server terminates HTTPS itself. Without it "
    "Samskab cannot tell HTTPS from plain HTTP, and cookies such as the storyteller's receipt "
    "could be sent without the Secure flag (docs/deployment.md)."
)


def deploy_problems() -> list[str]:
    if settings.DEBUG:
        return []
    problems = []
    if not getattr(settings, "HTTPS_DETECTION_CONFIGURED", False):
        problems.append(HTTPS_UNDECLARED)
    return problems


def refuse_unsafe_start() -> None:
    """Called by the WSGI entry point: production without the settings above does not start."""
    problems = deploy_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


@checks.register(checks.Tags.security, deploy=True)
def check_https_detection(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [checks.Error(problem, id="samskab.E010") for problem in deploy_problems()]
