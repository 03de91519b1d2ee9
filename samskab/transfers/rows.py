"""What every file reader produces: a story to check, or a row error with its reasons.

Both readers (the SenseMaker layout and a mapped table) turn cells into the raw answers that
``samskab.instruments.answers.validate`` takes, then let it judge the row exactly as it judges a
story from the public form. Cell-level problems (a word where a number belongs, a triad whose
shares do not add up) are reported here with the question they belong to.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.instruments.answers import CleanStory, StoryInput, validate
from samskab.instruments.definition import LEVELS, Definition

# Real files hold rounding errors (a share of −0.0009, sums off by 1e-16): values this far
# outside [0, 1] are clamped; anything further is a real inconsistency and is rejected.
TINY = 0.01
TRIAD_SUM_TOLERANCE = 0.02  # as answers.TRIAD_TOLERANCE
TRUE_FLAGS = frozenset({"1", "1.0", "true", "yes", "ja", "x", "selected"})
FALSE_FLAGS = frozenset({"", "0", "0.0", "false", "no", "nej", "notselected"})
NA_WORDS = frozenset({"na", "n/a", "n.a.", "not applicable", "ikke relevant"})

LEVEL_WORDS = {
    "user": (
        "user",
        "bruger",
        "brugere",
        "users",
        "beboer",
        "beboere",
        "patient",
        "elev",
        "deltager",
    ),
    "employee": ("employee", "medarbejder", "medarbejdere", "employees", "staff", "ansat"),
    "volunteer_citizen": (
        "volunteer_citizen",
        "volunteer",
        "citizen",
        "frivillig",
        "frivillige",
        "borger",
        "borgere",
        "volunteer or citizen",
        "frivillig eller borger",
    ),
    "organisation": ("organisation", "organization", "forening", "virksomhed", "organisationer"),
}


class CellProblem(Exception):  # noqa: N818  (a validation outcome, not a program error)
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportedStory(StoryInput):
    """A story read from a file, with what the file says about where it came from."""

    external_id: str = ""
    created_at: dt.datetime | None = None
    language: str = ""


@dataclass
class Problem:
    field: str  # a label people recognise: "Story", or the question's title
    message: str


@dataclass
class RowError:
    problems: list[Problem] = field(default_factory=list)
    blank: bool = False  # every cell empty: skipped, not rejected


Row = tuple[int, ImportedStory | RowError]


def normalise(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


def guess_level(value: str) -> str | None:
    """The level a cell or list item names (ids, Danish and English words), if any."""
    word = normalise(value)
    for level, words in LEVEL_WORDS.items():
        if word in words:
            return level
    return None


@dataclass
class LevelSource:
    """Where the respondent's level comes from: a column, and what each of its values means."""

    column: str
    values: dict[str, str] = field(default_factory=dict)  # normalised cell → level

    def level(self, cell: str) -> str | None:
        if not cell.strip():
            return None
        key = normalise(cell)
        if key in self.values:
            return self.values[key] or None  # an item mapped to "no level"
        if cell.strip() in LEVELS:
            return cell.strip()
        raise CellProblem(_("“%(value)s” is not one of the levels.") % {"value": cell.strip()})


def number(cell: str) -> float:
    text = cell.strip().replace("%", "").replace(",", ".").strip()
    try:
        value = float(text)
    except ValueError as exc:
        raise CellProblem(_("“%(value)s” is not a number.") % {"value": cell.strip()}) from exc
    if not math.isfinite(value):
        raise CellProblem(_("“%(value)s” is not a number.") % {"value": cell.strip()})
    return value


def unit(value: float) -> float:
    """A value in [0, 1], clamping rounding errors; anything further off is a CellProblem."""
    if -TINY <= value < 0.0:
        return 0.0
    if 1.0 < value <= 1.0 + TINY:
        return 1.0
    if not 0.0 <= value <= 1.0:
        raise CellProblem(_("%(value)s is outside the range 0 to 1.") % {"value": _show(value)})
    return value


def close_shares(values: list[float]) -> list[float]:
    """Three shares in [0, 1] summing to exactly 1: clamp rounding errors, reject the rest."""
    clamped = [unit(v) for v in values]
    total = sum(clamped)
    if abs(total - 1.0) > TRIAD_SUM_TOLERANCE:
        raise CellProblem(
            _("The three shares add up to %(total)s %%, not 100 %%.")
            % {"total": _show(round(total * 100, 1))}
        )
    return [v / total for v in clamped]


def _show(value: float) -> str:
    return f"{value:g}"


def flag(cell: str) -> bool:
    word = normalise(cell)
    if word in TRUE_FLAGS:
        return True
    if word in FALSE_FLAGS:
        return False
    raise CellProblem(_("“%(value)s” is neither ticked nor empty.") % {"value": cell.strip()})


def is_na_word(cell: str) -> bool:
    return normalise(cell) in NA_WORDS


def field_label(definition: Definition, key: str) -> str:
    fixed = {
        "prompt": _("Question answered"),
        "title": _("Title"),
        "text": _("Story"),
        "level": _("Level"),
        "id": _("Id"),
    }
    if key in fixed:
        return fixed[key]
    try:
        return definition.signifier(key).title.get(get_language() or "da")
    except KeyError:
        return key


def collect(
    errors: list[Problem], definition: Definition, key: str, read: Callable[[], Any]
) -> Any:
    """Run one cell reader; a CellProblem becomes a Problem of that field."""
    try:
        return read()
    except CellProblem as exc:
        errors.append(Problem(field_label(definition, key), exc.message))
        return None


def check(definition: Definition, story: ImportedStory) -> tuple[CleanStory | None, RowError]:
    """Validate as every entry path does; the errors as problems people can act on."""
    clean, errors = validate(definition, story)
    problems = [
        Problem(field_label(definition, key), invalid.message)
        for key, invalids in errors.items()
        for invalid in invalids
    ]
    return clean, RowError(problems)


def duplicates(rows: Iterable[Row]) -> Iterator[Row]:
    """Reject a second row with an id already seen in the same file."""
    seen: dict[str, int] = {}
    for number_, item in rows:
        if isinstance(item, ImportedStory) and item.external_id:
            first = seen.setdefault(item.external_id, number_)
            if first != number_:
                problem = Problem(
                    _("Id"),
                    _("The id %(id)s was already used in row %(row)s.")
                    % {"id": item.external_id, "row": first},
                )
                yield number_, RowError([problem])
                continue
        yield number_, item
