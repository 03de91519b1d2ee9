"""What was withheld and why, in words (the engine gives reason codes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext
from django_stubs_ext import StrOrPromise

from samskab.analysis.disclosure import (
    CELL_BELOW_K,
    COARSE_ONLY,
    DIFFERENCE_BELOW_K,
    FILTER_INVALID,
    GROUP_BELOW_K,
    HIDDEN_CATEGORY,
    LEFT_OUT,
    MERGED,
    PERSONAL_DATA,
    PERTURBED,
    QUOTE_NOT_IN_STORY,
    SMALL_CATEGORY,
    STILL_BUILDING,
    STORY_LEFT_OUT,
    Withheld,
)

# One sentence per reason code; each is formatted with k (and count) where it uses them.
REASONS: dict[str, StrOrPromise] = {
    GROUP_BELOW_K: gettext_lazy(
        "Fewer than %(k)s stories: nothing is shown, so no one can be recognised."
    ),
    MERGED: gettext_lazy(
        "Groups with fewer than %(k)s stories (a level, a prompt or an answer option) are "
        "shown together as “small groups together”, so that no one in a small group can "
        "be singled out."
    ),
    LEFT_OUT: gettext_lazy(
        "Some stories belong to groups with fewer than %(k)s stories that are too small "
        "even together. They are left out of every figure, chart and list here."
    ),
    PERTURBED: gettext_lazy(
        "To protect the storytellers, every number is moved slightly at random (by at "
        "most 2, always the same way for the same group) and numbers below %(k)s are "
        "shown as “fewer than %(k)s”. Parts may therefore not add up exactly to the total. "
        "The patterns and comparisons are computed from the exact data."
    ),
    SMALL_CATEGORY: gettext_lazy(
        "The filter names a group with fewer than %(k)s stories. Small groups cannot be "
        "chosen on their own, so nothing is shown."
    ),
    COARSE_ONLY: gettext_lazy(
        "Exact ranges, regions, cells, dates and text search are only for those who may "
        "read the stories. Choose a zone, a band or an option instead."
    ),
    DIFFERENCE_BELOW_K: gettext_lazy(
        "The filter leaves out fewer than %(k)s stories, so the filtered total would "
        "reveal them by subtraction: nothing is shown. Widen or remove a filter."
    ),
    FILTER_INVALID: gettext_lazy(
        "The saved view's filters no longer fit the collection (e.g. a theme found again). "
        "Save the view again from the explorer."
    ),
    HIDDEN_CATEGORY: gettext_lazy(
        "The filter picks a category with fewer than %(k)s stories in the table it was "
        "chosen from (marked “hidden”), so nothing is shown. Choose another category or "
        "widen the filter."
    ),
    STORY_LEFT_OUT: gettext_lazy(
        "The story belongs to a group with fewer than %(k)s stories that is too small even "
        "together with the other small groups, so it cannot be published."
    ),
    QUOTE_NOT_IN_STORY: gettext_lazy(
        "The quote is not a passage of the story's masked text. Copy it from the story as "
        "the explorer shows it."
    ),
    PERSONAL_DATA: gettext_lazy(
        "The quote holds personal data (a name, a CPR number, a phone number, an e-mail or "
        "a street address). Leave it out or use the masked text."
    ),
    STILL_BUILDING: gettext_lazy(
        "The collection's stories are still being prepared. Try again in a moment."
    ),
}


def reason_text(reason: str, k: int, count: int = 1) -> str:
    if reason == CELL_BELOW_K:
        return ngettext(
            "%(count)s cell with fewer than %(k)s stories is hidden.",
            "%(count)s cells with fewer than %(k)s stories are hidden.",
            count,
        ) % {"count": count, "k": k}
    template = REASONS.get(reason, gettext_lazy("Withheld to protect the storytellers."))
    return str(template) % {"k": k, "count": count}


def withheld_texts(withheld: tuple[Withheld, ...], k: int) -> list[str]:
    return [reason_text(w.reason, k, w.count) for w in withheld]
