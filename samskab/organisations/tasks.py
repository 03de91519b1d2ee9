"""Background work for organisations, run by the django-tasks worker (``manage.py db_worker``)."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from samskab.organisations.models import Organisation

logger = logging.getLogger(__name__)

# A mail server that is down for a while is retried: after 1, 5, 15, 60 minutes and 6 hours.
RETRY_AFTER_SECONDS = (60, 300, 900, 3600, 6 * 3600)


def invitation_url(user_pk: int) -> str:
    """A one-time link where a new member sets a password (allauth's reset-from-key page)."""
    user = get_user_model().objects.get(pk=user_pk)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_ROOT.rstrip("/") + path


@task()
def send_invitation(user_pk: int, organisation_pk: int) -> None:
    user = get_user_model().objects.get(pk=user_pk)
    organisation = Organisation.objects.get(pk=organisation_pk)
    context = {
        "organisation": organisation,
        "url": invitation_url(user_pk),
        "site_name": settings.SITE_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/email/invitation.txt", context)
    deliver_mail.call(subject, body, [user.email])


@task()
def deliver_mail(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    attempt: int = 1,
) -> None:
    """Send one e-mail; when the mail server fails, try again later instead of failing a page.

    Nothing of the message is logged: a password-reset mail carries a working link.
    """
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        retry = attempt <= len(RETRY_AFTER_SECONDS) and deliver_mail.get_backend().supports_defer
        if not retry:
            logger.error("E-mail not sent after %d attempts: %s", attempt, type(error).__name__)
            raise
        delay = timedelta(seconds=RETRY_AFTER_SECONDS[attempt - 1])
        logger.warning("E-mail not sent (%s); retrying in %s", type(error).__name__, delay)
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(
            subject, body, to, from_email, html, attempt + 1
        )
