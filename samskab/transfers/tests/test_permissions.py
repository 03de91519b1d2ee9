"""Who may import and export: imports need MANAGE_INSTRUMENTS, exports (full microdata) need
EXPORT_MICRODATA: both admins and facilitators only. Another organisation's rows look absent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.testing import assert_matrix_row
from samskab.transfers.models import ImportJob, ImportKind
from samskab.transfers.tests.helpers import make_collection

MATRIX = [
    # url name, method, needs (collection|job|export), anna, dina, erik, bo, pia, carl
    ("transfers:jobs", "get", None, 200, 200, 403, 403, 403, 404),
    ("transfers:sensemaker", "get", None, 200, 200, 403, 403, 403, 404),
    ("transfers:sensemaker", "post", None, 422, 422, 403, 403, 403, 404),
    ("transfers:upload", "get", "collection", 200, 200, 403, 403, 403, 404),
    ("transfers:upload", "post", "collection", 422, 422, 403, 403, 403, 404),
    ("transfers:job", "get", "job", 200, 200, 403, 403, 403, 404),
    ("transfers:mapping", "get", "job", 200, 200, 403, 403, 403, 404),
    ("transfers:mapping", "post", "job", 422, 422, 403, 403, 403, 404),
    ("transfers:confirm", "post", "job", 302, 302, 403, 403, 403, 404),
    ("transfers:cancel", "post", "job", 302, 302, 403, 403, 403, 404),
    ("transfers:rejected", "get", "job", 200, 200, 403, 403, 403, 404),
    ("transfers:export_page", "get", "collection", 200, 200, 403, 403, 403, 404),
    ("transfers:export", "get", "export", 200, 200, 403, 403, 403, 404),
]


def _job(world, collection):
    return ImportJob.objects.create(
        organisation=world.org_a,
        collection=collection,
        version=collection.instrument.versions.get(),
        kind=ImportKind.TABLE,
        file_name="x.csv",
        table={"headers": ["Historie"], "rows": [["En historie."]]},
        total_rows=1,
        options={"layout": "mapped", "suggested": {}},
    )


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, needs, *expected = row
    kwargs: dict[str, object] = {"org": world.org_a.slug}
    if needs:
        collection = make_collection(world.org_a)
        kwargs["pk"] = _job(world, collection).pk if needs == "job" else collection.pk
    if needs == "export":
        kwargs["fmt"] = "raw"
    assert_matrix_row(client, world, reverse(url_name, kwargs=kwargs), method, expected)


def test_other_organisations_rows_are_404(client, world):
    collection_b = make_collection(world.org_b)
    job_b = ImportJob.objects.create(
        organisation=world.org_b, collection=collection_b, kind=ImportKind.TABLE, file_name="b.csv"
    )
    client.force_login(world.anna)
    org = world.org_a.slug
    for name, pk in (
        ("transfers:upload", collection_b.pk),
        ("transfers:export_page", collection_b.pk),
        ("transfers:job", job_b.pk),
        ("transfers:mapping", job_b.pk),
        ("transfers:rejected", job_b.pk),
    ):
        assert client.get(reverse(name, kwargs={"org": org, "pk": pk})).status_code == 404
    url = reverse("transfers:export", kwargs={"org": org, "pk": collection_b.pk, "fmt": "raw"})
    assert client.get(url).status_code == 404
    url = reverse("transfers:confirm", kwargs={"org": org, "pk": job_b.pk})
    assert client.post(url).status_code == 404
