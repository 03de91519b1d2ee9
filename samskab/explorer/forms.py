"""The filter panel (one form per group), and the observation form.

Filters live in the query string, so a view is a URL. Field names per signifier carry its id:
`zone_<sid>`, `cell_<sid>`, `rmin_<corner>_<sid>`/`rmax_<corner>_<sid>` (triad region: share
of the top, left or right corner, 0–100), `min_<sid>`/`max_<sid>` (dyad, 0–100), `choice_<sid>`,
`state_<sid>`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.analysis.density import DEFAULT_RESOLUTION
from samskab.analysis.disclosure import DEFAULT_K, MIN_K
from samskab.analysis.release import SMALL
from samskab.analysis.schema import Kind, Schema
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.models import MAX_K, MAX_THEMES, MIN_THEMES, ThemeMethod
from samskab.explorer.services.labels import STATE_LABELS, ZONE_LABELS, Labels, cell_name
from samskab.explorer.services.themes import ThemeOption
from samskab.lib.forms import AccessibleForm, check_date_order, parse_int

CHECKBOXES = forms.CheckboxSelectMultiple
TRIAD_CORNERS = ("top", "left", "right")  # the order of a triad's parts and shares
# A dyad band's edges: the only dyad bounds of a coarse form (`FilterForm(coarse=True)`).
BAND_LOWS = frozenset({0, 20, 40, 60, 80})
BAND_HIGHS = frozenset({19, 39, 59, 79, 100})
SMALL_CHOICE = _(
    "“%(value)s” cannot be chosen: groups with fewer stories than the threshold are never "
    "shown on their own."
)
COARSE_ONLY = _(
    "Exact ranges, regions, cells, dates and text search are only for those who may read the "
    "stories. Choose a zone, a band or an option instead."
)


class SignifierGroup(NamedTuple):
    """One signifier's fields in the filter panel; a triad's region bounds apart."""

    title: str
    fields: list[forms.BoundField]
    region: list[forms.BoundField]
    region_open: bool


class ActiveCell(NamedTuple):
    """A density cell chosen from a chart, shown in the panel as a box to untick."""

    field: forms.BoundField
    slot: int
    label: str


def region_names(sid: str) -> list[tuple[str, str]]:
    """(at least, at most) field names per corner, top, left, right."""
    return [(f"rmin_{c}_{sid}", f"rmax_{c}_{sid}") for c in TRIAD_CORNERS]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(AccessibleForm):
    """Any combination of criteria over one collection version (all optional, combined by AND)."""

    name = forms.CharField(
        label=_("Name of the group"),
        required=False,
        max_length=60,
        help_text=_("Used in the sentences, e.g. “employees”."),
    )
    level = forms.MultipleChoiceField(label=_("Level"), required=False, widget=CHECKBOXES)
    prompt = forms.MultipleChoiceField(
        label=_("Question answered"), required=False, widget=CHECKBOXES
    )
    date_from = forms.DateField(label=_("Told on or after"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Told on or before"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Text in the story"), required=False, max_length=100)
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        help_text=_("Themes found in the story texts (see the page “Themes”)."),
        error_messages={
            "invalid_choice": _(
                "This theme is not one of the newest themes of this version. Choose a theme "
                "from the list."
            )
        },
    )

    # The density resolution of the store's cells (the engine's default, which the store uses).
    cell_resolution = DEFAULT_RESOLUTION

    error_messages = {
        "region_order": _("“At most” must not be below “at least”."),
        "region_lows": _(
            "The “at least” shares of “%(title)s” add up to more than 100 %%, so no story can "
            "lie there. Lower one of them."
        ),
        "region_highs": _(
            "The “at most” shares of “%(title)s” add up to less than 100 %%, so no story can "
            "lie there. Raise one of them."
        ),
    }

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        schema: Schema,
        labels: Labels,
        prefix: str | None = None,
        named: bool = False,
        themes: Sequence[ThemeOption] = (),
        coarse: bool = False,
    ) -> None:
        """`coarse`: only predefined categories (no exact ranges, regions, cells, dates or
        text), for readers who see perturbed figures (docs/disclosure.md)."""
        super().__init__(data, prefix=prefix)
        self.schema = schema
        self.labels = labels
        self.coarse = coarse
        if not named:
            del self.fields["name"]
        # A theme is a choice of the version's newest finished run: any other value (an older
        # run, another collection's or organisation's) is refused as an invalid choice.
        self.theme_names = {t.value: t.name for t in themes}
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            ("", _("any theme")),
            *((t.value, t.label) for t in themes),
        ]
        self.fields["level"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in labels.levels.items() if self._usable("level", code)
        ]
        self.fields["prompt"].choices = [  # type: ignore[attr-defined]
            (p, labels.prompts.get(p, p)) for p in schema.prompts if self._usable("prompt", p)
        ]
        for name in ("level", "prompt"):
            self.fields[name].error_messages["invalid_choice"] = SMALL_CHOICE
        for s in schema.signifiers:
            self._add_signifier_fields(s.id, s.kind, s.parts)

    def _usable(self, attribute: str, value: str) -> bool:
        """Small categories (and the merged one) are never a filter (`analysis.release`)."""
        return value != SMALL and not self.labels.is_small(attribute, value)

    def exact_fields(self) -> list[str]:
        """The fields a coarse form refuses: dates, text, triad regions and cells."""
        names = ["date_from", "date_to", "q"]
        for s in self.schema.of_kind(Kind.TRIAD):
            names += [f"cell_{s.id}", *(n for pair in region_names(s.id) for n in pair)]
        return [n for n in names if n in self.fields]

    def _add_signifier_fields(self, sid: str, kind: Kind, parts: tuple[str, ...]) -> None:
        title = self.labels.title(sid)
        if kind is Kind.TRIAD:
            self.fields[f"zone_{sid}"] = forms.MultipleChoiceField(
                label=_("%(title)s: zone") % {"title": title},
                required=False,
                widget=CHECKBOXES,
                choices=[(z, ZONE_LABELS[z]) for z in ZONE_CODES],
            )
            self.fields[f"cell_{sid}"] = forms.IntegerField(
                required=False, min_value=0, widget=forms.HiddenInput
            )
            self._add_region_fields(sid, parts)
        elif kind is Kind.DYAD and self.coarse:
            for end, label, edges in (("min", _("from"), BAND_LOWS), ("max", _("to"), BAND_HIGHS)):
                self.fields[f"{end}_{sid}"] = forms.TypedChoiceField(
                    label=_("%(title)s: %(end)s (0–100)") % {"title": title, "end": label},
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[("", "–"), *((e, str(e)) for e in sorted(edges))],
                    error_messages={"invalid_choice": COARSE_ONLY},
                )
        elif kind is Kind.DYAD:
            for end, label in (("min", _("from")), ("max", _("to"))):
                self.fields[f"{end}_{sid}"] = forms.IntegerField(
                    label=_("%(title)s: %(end)s (0–100)") % {"title": title, "end": label},
                    required=False,
                    min_value=0,
                    max_value=100,
                )
        elif kind in (Kind.SINGLE, Kind.MULTI):
            self.fields[f"choice_{sid}"] = forms.MultipleChoiceField(
                label=title,
                required=False,
                widget=CHECKBOXES,
                choices=[(p, self.labels.part(sid, p)) for p in parts if self._usable(sid, p)],
                error_messages={"invalid_choice": SMALL_CHOICE},
            )
        self.fields[f"state_{sid}"] = forms.ChoiceField(
            label=_("%(title)s: answer") % {"title": title},
            required=False,
            choices=[("", _("any"))] + [(k, v) for k, v in STATE_LABELS.items()],
        )

    def _add_region_fields(self, sid: str, parts: tuple[str, ...]) -> None:
        """Optional bounds on each corner's share, in percent (empty: no bound)."""
        for part, (low, high) in zip(parts, region_names(sid), strict=True):
            corner = self.labels.part(sid, part)
            for name, label in (
                (low, _("“%(corner)s” at least (%%)")),
                (high, _("“%(corner)s” at most (%%)")),
            ):
                self.fields[name] = forms.IntegerField(
                    label=label % {"corner": corner},
                    required=False,
                    min_value=0,
                    max_value=100,
                )

    def _check_region(self, sid: str, data: dict[str, Any]) -> None:
        names = region_names(sid)
        lows = [data.get(low) for low, _high in names]
        highs = [data.get(high) for _low, high in names]
        for (_low_name, high_name), low, high in zip(names, lows, highs, strict=True):
            if low is not None and high is not None and high < low:
                self._region_error(high_name, "region_order", sid)
        given = [(name, v) for (name, _high), v in zip(names, lows, strict=True) if v is not None]
        if sum(v for _name, v in given) > 100:
            self._region_error(given[-1][0], "region_lows", sid)
        set_highs = [v for v in highs if v is not None]
        if len(set_highs) == len(highs) and sum(set_highs) < 100:
            self._region_error(names[-1][1], "region_highs", sid)

    def _region_error(self, name: str, code: str, sid: str) -> None:
        params = {"title": self.labels.title(sid)}
        error = forms.ValidationError(self.error_messages[code], code=code, params=params)
        self.add_error(name, error)

    def _check_coarse(self, data: dict[str, Any]) -> None:
        for name in self.exact_fields():
            if data.get(name) not in (None, ""):
                error = forms.ValidationError(COARSE_ONLY, code="coarse_only")
                # A density cell has no visible field: its error belongs to the whole form.
                self.add_error(None if name.startswith("cell_") else name, error)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.coarse:
            self._check_coarse(data)
        check_date_order(self, data, "date_from", "date_to")
        for s in self.schema.of_kind(Kind.TRIAD):
            self._check_region(s.id, data)
        for s in self.schema.of_kind(Kind.DYAD):
            low, high = data.get(f"min_{s.id}"), data.get(f"max_{s.id}")
            if low is not None and high is not None and high < low:
                self.add_error(
                    f"max_{s.id}",
                    forms.ValidationError(
                        _("The upper end must not be below the lower end."), code="range_order"
                    ),
                )
        return data

    def basic_fields(self) -> list[forms.BoundField]:
        names = ["level", "prompt", "date_from", "date_to", "q"]
        if self.coarse:  # shown only when asked for, to say why they are refused
            names = [n for n in names if n in ("level", "prompt") or self[n].errors]
        if self.theme_names or self["theme"].errors:
            names.append("theme")  # only once themes were found (or a wrong one was asked for)
        return [self[name] for name in names]

    def theme_name(self) -> str | None:
        """The chosen theme as it reads in a sentence, if one is chosen."""
        value = self.cleaned_data.get("theme") if self.is_valid() else None
        return self.theme_names.get(value) if value else None

    def signifier_fields(self) -> list[SignifierGroup]:
        """Each signifier's visible fields in instrument order, a triad's region apart."""
        groups = []
        for s in self.schema.signifiers:
            region = [n for pair in region_names(s.id) for n in pair if n in self.fields]
            if self.coarse:
                region = [n for n in region if self[n].errors]
            names = [
                n
                for n in self.fields
                if n.endswith(f"_{s.id}") and not n.startswith("cell_") and n not in region
            ]
            bound = [self[n] for n in region]
            is_open = any(bool(b.errors) or b.value() not in (None, "") for b in bound)
            groups.append(
                SignifierGroup(self.labels.title(s.id), [self[n] for n in names], bound, is_open)
            )
        return groups

    def answers_open(self) -> bool:
        """Whether a filter on answers is set or wrong (the panel then shows them)."""
        basic = {"name", *(b.name for b in self.basic_fields())}
        return any(
            bool(self[n].errors) or self[n].value() not in (None, "", [])
            for n in self.fields
            if n not in basic and not n.startswith("cell_")
        )

    def active_cells(self) -> list[ActiveCell]:
        """The density cells chosen from a chart (at most one per triad)."""
        found = []
        for s in self.schema.of_kind(Kind.TRIAD):
            field = self[f"cell_{s.id}"]
            slot = parse_int(str(field.value() or ""))
            if slot is None:
                continue
            where = cell_name(self.labels, s.id, s.parts, slot, self.cell_resolution)
            label = _("Only the stories in one cell of “%(title)s”") % {
                "title": self.labels.title(s.id)
            }
            found.append(ActiveCell(field, slot, f"{label}: {where}" if where else label))
        return found

    def hidden_cells(self) -> list[forms.BoundField]:
        active = {cell.field.name for cell in self.active_cells()}
        return [self[n] for n in self.fields if n.startswith("cell_") and n not in active]


def day_start(day: datetime.date) -> int:
    moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
    return int(moment.timestamp())


class ObservationForm(AccessibleForm):
    """A saved view with an observation and at least two competing interpretations."""

    title = forms.CharField(label=_("Title of the view"), max_length=200)
    text = forms.CharField(
        label=_("Observation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What is remarkable here?"),
    )
    interpretation_1 = forms.CharField(
        label=_("First interpretation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    interpretation_2 = forms.CharField(
        label=_("A competing interpretation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    interpretation_3 = forms.CharField(
        label=_("Another interpretation (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    signifier = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    comparison = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)

    error_messages = {
        "same": _("The two interpretations must differ: write a competing one."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("text", "interpretation_1", "interpretation_2"):
            self.fields[name].error_messages["required"] = {
                "text": _("Write what you observed."),
                "interpretation_1": _("Write at least two interpretations."),
                "interpretation_2": _("Write at least two interpretations: add a competing one."),
            }[name]
        self.fields["title"].error_messages["required"] = _("Give the view a title.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("interpretation_1"), data.get("interpretation_2")
        if first and second and first.strip().casefold() == second.strip().casefold():
            self.add_error(
                "interpretation_2",
                forms.ValidationError(self.error_messages["same"], code="same"),
            )
        return data

    def interpretations(self) -> list[str]:
        names = ("interpretation_1", "interpretation_2", "interpretation_3")
        return [self.cleaned_data[n].strip() for n in names if self.cleaned_data.get(n)]


class ThresholdForm(AccessibleForm):
    """The organisation's disclosure threshold k."""

    min_group = forms.IntegerField(
        label=_("Smallest group shown (k)"),
        min_value=MIN_K,
        max_value=MAX_K,
        error_messages={
            "required": _("Enter the smallest group size, a whole number such as 5."),
            "invalid": _("Enter a whole number, such as 5."),
            "min_value": _(
                "The smallest group must be at least %(limit_value)s stories: in a smaller "
                "group, people who know the participants could tell who said what."
            ),
            "max_value": _("The smallest group can be at most %(limit_value)s stories."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_group"].help_text = _(
            "A whole number from %(min)s to %(max)s; %(default)s unless changed."
        ) % {"min": MIN_K, "max": MAX_K, "default": DEFAULT_K}
        self.fields["min_group"].widget.attrs["inputmode"] = "numeric"


class ThemeRunForm(AccessibleForm):
    """Find themes again: how many, with which seed and method."""

    n_themes = forms.IntegerField(
        label=_("Number of themes"),
        min_value=MIN_THEMES,
        max_value=MAX_THEMES,
        initial=8,
        error_messages={
            "required": _("Enter the number of themes, a whole number such as 8."),
            "invalid": _("Enter a whole number, such as 8."),
            "min_value": _("Ask for at least %(limit_value)s themes."),
            "max_value": _("Ask for at most %(limit_value)s themes."),
        },
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text=_("The same seed on the same stories finds the same themes."),
        error_messages={
            "required": _("Enter a seed, a whole number such as 0."),
            "invalid": _("Enter a whole number, such as 0."),
            "min_value": _("The seed cannot be negative."),
            "max_value": _("The seed can be at most %(limit_value)s."),
        },
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=ThemeMethod.choices,
        initial=ThemeMethod.NMF,
        help_text=_(
            "Topics let a story touch several themes (it counts in its strongest); clusters put "
            "each story in exactly one."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted here, per request: a lazy text formatted at import keeps one language.
        self.fields["n_themes"].help_text = _("From %(min)s to %(max)s.") % {
            "min": MIN_THEMES,
            "max": MAX_THEMES,
        }
        for name in ("n_themes", "seed"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
