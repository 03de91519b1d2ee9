"""What was withheld and why, in words (the engine gives reason codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.analysis.disclosure import (
    CELL_BELOW_K,
    COMPLEMENTARY,
    DIFFERENCE_BELOW_K,
    GROUP_BELOW_K,
    HIDDEN_CATEGORY,
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
    if reason == COMPLEMENTARY:
        return ngettext(
            "%(count)s more cell is hidden so that the hidden ones cannot be worked out "
            "from the total.",
            "%(count)s more cells are hidden so that the hidden ones cannot be worked out "
            "from the total.",
            count,
        ) % {"count": count}
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
