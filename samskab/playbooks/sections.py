"""The playbook's sections: their order, titles, and the question each asks its writer.

Generated parts come from the project's record (see `assemble`); every sentence of
interpretation is written by a person in the section's text. The prompts say what a reader in
another department needs from that text; the structure follows the lab's deliverable as the
source document "Samskabelseslaboratoriet" (../shared/seeds/000_…) describes it: guides,
experiences and sound reflections that others can use.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKey(models.TextChoices):
    SUMMARY = "summary", _("Summary")
    PROBLEM = "problem", _("The problem and the political goals")
    PARTICIPANTS = "participants", _("Who took part")
    PROCESS = "process", _("The process step by step")
    ALIGNMENT = "alignment", _("Expectations and how they changed")
    RESULTS = "results", _("Results on the four levels")
    LEARNING = "learning", _("Learning and unplanned gains")
    RULES = "rules", _("Rules of thumb as applied")
    REFLECTIONS = "reflections", _("Reflections and recommendations")
    APPENDIX = "appendix", _("Appendix: the instrument and the measurement plan")


ORDER = [key.value for key in SectionKey]

# What the person writing each section is asked; shown in the editor and, when the section is
# empty and the facilitator chose to mark empty sections, in the output.
PROMPTS = {
    SectionKey.SUMMARY: _(
        "In half a page: what the project set out to change, what you did, what came of it and "
        "what a reader should do first if they want to do the same."
    ),
    SectionKey.PROBLEM: _(
        "Why this problem, and why co-creation? Say what the political goals meant in practice "
        "and who owned the problem at the start."
    ),
    SectionKey.PARTICIPANTS: _(
        "Who was hard to reach, who came unexpectedly, and what it took to keep each group "
        "involved through the phases."
    ),
    SectionKey.PROCESS: _(
        "Write the guide another department can follow: for each step, what to prepare, what "
        "worked, what you would do differently, and how long it really took."
    ),
    SectionKey.ALIGNMENT: _(
        "Where did hopes diverge at the start, what did you do about it, and what did the "
        "actors expect by the end?"
    ),
    SectionKey.RESULTS: _(
        "What do the figures and stories show, on which level, and what do they not show? Keep "
        "to what the data support; say where an effect cannot be told from chance."
    ),
    SectionKey.LEARNING: _(
        "Which experiences changed how you worked, and which gains nobody planned for?"
    ),
    SectionKey.RULES: _(
        "Which rules of thumb did you follow, where did you break them, and how did the "
        "team's self-assessment change over time?"
    ),
    SectionKey.REFLECTIONS: _(
        "What would you recommend to the next department, the management and the "
        "politicians? What should be anchored, and by whom?"
    ),
    SectionKey.APPENDIX: _(
        "Anything a reader needs to reuse the instrument or the measurement plan: where to find "
        "them, what to adapt."
    ),
}
