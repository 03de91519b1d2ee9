from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from samskab.organisations.models import AuditEntry, Membership, Role


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.anna)
    return client


def _url(world, name, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"org": world.org_a.slug, **kwargs})


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_members_page_lists_only_own_organisation(
    admin_client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = admin_client.get(_url(world, "members"))
    content = response.content.decode()
    assert "bo@example.dk" in content
    assert "carl@example.dk" not in content


@pytest.mark.django_db(transaction=True)
def test_add_new_person_sends_invitation(admin_client, world, immediate_tasks):
    response = admin_client.post(
        _url(world, "member_add"), {"email": "Ny@Kommune.dk", "role": Role.ANALYST}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny@kommune.dk")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.ANALYST
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="member.added", actor=world.anna).exists()


def test_invitation_link_sets_a_password(client, world, django_capture_on_commit_callbacks):
    from samskab.organisations.tasks import invitation_url

    user = User.objects.create(username="ny", email="ny@kommune.dk")
    url = invitation_url(user.pk).removeprefix("http://127.0.0.1:8000")
    response = client.get(url, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    response = client.post(
        form_url, {"password1": "en lang og god kode", "password2": "en lang og god kode"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("en lang og god kode")


def test_adding_existing_user_does_not_invite(
    admin_client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(_url(world, "member_add"), {"email": "carl@example.dk", "role": "viewer"})
    assert callbacks == []
    assert Membership.objects.filter(user=world.carl, organisation=world.org_a).exists()


def test_invalid_email_keeps_input_and_explains_in_danish(admin_client, world):
    response = admin_client.post(
        _url(world, "member_add"), {"email": "ikke-en-adresse", "role": Role.FACILITATOR}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="ikke-en-adresse"' in content
    assert "Skriv en gyldig e-mailadresse" in content
    assert 'aria-describedby="id_email_error"' in content
    assert 'aria-invalid="true"' in content


def test_duplicate_member_is_refused(admin_client, world):
    response = admin_client.post(
        _url(world, "member_add"), {"email": "bo@example.dk", "role": "admin"}
    )
    assert response.status_code == 422
    assert "er allerede medlem" in response.content.decode()


def test_unknown_role_is_refused(admin_client, world):
    response = admin_client.post(
        _url(world, "member_add"), {"email": "x@example.dk", "role": "king"}
    )
    assert response.status_code == 422
    assert not User.objects.filter(email="x@example.dk").exists()


def test_change_role(admin_client, world):
    pk = world.bo.memberships.get().pk
    admin_client.post(_url(world, "member_role", pk=pk), {"role": Role.ANALYST})
    assert Membership.objects.get(pk=pk).role == Role.ANALYST
    assert AuditEntry.objects.filter(action="member.role_changed", target="bo@example.dk").exists()


def test_last_admin_cannot_step_down_or_leave(admin_client, world):
    pk = world.anna.memberships.get().pk
    response = admin_client.post(_url(world, "member_role", pk=pk), {"role": "viewer"}, follow=True)
    assert "mindst én administrator" in response.content.decode()
    admin_client.post(_url(world, "member_remove", pk=pk))
    assert Membership.objects.get(pk=pk).role == Role.ADMIN


def test_remove_member(admin_client, world):
    pk = world.pia.memberships.get().pk
    admin_client.post(_url(world, "member_remove", pk=pk))
    assert not Membership.objects.filter(pk=pk).exists()
    log = admin_client.get(_url(world, "audit_log")).content.decode()
    assert "pia@example.dk" in log
    assert "Medlem fjernet" in log


def test_get_on_post_only_route_is_refused(admin_client, world):
    pk = world.pia.memberships.get().pk
    assert admin_client.get(_url(world, "member_remove", pk=pk)).status_code == 405
