"""Requests from a known person (a key actor, or a member of the organisation): export
everything the organisation holds about them, or erase it (GDPR articles 15, 17 and 20).

Scope is one organisation: an administrator of organisation A never sees or touches what
organisation B holds. A member's account itself (e-mail, password, second factors) is
deleted when the person belongs to no other organisation; otherwise only A's membership
and A's references go. The audit log is append-only and keeps who did what (security and
accountability, GDPR article 17(3)); an erasure entry names the record's number, not the person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models, transaction

from samskab.actors.models import Actor
from samskab.alignment.models import AlignmentResponse
from samskab.assessments.models import SelfAssessment
from samskab.organisations.models import AuditAction, AuditEntry, Membership, Organisation
from samskab.organisations.services import audit


@dataclass(frozen=True)
class Person:
    """A key actor or a member, as an administrator chooses them."""

    kind: str  # "actor" | "member"
    pk: int
    label: str
    detail: str


def people(organisation: Organisation, query: str = "") -> list[Person]:
    actors = Actor.objects.for_org(organisation).select_related("project").order_by("name")
    members = (
        Membership.objects.for_org(organisation).select_related("user").order_by("user__email")
    )
    if query:
        actors = actors.filter(name__icontains=query)
        members = members.filter(
            models.Q(user__email__icontains=query)
            | models.Q(user__first_name__icontains=query)
            | models.Q(user__last_name__icontains=query)
        )
    found = [
        Person("actor", a.pk, a.name, f"{a.get_kind_display()} · {a.project.title}")
        for a in actors[:200]
    ]
    found += [
        Person("member", m.user_id, m.user.get_full_name() or m.user.email, m.get_role_display())
        for m in members[:200]
    ]
    return found


def _actor_record(actor: Actor) -> dict[str, Any]:
    responses = AlignmentResponse.objects.for_org(actor.organisation).filter(actor=actor)
    return {
        "name": actor.name,
        "kind": actor.kind,
        "sector": actor.sector,
        "role": actor.role,
        "influence": actor.influence,
        "interest": actor.interest,
        "notes": actor.notes,
        "project": actor.project.title,
        "created": actor.created_at.isoformat(),
        "involvement": [{"phase": i.phase, "level": i.level} for i in actor.involvements.all()],
        "activities": [
            {"title": a.title, "date": a.date.isoformat(), "kind": a.kind}
            for a in actor.activities.all()
        ],
        "alignment_answers": [
            {
                "round": r.round.title,
                "actor_group": r.actor_group,
                "own_goals": r.own_goals,
                "ratings": {g.gain: g.rating for g in r.ratings.all()},
                "created": r.created_at.isoformat(),
            }
            for r in responses.select_related("round").prefetch_related("ratings")
        ],
        "goals_owned": [g.title for g in actor.owned_goals.all()],
    }


def _user_references(organisation: Organisation, user: User) -> Iterator[tuple[Any, str]]:
    """(queryset, field) for every row of ``organisation`` that points at ``user``."""
    for model in apps.get_models():
        if not model.__module__.startswith("samskab.") or model is AuditEntry:
            continue
        names = {f.name for f in model._meta.concrete_fields}
        if "organisation" not in names:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is User and field.null:
                rows = model._default_manager.filter(
                    organisation=organisation, **{field.name: user}
                )
                yield rows, field.name


def _member_record(organisation: Organisation, user: User) -> dict[str, Any]:
    membership = Membership.objects.for_org(organisation).filter(user=user).first()
    references: dict[str, int] = {}
    for rows, field in _user_references(organisation, user):
        count = rows.count()
        if count:
            references[f"{rows.model._meta.label}.{field}"] = count
    entries = AuditEntry.objects.filter(organisation=organisation, actor_id=user.pk)
    return {
        "email": user.email,
        "name": user.get_full_name(),
        "role": membership.role if membership is not None else None,
        "member_since": membership.created_at.isoformat() if membership is not None else None,
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "key_actor_records": [
            _actor_record(a) for a in Actor.objects.for_org(organisation).filter(user=user)
        ],
        "self_assessments_created": [
            {"title": s.title, "date": s.date.isoformat()}
            for s in SelfAssessment.objects.for_org(organisation).filter(created_by=user)
        ],
        "records_created_or_changed": references,
        "audit_log": [
            {"at": e.at.isoformat(), "action": e.action, "target": e.target}
            for e in entries.order_by("at")
        ],
    }


def record(organisation: Organisation, person: Actor | User) -> dict[str, Any]:
    if isinstance(person, Actor):
        return {"organisation": organisation.name, "key_actor": _actor_record(person)}
    return {"organisation": organisation.name, "member": _member_record(organisation, person)}


def export(organisation: Organisation, person: Actor | User, by: User) -> dict[str, Any]:
    data = record(organisation, person)
    audit(organisation, by, AuditAction.PERSON_EXPORTED, _label(person))
    return data


def _label(person: Actor | User) -> str:
    return f"key actor #{person.pk}" if isinstance(person, Actor) else f"member #{person.pk}"


def _erase_actor(actor: Actor) -> None:
    AlignmentResponse.objects.for_org(actor.organisation).filter(actor=actor).delete()
    actor.delete()  # involvements go with it; activities and goals lose the link


@transaction.atomic
def erase(organisation: Organisation, person: Actor | User, by: User) -> dict[str, int]:
    """Erase what ``organisation`` holds about ``person``; returns what was done, by kind."""
    done: dict[str, int] = {}
    label = _label(person)
    if isinstance(person, Actor):
        _erase_actor(person)
        done["key_actors"] = 1
    else:
        actors = list(Actor.objects.for_org(organisation).filter(user=person))
        for actor in actors:
            _erase_actor(actor)
        done["key_actors"] = len(actors)
        for rows, field in _user_references(organisation, person):
            done["references_cleared"] = done.get("references_cleared", 0) + rows.update(
                **{field: None}
            )
        done["memberships"] = (
            Membership.objects.for_org(organisation).filter(user=person).delete()[0]
        )
        others = Membership.objects.filter(user=person).exists()
        if not others and not (person.is_staff or person.is_superuser):
            person.delete()  # e-mail addresses, second factors and SSO links go with it
            done["account"] = 1
    audit(organisation, by, AuditAction.PERSON_ERASED, label, **done)
    return done
