"""One comparison in one plain sentence that never over-claims.

Rules: a difference is called clear only when q (or p, for a comparison shown alone) is below
0.05 AND the effect is at least small (Cohen's conventions, see `analysis.effects`). Otherwise
the sentence says there is no evidence of a difference (not significant), or that the
difference is reliable but negligible. Every sentence gives the effect size, p (and q), and
both group sizes; a withheld comparison says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from django.utils import translation
from django.utils.translation import gettext as _

from samskab.analysis.compare import Comparison
from samskab.analysis.disclosure import GROUP_BELOW_K
from samskab.explorer.services.labels import STATE_LABELS, Labels, zone_name
from samskab.explorer.services.numbers import fmt_float, fmt_int, fmt_p

ALPHA = 0.05


@dataclass(frozen=True)
class Names:
    """What a sentence needs besides the comparison: labels, the groups' names and k."""

    labels: Labels
    group_a: str
    group_b: str
    k: int = 5


def evidence(c: Comparison) -> float | None:
    """q within a report, else p; None when there is no test."""
    if c.test is None:
        return None
    q = c.test.q
    return c.test.p if q is None or math.isnan(q) else q


def is_clear(c: Comparison) -> bool:
    value = evidence(c)
    return (
        value is not None
        and value < ALPHA
        and c.effect is not None
        and c.effect.magnitude != "negligible"
    )


def effect_text(c: Comparison, language: str) -> str:
    if c.effect is None:
        return ""
    value = c.effect.estimate
    measure = c.effect.measure
    if measure == "aitchison_distance":
        return _("difference %(value)s Aitchison") % {"value": fmt_float(value, 2, language)}
    if measure == "rank_biserial":
        return "r = " + fmt_float(value, 2, language)
    if measure == "cramers_v":
        return _("Cramér's V = %(value)s") % {"value": fmt_float(value, 2, language)}
    return _("difference %(value)s percentage points") % {
        "value": fmt_float(100 * value, 0, language)
    }


def effect_interval(c: Comparison, language: str) -> str:
    """The effect with its 95 % interval, e.g. "difference 0,42 Aitchison (0,30–0,50)"."""
    if c.effect is None:
        return ""
    scale, digits = (100.0, 0) if c.effect.measure == "proportion_difference" else (1.0, 2)
    low, high = (fmt_float(scale * v, digits, language) for v in (c.effect.low, c.effect.high))
    return f"{effect_text(c, language)} ({low}–{high})"


def stats_text(c: Comparison, language: str) -> str:
    parts = [effect_text(c, language)] if c.effect else []
    if c.test is not None:
        parts.append(fmt_p(c.test.p, language))
        if c.test.q is not None and not math.isnan(c.test.q):
            parts.append(fmt_p(c.test.q, language, "q"))
    parts.append(
        _("n = %(a)s and %(b)s") % {"a": fmt_int(c.n_a, language), "b": fmt_int(c.n_b, language)}
    )
    return ", ".join(parts)


def describe(c: Comparison, names: Names, language: str) -> str:
    """The sentence for one comparison, in `language` ("da" or "en")."""
    with translation.override(language):
        return _describe(c, names, language)


def _describe(c: Comparison, names: Names, language: str) -> str:
    if c.test is None:
        return _withheld(c, names)
    title = _subject(c, names)
    stats = stats_text(c, language)
    if is_clear(c):
        return _clear(c, names, title) + f" ({stats})."
    value = evidence(c)
    negligible = value is not None and value < ALPHA
    return (
        _unclear(c, negligible)
        % {
            "a": names.group_a,
            "b": names.group_b,
            "title": title,
            "na": str(STATE_LABELS["not_applicable"]),
        }
        + f" ({stats})."
    )


def _unclear(c: Comparison, negligible: bool) -> str:
    """The sentence without a claim; it names what was compared when that is not the answers'
    position (zones, not-applicable rate), so that it cannot be read as "no difference at all"."""
    if c.aspect == "not_applicable":
        if negligible:
            return _(
                "No clear difference in how often %(a)s and %(b)s answer “%(na)s” on "
                "“%(title)s”: the difference is reliable but negligible"
            )
        return _(
            "No evidence that %(a)s and %(b)s differ in how often they answer “%(na)s” on "
            "“%(title)s”"
        )
    if c.aspect == "zones":
        if negligible:
            return _(
                "No clear difference in how %(a)s and %(b)s spread over the zones of "
                "“%(title)s”: the difference is reliable but negligible"
            )
        return _(
            "No evidence that %(a)s and %(b)s spread differently over the zones of “%(title)s”"
        )
    if negligible:
        return _(
            "No clear difference between %(a)s and %(b)s on “%(title)s”: the difference is "
            "reliable but negligible"
        )
    return _("No evidence of a difference between %(a)s and %(b)s on “%(title)s”")


def _withheld(c: Comparison, names: Names) -> str:
    small = [w.item for w in c.withheld if w.reason == GROUP_BELOW_K]
    if small:
        group = names.group_a if small[0] == "group_a" else names.group_b
        return _(
            "Not compared: %(group)s has fewer than %(k)s answers here, and nothing about so "
            "few stories is shown."
        ) % {"group": group, "k": names.k}
    return _("Not compared: the answers leave nothing to test.")


def _subject(c: Comparison, names: Names) -> str:
    title = names.labels.title(c.signifier_id)
    if c.part:
        return f"{title}: {names.labels.part(c.signifier_id, c.part)}"
    return title


def _fill(template: str, c: Comparison, names: Names, **extra: str) -> str:
    return template % {"a": names.group_a, "b": names.group_b, **extra}


def _clear(c: Comparison, names: Names, title: str) -> str:
    labels = names.labels
    if c.aspect == "centre" and c.centres is not None:
        ratio = np.log(c.centres[0].centre) - np.log(c.centres[1].centre)
        parts = list(labels.signifiers[c.signifier_id].parts)
        corner = labels.part(c.signifier_id, parts[int(np.argmax(ratio))])
        template = _(
            "Stories from %(a)s lie clearly closer to “%(corner)s” than stories from %(b)s"
        )
        return _fill(template, c, names, corner=corner)
    if c.aspect == "position":
        poles = list(labels.signifiers[c.signifier_id].parts)
        pole = labels.part(c.signifier_id, poles[1 if c.effect and c.effect.estimate > 0 else 0])
        template = _("Stories from %(a)s lie clearly nearer “%(pole)s” than stories from %(b)s")
        return _fill(template, c, names, pole=pole)
    if c.aspect in ("zones", "choice"):
        return _table_sentence(c, names, title)
    if c.aspect.startswith("stone"):
        higher = c.effect is not None and c.effect.estimate > 0
        template = (
            _("%(a)s place “%(title)s” clearly higher on that axis than %(b)s")
            if higher
            else _("%(a)s place “%(title)s” clearly lower on that axis than %(b)s")
        )
        return _fill(template, c, names, title=f"{title} ({c.aspect[-1]})")
    more = c.effect is not None and c.effect.estimate > 0
    if c.aspect == "not_applicable":
        template = (
            _("%(a)s answer “%(na)s” clearly more often than %(b)s on “%(title)s”")
            if more
            else _("%(a)s answer “%(na)s” clearly less often than %(b)s on “%(title)s”")
        )
        return _fill(template, c, names, na=str(STATE_LABELS["not_applicable"]), title=title)
    return _item_sentence(c, names, title)


def _top_category(c: Comparison) -> str:
    assert c.table is not None  # noqa: S101 (zones and choices always carry a table)
    residuals = np.nan_to_num(c.table.residuals[0], nan=-np.inf)
    return c.table.categories[int(np.argmax(residuals))]


def _table_sentence(c: Comparison, names: Names, title: str) -> str:
    category = _top_category(c) if c.table is not None else ""
    if c.aspect == "zones":
        label = zone_name(names.labels, c.signifier_id, category)
        template = _(
            "%(a)s and %(b)s spread clearly differently over the zones of “%(title)s”; "
            "%(a)s lie more often %(zone)s"
        )
        return _fill(template, c, names, title=title, zone=label)
    label = names.labels.part(c.signifier_id, category)
    template = _(
        "%(a)s and %(b)s answer “%(title)s” clearly differently; %(a)s choose “%(option)s” "
        "more often"
    )
    return _fill(template, c, names, title=title, option=label)


def _item_sentence(c: Comparison, names: Names, title: str) -> str:
    more = c.table is not None and float(np.nan_to_num(c.table.residuals[0][0])) > 0
    template = (
        _("%(a)s choose “%(title)s” clearly more often than %(b)s")
        if more
        else _("%(a)s choose “%(title)s” clearly less often than %(b)s")
    )
    return _fill(template, c, names, title=title)
