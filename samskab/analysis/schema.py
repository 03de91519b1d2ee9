"""Dataclasses that describe an instrument's signifiers to the engine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


class Kind(StrEnum):
    TRIAD = "triad"
    DYAD = "dyad"
    STONES = "stones"
    SINGLE = "single"
    MULTI = "multi"
    FREETEXT = "freetext"


class AnswerState(IntEnum):
    """The three states of every answer; not-applicable is data, skipped is absence."""

    ANSWERED = 0
    NOT_APPLICABLE = 1
    SKIPPED = 2


STATE_CODES: dict[str, AnswerState] = {
    "answered": AnswerState.ANSWERED,
    "not_applicable": AnswerState.NOT_APPLICABLE,
    "skipped": AnswerState.SKIPPED,
}

_PART_COUNTS: dict[Kind, tuple[int, int]] = {
    Kind.TRIAD: (3, 3),
    Kind.DYAD: (2, 2),
    Kind.STONES: (1, 64),
    Kind.SINGLE: (1, 32000),
    Kind.MULTI: (1, 64),
    Kind.FREETEXT: (0, 0),
}


@dataclass(frozen=True)
class Signifier:
    """One signifier.

    `parts` holds the corner ids of a triad (top, left, right), the pole ids of a dyad
    (left, right), the stone ids of a stones canvas or the item codes of a choice.
    """

    id: str
    kind: Kind
    parts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"Signifier id {self.id!r} must match {_ID.pattern}.")
        low, high = _PART_COUNTS[self.kind]
        if not low <= len(self.parts) <= high:
            raise ValueError(
                f"Signifier {self.id} of kind {self.kind} has {len(self.parts)} parts."
            )
        if len(set(self.parts)) != len(self.parts):
            raise ValueError(f"Signifier {self.id} has duplicate parts.")


@dataclass(frozen=True)
class Schema:
    """What the store holds for one collection version."""

    collection_id: str
    version: int
    signifiers: tuple[Signifier, ...]
    levels: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _ID.match(self.collection_id):
            raise ValueError(f"Collection id {self.collection_id!r} must match {_ID.pattern}.")
        ids = [s.id for s in self.signifiers]
        if len(set(ids)) != len(ids):
            raise ValueError("Signifier ids must be unique.")

    def get(self, signifier_id: str) -> Signifier:
        for signifier in self.signifiers:
            if signifier.id == signifier_id:
                return signifier
        raise KeyError(signifier_id)

    def of_kind(self, *kinds: Kind) -> tuple[Signifier, ...]:
        return tuple(s for s in self.signifiers if s.kind in kinds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "collection_id": self.collection_id,
            "version": self.version,
            "levels": list(self.levels),
            "prompts": list(self.prompts),
            "signifiers": [
                {"id": s.id, "kind": s.kind.value, "parts": list(s.parts)} for s in self.signifiers
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Schema:
        signifiers = tuple(
            Signifier(str(s["id"]), Kind(s["kind"]), tuple(str(p) for p in s["parts"]))
            for s in data["signifiers"]
        )
        return cls(
            collection_id=str(data["collection_id"]),
            version=int(data["version"]),
            signifiers=signifiers,
            levels=tuple(str(x) for x in data["levels"]),
            prompts=tuple(str(x) for x in data["prompts"]),
        )
