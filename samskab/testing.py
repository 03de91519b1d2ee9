"""Shared test personas, as in STYLE.md: one member per role in organisation A, an admin in B.

anna  admin        org A        bo    viewer       org A        carl  admin       org B
dina  facilitator  org A        erik  analyst      org A        pia   participant org A
ulla  participant  org A (a spare, for tests that remove a member)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from samskab.organisations.models import Membership, Organisation, OrganisationKind, Role

PASSWORD = "correct horse battery staple"  # noqa: S105

PERSONAS: dict[str, tuple[str, Role]] = {
    "anna": ("a", Role.ADMIN),
    "bo": ("a", Role.VIEWER),
    "dina": ("a", Role.FACILITATOR),
    "erik": ("a", Role.ANALYST),
    "pia": ("a", Role.PARTICIPANT),
    "carl": ("b", Role.ADMIN),
    "ulla": ("a", Role.PARTICIPANT),  # a spare member for tests that remove someone
}


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    users: dict[str, User]

    def __getattr__(self, name: str) -> User:
        try:
            return self.users[name]
        except KeyError:
            raise AttributeError(name) from None


def make_world() -> World:
    org_a = Organisation.objects.create(
        name="Aarby Kommune", slug="aarby", kind=OrganisationKind.MUNICIPALITY
    )
    org_b = Organisation.objects.create(
        name="Bøgelund Kommune", slug="boegelund", kind=OrganisationKind.MUNICIPALITY
    )
    orgs = {"a": org_a, "b": org_b}
    users = {}
    for name, (org_key, role) in PERSONAS.items():
        user = User.objects.create_user(
            username=name, email=f"{name}@example.dk", password=PASSWORD
        )
        Membership.objects.create(organisation=orgs[org_key], user=user, role=role)
        users[name] = user
    return World(org_a=org_a, org_b=org_b, users=users)


# Columns of every permission matrix: each role in A, then carl, a stranger to A.
MATRIX_PERSONAS = ("anna", "dina", "erik", "bo", "pia", "carl")


def assert_matrix_row(client, world, url, method, expected, data=None):
    """Request ``url`` as each persona in MATRIX_PERSONAS and compare the status codes.

    Rows of a matrix are ``(url name, method, ..., anna, dina, erik, bo, pia, carl)``; a
    stranger (carl) must get 404, a member without the role 403. The meta-test in
    ``samskab/lib/tests/test_route_coverage.py`` reads every app's ``MATRIX``.
    """
    for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
        client.force_login(world.users[persona])
        response = getattr(client, method)(url, data or {})
        assert response.status_code == status, (persona, url, response.status_code)  # noqa: S101


def make_project(organisation: Organisation, **fields: object):
    from samskab.projects.models import Project

    defaults: dict[str, object] = {
        "title": "Parken der blev fornyet",
        "theme": "nature",
        "problem": "Parken er slidt, og ingen føler ejerskab.",
    }
    defaults.update(fields)
    return Project.objects.create(organisation=organisation, **defaults)
