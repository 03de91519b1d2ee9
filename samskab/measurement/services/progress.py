"""Where an indicator stands: between baseline and target, its trend, and whether the change
since the baseline is larger than chance can explain.

The words are careful on purpose. "Moved towards the target" describes numbers; only for
computed indicators, whose values carry a sample size and an interval, do we say whether the
change is distinguishable from noise, and then from the engine's test between the baseline
period and the latest. A change that is distinguishable says nothing about what caused it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.measurement.content import Direction, Unit
from samskab.measurement.models import Indicator, Measurement

# How close to the baseline (as a share of the distance to the target) counts as "no change".
FLAT = 0.02


class Standing:
    NO_DATA = "no_data"
    REACHED = "reached"
    TOWARDS = "towards"
    AWAY = "away"
    UNCHANGED = "unchanged"
    NO_BASELINE = "no_baseline"
    # Computed from stories: moved, but by no more than chance would give.
    WITHIN_NOISE = "within_noise"


class Noise:
    DISTINGUISHABLE = "distinguishable"
    NOT_DISTINGUISHABLE = "not_distinguishable"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ChangeVerdict:
    verdict: str  # a Noise value
    sentence: str
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None
    p_value: float | None = None


@dataclass
class Progress:
    indicator: Indicator
    measurements: list[Measurement]  # every period, withheld ones included, oldest first
    latest: Measurement | None  # the newest period with a value
    fraction: float | None  # 0 at the baseline, 1 at the target (may lie outside 0..1)
    standing: str  # a Standing value
    trend: str  # "up", "down", "flat" or "" (fewer than two values)
    change: ChangeVerdict

    @property
    def percent_of_way(self) -> int | None:
        return None if self.fraction is None else round(100 * self.fraction)

    @property
    def bar_percent(self) -> int:
        """The fraction clipped to 0..100, for a progress bar."""
        return 0 if self.fraction is None else max(0, min(100, round(100 * self.fraction)))

    @property
    def withheld_count(self) -> int:
        return sum(1 for m in self.measurements if m.value is None)


def _better(indicator: Indicator, delta: float) -> float:
    return delta if indicator.direction == Direction.HIGHER else -delta


def standing(indicator: Indicator, latest: float | None) -> tuple[float | None, str]:
    base, target = indicator.baseline_value, indicator.target_value
    if latest is None:
        return None, Standing.NO_DATA
    if base is None:
        return None, Standing.NO_BASELINE
    fraction = None
    # A target on the wrong side of the baseline (a computed baseline can move) has no "way".
    if target is not None and target != base and _better(indicator, target - base) > 0:
        fraction = (latest - base) / (target - base)
        if fraction >= 1:
            return fraction, Standing.REACHED
    scale = abs(target - base) if target is not None and target != base else max(abs(base), 1.0)
    gain = _better(indicator, latest - base)
    if abs(gain) <= FLAT * scale:
        return fraction, Standing.UNCHANGED
    return fraction, Standing.TOWARDS if gain > 0 else Standing.AWAY


def trend(values: list[float]) -> str:
    if len(values) < 2:
        return ""
    delta = values[-1] - values[-2]
    scale = max(abs(values[-2]), 1.0)
    if abs(delta) <= FLAT * scale:
        return "flat"
    return "up" if delta > 0 else "down"


def _manual_verdict(indicator: Indicator, shown: list[Measurement]) -> ChangeVerdict:
    if len(shown) < 2 and indicator.baseline_value is None:
        return ChangeVerdict(Noise.UNKNOWN, _("There are not yet two values to compare."))
    return ChangeVerdict(
        Noise.UNKNOWN,
        _(
            "These values were entered without a sample size, so we cannot say whether the "
            "change is larger than chance would give."
        ),
    )


def _computed_verdict(indicator: Indicator) -> ChangeVerdict:
    from samskab.measurement.services import computed

    stamp = indicator.computed_at.timestamp() if indicator.computed_at else 0
    key = f"measurement:change:{indicator.pk}:{indicator.computed_counter}:{stamp}"
    found: Any = cache.get(key)
    if found is None:
        test = computed.change_since_baseline(indicator)
        found = test if test is not None else "none"
        cache.set(key, found, 3600)
    if found == "none":
        return ChangeVerdict(
            Noise.UNKNOWN,
            _(
                "The baseline period or the latest period has too few stories to be shown, so "
                "the two cannot be compared."
            ),
        )
    return _verdict_from_test(indicator, found)


def _verdict_from_test(indicator: Indicator, test: Any) -> ChangeVerdict:
    sign = "+" if test.estimate > 0 else ""
    params = {
        "estimate": sign + number_format(test.estimate, 1),
        "lower": number_format(test.lower, 1),
        "upper": number_format(test.upper, 1),
        "unit": _("percentage points") if indicator.unit == Unit.PERCENT else _("points"),
    }
    if test.lower > 0 or test.upper < 0:
        gain = _better(indicator, test.estimate)
        sentence = (
            _(
                "From the baseline period to the latest, the value changed by %(estimate)s "
                "%(unit)s (95 %% interval %(lower)s to %(upper)s), towards the target. The change "
                "is larger than chance would give; it does not show by itself what caused it."
            )
            if gain > 0
            else _(
                "From the baseline period to the latest, the value changed by %(estimate)s "
                "%(unit)s (95 %% interval %(lower)s to %(upper)s), away from the target. The "
                "change is larger than chance would give."
            )
        )
        verdict = Noise.DISTINGUISHABLE
    else:
        sentence = _(
            "From the baseline period to the latest, the value changed by %(estimate)s %(unit)s, "
            "but the 95 %% interval (%(lower)s to %(upper)s) includes no change: the stories do "
            "not show a change larger than chance."
        )
        verdict = Noise.NOT_DISTINGUISHABLE
    return ChangeVerdict(
        verdict, sentence % params, test.estimate, test.lower, test.upper, test.p_value
    )


def progress(indicator: Indicator, measurements: list[Measurement] | None = None) -> Progress:
    """The indicator's progress; pass its measurements (oldest first) to save a query."""
    rows = (
        measurements
        if measurements is not None
        else list(indicator.measurements.order_by("period_start", "period_end", "id"))
    )
    shown = [m for m in rows if m.value is not None]
    latest = shown[-1] if shown else None
    fraction, where = standing(indicator, latest.value if latest else None)
    if indicator.is_computed and len(shown) >= 2:
        change = _computed_verdict(indicator)
    elif indicator.is_computed:
        change = ChangeVerdict(
            Noise.UNKNOWN,
            _("There are not yet two periods with enough stories to compare."),
        )
    else:
        change = _manual_verdict(indicator, shown)
    if change.verdict == Noise.NOT_DISTINGUISHABLE and where in (Standing.TOWARDS, Standing.AWAY):
        # Never call a move "towards the target" when the stories cannot tell it from noise.
        where = Standing.WITHIN_NOISE
    values = [m.value for m in shown if m.value is not None]
    return Progress(indicator, rows, latest, fraction, where, trend(values), change)


STANDING_TEXT = {
    Standing.NO_DATA: gettext_lazy("No measurement yet"),
    Standing.REACHED: gettext_lazy("Target reached"),
    Standing.TOWARDS: gettext_lazy("Moving towards the target"),
    Standing.AWAY: gettext_lazy("Moving away from the target"),
    Standing.UNCHANGED: gettext_lazy("About where it started"),
    Standing.NO_BASELINE: gettext_lazy("No baseline to compare with"),
    Standing.WITHIN_NOISE: gettext_lazy("No change larger than chance"),
}
