"""Permission rows of qualitative evidence and documents (see test_permissions.py)."""

from __future__ import annotations

import hashlib

from samskab.measurement.models import Attachment
from samskab.measurement.tests.factories import make_evidence

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _none(world, project):
    return {}


def _evidence(world, project):
    return {"pk": make_evidence(project).pk}


def _attachment(world, project):
    attachment = Attachment.objects.create(
        organisation=project.organisation,
        project=project,
        name="referat.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        data=PDF,
    )
    return {"pk": attachment.pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("measurement:evidence", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:evidence_create", "get", _none, 200, 200, 200, 403, 403, 404),
    ("measurement:evidence_create", "post", _none, 422, 422, 422, 403, 403, 404),
    # The harness builds a fresh row for each persona, so each delete finds its own.
    ("measurement:evidence_delete", "post", _evidence, 302, 302, 302, 403, 403, 404),
    ("measurement:attachment", "get", _attachment, 200, 200, 200, 200, 403, 404),
]
