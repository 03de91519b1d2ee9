"""What stops a playbook from being published, and what only deserves a second look.

A playbook is a published output (docs/disclosure.md, rule 3). The gate runs before a version
is asked for and lists, in words:
- quotes the disclosure module refuses (a small group, a story left out, a passage that is not
  in the story's masked text, personal data) — these block publishing;
- saved views that cannot be published (an exact filter, a small group) — these block too;
- a CPR, CVR or P-number, phone number, e-mail or street address in a section's text — blocks;
- what looks like a person's name in a section's text — a warning: colleagues may be named
  with their consent, citizens should not be.
The builder enforces the same rules again (defence in depth): what is refused never reaches a
document, even if the draft changed after the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.explorer.services.disclosure import reason_text
from samskab.explorer.services.publish import published_view, quote_refusals
from samskab.explorer.services.query import threshold
from samskab.instruments.privacy import find_personal_data
from samskab.playbooks.models import Playbook
from samskab.playbooks.sections import SectionKey

BLOCKING_KINDS = ("cpr", "cvr", "pnr", "phone", "email", "address")


@dataclass(frozen=True)
class Problem:
    where: str  # "quote", "view" or "section"
    ident: str  # the quote's or view's pk, or the section key
    label: str  # what the person recognises: the quote's start, the view's title, the section
    reasons: tuple[str, ...]
    blocking: bool = True


@dataclass
class Check:
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    @property
    def ok(self) -> bool:
        return not self.blocking


def check(playbook: Playbook, language: str) -> Check:
    k = threshold(playbook.organisation)
    result = Check()
    for quote in playbook.quotes.select_related("story__collection", "story__version"):
        codes = quote_refusals(quote.story, quote.text, language)
        if codes:
            reasons = tuple(reason_text(code, k) for code in codes)
            result.problems.append(Problem("quote", str(quote.pk), _short(quote.text), reasons))
    for view in playbook.saved_views.select_related("collection"):
        shown = published_view(view, language)
        if not shown.ok:
            reasons = tuple(reason_text(w.reason, k, w.count) for w in shown.refused)
            result.problems.append(Problem("view", str(view.pk), view.title, reasons))
    for section in playbook.sections.filter(included=True):
        result.problems += section_problems(section.key, section.text)
    return result


def section_problems(key: str, text: str) -> list[Problem]:
    findings = find_personal_data(text)
    if not findings:
        return []
    label = str(SectionKey(key).label) if key in SectionKey.values else key
    blocking = sorted({f.kind for f in findings if f.kind in BLOCKING_KINDS})
    names = [text[f.start : f.end] for f in findings if f.kind == "name"]
    problems = []
    if blocking:
        reason = _(
            "The text holds personal data (%(kinds)s). A published playbook must not: "
            "remove it or write it in general terms."
        ) % {"kinds": ", ".join(str(KIND_LABELS[k]) for k in blocking)}
        problems.append(Problem("section", key, label, (reason,)))
    if names:
        reason = _(
            "These look like names of persons: %(names)s. Name colleagues only with their "
            "consent, and never a citizen."
        ) % {"names": ", ".join(dict.fromkeys(names))}
        problems.append(Problem("section", key, label, (reason,), blocking=False))
    return problems


def _short(text: str, length: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


KIND_LABELS = {
    "cpr": gettext_lazy("a CPR number"),
    "cvr": gettext_lazy("a CVR number"),
    "pnr": gettext_lazy("a P-number"),
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
    "address": gettext_lazy("a street address"),
}
