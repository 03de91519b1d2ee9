"""What every section builder reads: the project, the threshold k, the language and a few
formatting helpers. Builders only read; nothing here writes to the database."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.formats import date_format

from samskab.explorer.models import SavedView
from samskab.explorer.services.numbers import fmt_float, fmt_int
from samskab.explorer.services.query import threshold
from samskab.organisations.models import Organisation
from samskab.playbooks.models import PlaybookQuote
from samskab.projects.models import Project

Progress = Callable[[int, str], None]


@dataclass
class Record:
    project: Project
    language: str
    quotes: list[PlaybookQuote] = field(default_factory=list)
    views: list[SavedView] = field(default_factory=list)
    figure_count: int = 0

    @property
    def organisation(self) -> Organisation:
        return self.project.organisation

    @cached_property
    def k(self) -> int:
        """The organisation's threshold, read once per document (it is a query)."""
        return threshold(self.organisation)

    def figure_id(self, stem: str) -> str:
        """A stable, unique id per figure in the document (versions are compared by text)."""
        self.figure_count += 1
        return f"fig-{self.figure_count}-{stem}"

    def integer(self, value: int) -> str:
        return fmt_int(value, self.language)

    def number(self, value: float, digits: int = 1) -> str:
        if float(value).is_integer():
            return fmt_int(int(value), self.language)
        return fmt_float(value, digits, self.language)

    def date(self, value: datetime.date | None) -> str:
        return date_format(value, "j. F Y") if value else "–"

    def month(self, value: datetime.date) -> str:
        return date_format(value, "F Y")
