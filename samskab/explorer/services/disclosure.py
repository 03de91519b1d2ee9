"""What was withheld and why, in words (the engine gives reason codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.analysis.disclosure import (
    CELL_BELOW_K,
    COARSE_ONLY,
    DIFFERENCE_BELOW_K,
    GROUP_BELOW_K,
    HIDDEN_CATEGORY,
    LEFT_OUT,
    MERGED,
    PERTURBED,
    SMALL_CATEGORY,
    Withheld,
)


def reason_text(reason: str, k: int, count: int = 1) -> str:
    if reason == GROUP_BELOW_K:
        return _("Fewer than %(k)s stories: nothing is shown, so no one can be recognised.") % {
            "k": k
        }
    if reason == CELL_BELOW_K:
        return ngettext(
            "%(count)s cell with fewer than %(k)s stories is hidden.",
            "%(count)s cells with fewer than %(k)s stories are hidden.",
            count,
        ) % {"count": count, "k": k}
    if reason == MERGED:
        return _(
            "Groups with fewer than %(k)s stories (a level, a prompt or an answer option) are "
            "shown together as “small groups together”, so that no one in a small group can "
            "be singled out."
        ) % {"k": k}
    if reason == LEFT_OUT:
        return _(
            "Some stories belong to groups with fewer than %(k)s stories that are too small "
            "even together. They are left out of every figure, chart and list here."
        ) % {"k": k}
    if reason == PERTURBED:
        return _(
            "To protect the storytellers, every number is moved slightly at random (by at "
            "most 2, always the same way for the same group) and numbers below %(k)s are "
            "shown as “fewer than %(k)s”. Parts may therefore not add up exactly to the total. "
            "The patterns and comparisons are computed from the exact data."
        ) % {"k": k}
    if reason == SMALL_CATEGORY:
        return _(
            "The filter names a group with fewer than %(k)s stories. Small groups cannot be "
            "chosen on their own, so nothing is shown."
        ) % {"k": k}
    if reason == COARSE_ONLY:
        return _(
            "Exact ranges, regions, cells, dates and text search are only for those who may "
            "read the stories. Choose a zone, a band or an option instead."
        )
    if reason == DIFFERENCE_BELOW_K:
        return _(
            "The filter leaves out fewer than %(k)s stories, so the filtered total would "
            "reveal them by subtraction: nothing is shown. Widen or remove a filter."
        ) % {"k": k}
    if reason == HIDDEN_CATEGORY:
        return _(
            "The filter picks a category that is hidden in the table (marked “hidden”): its "
            "count would reveal the small groups hidden beside it, so nothing is shown. "
            "Choose another category or widen the filter."
        )
    return _("Withheld to protect the storytellers.")


def withheld_texts(withheld: tuple[Withheld, ...], k: int) -> list[str]:
    return [reason_text(w.reason, k, w.count) for w in withheld]
