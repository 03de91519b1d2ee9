"""The explorer's CSV escapes what a spreadsheet would run as a formula (issue 18): ids may
start with "-" ("-A1-B1" is a formula to Excel); numbers stay as they are."""

from __future__ import annotations

import copy
import csv
import io

import numpy as np
import pytest

from samskab.explorer.services.store import store_for
from samskab.explorer.services.stories import csv_lines
from samskab.explorer.tests.helpers import add_stories
from samskab.instruments.definition import parse
from samskab.instruments.models import Collection
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import create_instrument
from samskab.lib.spreadsheets import needs_escape

pytestmark = pytest.mark.django_db


def test_ids_that_read_as_formulas_are_escaped(world):
    document = copy.deepcopy(SAMPLE)
    frequency = next(s for s in document["signifiers"] if s["id"] == "frequency")
    frequency["id"] = "-A1-B1"
    frequency["options"][1]["id"] = "-A2"
    instrument = create_instrument(world.org_a, "Formler", parse(document), None)
    collection = Collection.objects.create(
        organisation=world.org_a, instrument=instrument, name="Formler", consent_text={"da": "Ja"}
    )
    version = add_stories(collection, 3, **{"-A1-B1": {"state": "answered", "value": "-A2"}})
    store = store_for(collection, version)
    text = "".join(csv_lines(store, np.ones(store.n, dtype=bool), {}))
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert "'-A1-B1.state" in header and "'-A1-B1" in header
    assert {row[header.index("'-A1-B1")] for row in rows} == {"'-A2"}
    assert not [cell for row in [header, *rows] for cell in row if needs_escape(cell)]
