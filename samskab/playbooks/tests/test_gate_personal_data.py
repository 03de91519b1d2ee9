"""The publishing gate names each kind of personal data the masker finds, in words."""

from __future__ import annotations

from samskab.instruments.privacy import MASKS
from samskab.playbooks import gate


def test_every_kind_but_a_name_blocks_publishing_and_is_named():
    assert set(gate.BLOCKING_KINDS) == set(MASKS) - {"name"}
    assert set(gate.KIND_LABELS) == set(gate.BLOCKING_KINDS)


def test_a_cvr_number_in_a_section_is_called_a_cvr_number_not_a_phone_number():
    problems = gate.section_problems("learning", "Leverandøren har CVR 12345678.")
    assert [p.blocking for p in problems] == [True]
    reason = problems[0].reasons[0]
    assert "CVR" in reason
    assert "telefon" not in reason and "phone" not in reason
