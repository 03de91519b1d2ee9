from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest

from samskab.organisations.tasks import deliver_mail


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Staff accounts are created by an organisation's administrator, never by self sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        # Our second-factor step skips a log-in whose identity provider vouched for one (mfa.py).
        stages: list[str] = super().get_login_stages()
        allauths = "allauth.mfa.stages.AuthenticateStage"
        return [
            "samskab.organisations.mfa.AuthenticateStage" if s == allauths else s for s in stages
        ]

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Rendered in the request (in the person's language), sent by the worker: a mail server
        that is down cannot turn "reset my password" into a server error, and it is retried."""
        request = self.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**ctx, **context})
        html = next((body for body, kind in message.alternatives if kind == "text/html"), None)
        if message.content_subtype == "html":
            html, text = message.body, ""
        else:
            text = message.body
        deliver_mail.enqueue(message.subject, text, list(message.to), message.from_email, html)
