"""Reading uploaded tables and suggesting column matches (pure, no database)."""

from __future__ import annotations

import pytest

from samskab.instruments.samples import sample_definition
from samskab.transfers import mapping
from samskab.transfers.tabular import TableError, read_csv, sniff_delimiter


def test_encodings_delimiters_and_bom():
    utf8 = "\ufeffid,Historie\r\n1,Æbler på Ærø\r\n".encode()
    cp1252 = "id;Historie\r\n1;Æbler på Ærø\r\n".encode("cp1252")
    for data in (utf8, cp1252):
        table = read_csv(data)
        assert table.headers == ["id", "Historie"]
        assert table.rows == [["1", "Æbler på Ærø"]]
    assert sniff_delimiter('"a;b",c,d\n') == ","
    assert sniff_delimiter("a\tb\n") == "\t"


def test_bad_tables_are_refused_with_a_reason():
    with pytest.raises(TableError, match="brugt to gange: a"):
        read_csv(b"a;a\n1;2\n")
    with pytest.raises(TableError, match="tom"):
        read_csv(b"")


def test_suggestions_match_similar_names_once():
    groups = mapping.groups(sample_definition())
    headers = ["Løbenr", "Historie", "Titel", "rolle", "drivers_citizens", "Hvem bestemte?", "x"]
    suggested = mapping.suggest(headers, groups)
    assert suggested["text"] == "Historie" and suggested["title"] == "Titel"
    assert suggested["level"] == "rolle" and suggested["external_id"] == "Løbenr"
    assert suggested["drivers__citizens"] == "drivers_citizens"
    assert suggested["decided__percentX"] == "Hvem bestemte?"
    assert "x" not in suggested.values()
    assert len(set(suggested.values())) == len(suggested)
