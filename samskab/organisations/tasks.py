"""Background work for organisations, run by the django-tasks worker (``manage.py db_worker``)."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from samskab.organisations.models import Organisation


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
    send_mail(subject, body, None, [user.email])
