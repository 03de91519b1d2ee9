"""E-mail goes out through the worker: a mail server that is down is retried, never a 500."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samskab.organisations.tasks import RETRY_AFTER_SECONDS, deliver_mail


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # noqa: ANN001, ANN201
        raise smtplib.SMTPServerDisconnected("the mail server is down")


DOWN = "samskab.organisations.tests.test_mail.DownBackend"


def _queued():
    return DBTaskResult.objects.filter(task_path__endswith="deliver_mail").order_by("enqueued_at")


@pytest.mark.django_db
def test_a_password_reset_with_the_mail_server_down_is_not_a_server_error(client, world, settings):
    settings.EMAIL_BACKEND = DOWN
    response = client.post(reverse("account_reset_password"), {"email": world.dina.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    job = _queued().get()
    assert job.args_kwargs["args"][2] == [world.dina.email]
    assert "/password/reset/key/" in job.args_kwargs["args"][1]


@pytest.mark.django_db
def test_a_failed_delivery_is_retried_later_then_delivered(world, settings, caplog):
    settings.EMAIL_BACKEND = DOWN
    deliver_mail.call("Nulstil", "Link: https://x/secret-link", ["dina@example.dk"])
    retry = _queued().get()
    assert retry.args_kwargs["args"][-1] == 2  # the second attempt
    assert retry.run_after is not None and retry.run_after > retry.enqueued_at
    # The log names the failure, never the message (it carries a working link).
    assert "secret-link" not in caplog.text and "SMTPServerDisconnected" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_mail.call(*retry.args_kwargs["args"])
    assert [m.to for m in mail.outbox] == [["dina@example.dk"]]


@pytest.mark.django_db
def test_the_retries_stop(world, settings):
    settings.EMAIL_BACKEND = DOWN
    last = len(RETRY_AFTER_SECONDS) + 1
    with pytest.raises(smtplib.SMTPException):
        deliver_mail.call("s", "b", ["x@example.dk"], None, None, last)
    assert not _queued().exists()
