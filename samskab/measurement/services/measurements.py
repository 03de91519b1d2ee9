"""Entering measurements: one rule for every path (by hand, import, API).

A value must lie in its unit's range and its period inside the project's dates (when the
project has them); the period must end on or after it starts. Errors name the field they belong
to, so a form can show them beside it and the API can return them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.measurement.content import UNIT_RANGES, IndicatorSource, Unit
from samskab.measurement.models import Attachment, Indicator, Measurement
from samskab.measurement.services import audit
from samskab.measurement.services.log import reach_milestones

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class MeasurementError(ValueError):
    """A measurement that breaks a rule; ``field`` names the input, the message is for people."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class NewMeasurement:
    period_start: datetime.date
    period_end: datetime.date
    value: float
    note: str = ""
    lower: float | None = None
    upper: float | None = None


def unit_name(indicator: Indicator) -> str:
    if indicator.unit == Unit.OTHER and indicator.unit_label:
        return indicator.unit_label
    return str(Unit(indicator.unit).label)


def value_error(indicator: Indicator, value: float) -> str | None:
    """Why ``value`` cannot be in the indicator's unit, or None."""
    low, high = UNIT_RANGES[indicator.unit]
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            return _(
                "The value %(value)s is not in %(unit)s: it must lie between %(low)s and %(high)s."
            ) % {
                "value": _num(value),
                "unit": unit_name(indicator),
                "low": _num(low),
                "high": _num(high),
            }
        return _("The value %(value)s is not in %(unit)s: it cannot be below %(low)s.") % {
            "value": _num(value),
            "unit": unit_name(indicator),
            "low": _num(low or 0),
        }
    if indicator.unit == Unit.COUNT and value != int(value):
        return _("A count is a whole number; %(value)s is not.") % {"value": _num(value)}
    return None


def _num(value: float) -> str:
    return f"{value:g}"


def period_error(
    indicator: Indicator, start: datetime.date, end: datetime.date
) -> tuple[str, str] | None:
    """(field, message) when the period is impossible or outside the project's dates."""
    if end < start:
        return "period_end", _("The period must end on or after the day it starts.")
    project = indicator.project
    if project.start_date and start < project.start_date:
        return "period_start", _(
            "The period starts before the project did (%(date)s). Check the date, or change "
            "the project's start date."
        ) % {"date": date_format(project.start_date)}
    if project.end_date and end > project.end_date:
        return "period_end", _(
            "The period ends after the project does (%(date)s). Check the date, or change the "
            "project's end date."
        ) % {"date": date_format(project.end_date)}
    return None


Period = tuple[datetime.date, datetime.date]


def taken_periods(indicator: Indicator) -> set[Period]:
    """The periods the indicator has a value for already (one query, for checking many rows)."""
    rows = Measurement.objects.filter(indicator=indicator).values_list("period_start", "period_end")
    return set(rows)


def check(indicator: Indicator, new: NewMeasurement, taken: set[Period] | None = None) -> None:
    """Raise MeasurementError for the first rule ``new`` breaks. ``taken``: the periods already
    taken (see ``taken_periods``); without it, the database is asked."""
    if indicator.is_computed:
        raise MeasurementError(
            "value", _("This indicator is computed from the stories; its values cannot be entered.")
        )
    problem = period_error(indicator, new.period_start, new.period_end)
    if problem:
        raise MeasurementError(*problem)
    for field, value in (("value", new.value), ("lower", new.lower), ("upper", new.upper)):
        if value is not None and (message := value_error(indicator, value)):
            raise MeasurementError(field, message)
    if new.lower is not None and new.lower > new.value:
        raise MeasurementError("lower", _("The lower bound must not be above the value."))
    if new.upper is not None and new.upper < new.value:
        raise MeasurementError("upper", _("The upper bound must not be below the value."))
    period = (new.period_start, new.period_end)
    if taken is None:
        taken = taken_periods(indicator)
    if period in taken:
        raise MeasurementError(
            "period_start",
            _("This indicator already has a value for this period. Delete it first to replace it."),
        )


@transaction.atomic
def add_measurement(
    indicator: Indicator,
    new: NewMeasurement,
    actor: User | AnonymousUser | None,
    source: IndicatorSource = IndicatorSource.MANUAL,
    attachment: Attachment | None = None,
) -> Measurement:
    """Check and store one measurement, audit it, and mark milestones it reaches."""
    check(indicator, new)
    measurement = Measurement.objects.create(
        organisation=indicator.organisation,
        indicator=indicator,
        period_start=new.period_start,
        period_end=new.period_end,
        value=new.value,
        lower=new.lower,
        upper=new.upper,
        note=new.note,
        source=source,
        attachment=attachment,
        entered_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.record(actor, "created", measurement, indicator=indicator.pk)
    reach_milestones(indicator)
    return measurement


@transaction.atomic
def add_measurements(
    indicator: Indicator,
    news: list[NewMeasurement],
    actor: User | AnonymousUser | None,
    source: IndicatorSource = IndicatorSource.IMPORT,
) -> list[Measurement]:
    """Check and store many measurements at once (an import): the same rule as
    ``add_measurement`` for every row, a period given twice refused, all or none; one audit
    entry for the lot."""
    taken = taken_periods(indicator)
    for new in news:
        check(indicator, new, taken)
        taken.add((new.period_start, new.period_end))
    user = actor if actor is not None and actor.is_authenticated else None
    rows = Measurement.objects.bulk_create(
        Measurement(
            organisation=indicator.organisation,
            indicator=indicator,
            period_start=new.period_start,
            period_end=new.period_end,
            value=new.value,
            lower=new.lower,
            upper=new.upper,
            note=new.note,
            source=source,
            entered_by=user,
        )
        for new in news
    )
    audit.record(actor, "changed", indicator, measurements_added=len(rows), source=str(source))
    reach_milestones(indicator)
    return rows


@transaction.atomic
def delete_measurement(measurement: Measurement, actor: User | AnonymousUser | None) -> None:
    audit.record(actor, "deleted", measurement, indicator=measurement.indicator_id)
    measurement.delete()
