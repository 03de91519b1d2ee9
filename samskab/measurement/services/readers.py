"""Who reads a measurement: exact figures for readers of stories, perturbed for the rest.

A computed value's n is a count of stories, so it follows the disclosure model
(docs/disclosure.md): a member who may read stories sees it exactly; a viewer (and any
published output) sees it perturbed by its cell key, like every count in the explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

from samskab.explorer.services.query import threshold
from samskab.organisations.models import Membership
from samskab.organisations.policy import Perm, allows


@dataclass(frozen=True)
class Reader:
    exact: bool
    k: int


def reader_of(membership: Membership) -> Reader:
    return Reader(allows(membership, Perm.READ_STORIES), threshold(membership.organisation))
