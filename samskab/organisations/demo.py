"""Demo data for ``make run``: Demo Kommune, an association and a few staff accounts.

The password is public (README); ``load_demo`` refuses to run outside DEBUG so a production
database never gets accounts with a known password.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from samskab.organisations.models import Membership, Organisation, OrganisationKind, Role

DEMO_PASSWORD = "samskab-demo"  # noqa: S105  (documented demo credential, DEBUG only)

ORGANISATIONS = [
    ("demo-kommune", "Demo Kommune", OrganisationKind.MUNICIPALITY),
    ("groenne-haender", "Foreningen Grønne Hænder", OrganisationKind.ASSOCIATION),
]

ACCOUNTS = [
    ("admin@demo.dk", "demo-kommune", Role.ADMIN),
    ("facilitator@demo.dk", "demo-kommune", Role.FACILITATOR),
    ("analytiker@demo.dk", "demo-kommune", Role.ANALYST),
    ("leder@demo.dk", "demo-kommune", Role.VIEWER),
    ("formand@groennehaender.dk", "groenne-haender", Role.ADMIN),
]


@transaction.atomic
def load_demo(force: bool = False) -> list[tuple[str, str, str]]:
    if not (settings.DEBUG or force):
        raise ImproperlyConfigured("Demo data has a public password; load it only with DEBUG=True.")
    organisations = {}
    for slug, name, kind in ORGANISATIONS:
        organisations[slug], _created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
    User = get_user_model()
    loaded = []
    for email, slug, role in ACCOUNTS:
        user, created = User.objects.get_or_create(username=email, defaults={"email": email})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            organisation=organisations[slug], user=user, defaults={"role": role}
        )
        loaded.append(
            (email, str(role.label), organisations[slug].name)
        )  # label in active language
    return loaded


def demo_municipality() -> Organisation:
    return Organisation.objects.get(slug=ORGANISATIONS[0][0])
