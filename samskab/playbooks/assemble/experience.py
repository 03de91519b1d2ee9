"""Expectation alignment, the learning log, the rules of thumb and the appendix."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.alignment.content import GAIN_BY_CODE, SOURCE
from samskab.alignment.models import AlignmentRound
from samskab.alignment.presentation import group_label, step_label
from samskab.alignment.services import results as alignment_results
from samskab.alignment.stats import STEPS, RoundResults
from samskab.assessments.models import SelfAssessment
from samskab.assessments.services import ItemRow, overview
from samskab.instruments.definition import Definition
from samskab.instruments.models import Instrument
from samskab.instruments.services import latest_version
from samskab.measurement.content import QUESTION_BY_CODE
from samskab.measurement.models import LearningEntry, Milestone, UnplannedGain
from samskab.measurement.services.plan import answers as plan_answers
from samskab.playbooks import charts
from samskab.playbooks.assemble.context import Record
from samskab.playbooks.document import Block, Facts, Heading, Note, Paragraph, Table


def alignment(record: Record) -> list[Block]:
    rounds = list(
        AlignmentRound.objects.for_org(record.organisation)
        .filter(project=record.project)
        .order_by("created_at", "id")
    )
    blocks: list[Block] = []
    summaries: list[tuple[AlignmentRound, RoundResults]] = []
    for alignment_round in rounds:
        summary = alignment_results(alignment_round, record.k).summary
        if summary.responses < record.k:
            blocks += [
                Heading(alignment_round.title, 4),
                Note(_("Fewer than %(k)s answers: not shown.") % {"k": record.k}),
            ]
            continue
        summaries.append((alignment_round, summary))
        blocks += _round(record, alignment_round, summary)
    if len(summaries) >= 2:
        blocks += _change(record, summaries[0], summaries[-1])
    if blocks:
        blocks.append(Paragraph(str(SOURCE)))
    return blocks


def _gain_label(code: str) -> str:
    return str(GAIN_BY_CODE[code].label)


def _round(record: Record, alignment_round: AlignmentRound, summary: RoundResults) -> list[Block]:
    groups = [code for code, _n in summary.shown_groups]
    values = [
        [
            next(
                (g.distribution.median for g in gain.groups if g.group == code),
                None,
            )
            for code in groups
        ]
        for gain in summary.gains
    ]
    blocks: list[Block] = [
        Heading(alignment_round.title, 4),
        Paragraph(
            _("%(n)s answers. Groups shown on their own: %(groups)s.")
            % {
                "n": record.integer(summary.responses),
                "groups": ", ".join(
                    f"{group_label(code)} ({record.integer(n)})" for code, n in summary.shown_groups
                )
                or "–",
            }
        ),
    ]
    if groups:
        blocks.append(
            charts.dot_chart(
                record.figure_id(f"alignment-{alignment_round.pk}"),
                _("What each group expects: median rating per gain"),
                record.language,
                [_gain_label(g.gain) for g in summary.gains],
                [group_label(code) for code in groups],
                values,
                (0.0, float(STEPS - 1)),
                (step_label(0), step_label(STEPS - 1)),
            )
        )
    if summary.hidden_groups:
        blocks.append(
            Note(
                _("Groups with fewer than %(k)s answers count in the totals only.")
                % {"k": record.k}
            )
        )
    return blocks


def _change(
    record: Record,
    first: tuple[AlignmentRound, RoundResults],
    last: tuple[AlignmentRound, RoundResults],
) -> list[Block]:
    return [
        Heading(_("How expectations changed"), 4),
        charts.slope_chart(
            record.figure_id("alignment-change"),
            _("Median rating per gain, first and latest round"),
            record.language,
            [_gain_label(g.gain) for g in first[1].gains],
            first[0].title,
            last[0].title,
            [g.overall.median for g in first[1].gains],
            [g.overall.median for g in last[1].gains],
            (0.0, float(STEPS - 1)),
        ),
    ]


def learning(record: Record) -> list[Block]:
    org, project = record.organisation, record.project
    entries = list(
        LearningEntry.objects.for_org(org).filter(project=project).order_by("date", "id")
    )
    gains = list(UnplannedGain.objects.for_org(org).filter(project=project).order_by("noticed_on"))
    reached = list(
        Milestone.objects.for_org(org)
        .filter(project=project, reached_on__isnull=False)
        .order_by("reached_on")
    )
    blocks: list[Block] = []
    if entries:
        blocks.append(Heading(_("The learning log")))
        for entry in entries:
            blocks += _entry(record, entry)
    if gains:
        blocks += [
            Heading(_("Gains nobody planned")),
            Table(
                _("Unplanned gains"),
                (_("Gain"), _("Noticed"), _("What happened")),
                tuple((g.title, record.date(g.noticed_on), g.description) for g in gains),
            ),
        ]
    if reached:
        blocks += [
            Heading(_("Milestones reached")),
            Table(
                _("Milestones and how they were celebrated"),
                (_("Milestone"), _("Reached"), _("Celebrated")),
                tuple((m.title, record.date(m.reached_on), m.celebration or "–") for m in reached),
            ),
        ]
    return blocks


def _entry(record: Record, entry: LearningEntry) -> list[Block]:
    blocks: list[Block] = [
        Heading(entry.title, 4),
        Facts(((_("When"), record.date(entry.date)), (_("Kind"), str(entry.get_kind_display())))),
        Paragraph(entry.experience),
    ]
    if entry.adjustment:
        blocks.append(Paragraph(_("What we adjusted: %(text)s") % {"text": entry.adjustment}))
    return blocks


GROUP_TITLES = {
    "ingredients": gettext_lazy("The ingredients of co-creation"),
    "role_shifts": gettext_lazy("Role shifts"),
    "rules_of_thumb": gettext_lazy("Rules of thumb"),
}


def rules(record: Record) -> list[Block]:
    view = overview(record.project)
    if not view.assessments:
        return []
    first, last = view.assessments[0], view.assessments[-1]
    blocks: list[Block] = [
        Paragraph(
            _("The team assessed itself %(n)s times, from %(first)s to %(last)s.")
            % {
                "n": record.integer(len(view.assessments)),
                "first": record.date(first.date),
                "last": record.date(last.date),
            }
        )
    ]
    for group, rows in view.groups:
        blocks += _assessment_group(record, group, rows, view.assessments)
    return blocks


def _assessment_group(
    record: Record, group: str, rows: list[ItemRow], occasions: list[SelfAssessment]
) -> list[Block]:
    scored = [r for r in rows if any(score is not None for _a, score in r.cells)]
    if not scored:
        return []
    title = str(GROUP_TITLES[group])
    blocks: list[Block] = [Heading(title)]
    if len(occasions) >= 2:
        blocks.append(
            charts.slope_chart(
                record.figure_id(f"assessment-{group}"),
                _("%(group)s: first and latest self-assessment") % {"group": title},
                record.language,
                [str(r.item.label) for r in scored],
                occasions[0].title,
                occasions[-1].title,
                [float(r.cells[0][1]) if r.cells[0][1] is not None else None for r in scored],
                [float(r.cells[-1][1]) if r.cells[-1][1] is not None else None for r in scored],
                (1.0, 5.0),
            )
        )
    if len(occasions) == 2:
        return blocks  # the chart's own table holds both occasions' scores
    blocks.append(
        Table(
            _("%(group)s: scores at each self-assessment") % {"group": title},
            (_("Item"), *(o.title for o in occasions)),
            tuple(
                (str(r.item.label), *(str(s) if s is not None else "–" for _a, s in r.cells))
                for r in scored
            ),
            numeric=tuple(range(1, len(occasions) + 1)),
        )
    )
    return blocks


def appendix(record: Record) -> list[Block]:
    blocks: list[Block] = []
    instruments = Instrument.objects.for_org(record.organisation).filter(project=record.project)
    for instrument in instruments.order_by("id"):
        version = latest_version(instrument)
        if version is not None:
            blocks += _instrument(record, instrument.name, version.parsed)
    blocks += _plan(record)
    return blocks


def _text(record: Record, value: object) -> str:
    da = getattr(value, "da", "")
    en = getattr(value, "en", "")
    return str(en or da) if record.language == "en" else str(da)


def _instrument(record: Record, name: str, definition: Definition) -> list[Block]:
    prompts = "\n".join(
        f"{i}. {_text(record, p.text)}" for i, p in enumerate(definition.prompts, 1)
    )
    blocks: list[Block] = [
        Heading(_("The instrument: %(name)s") % {"name": name}),
        Paragraph(_("The storyteller chooses one of these questions to answer:")),
        Paragraph(prompts),
        Paragraph(_("Then the story: %(q)s") % {"q": _text(record, definition.story_text)}),
    ]
    rows = tuple(
        (_text(record, s.title), s.type, _signifier_parts(record, s)) for s in definition.signifiers
    )
    if rows:
        blocks.append(
            Table(
                _("The questions after the story (signifiers)"),
                (_("Question"), _("Kind"), _("Answers")),
                rows,
            )
        )
    return blocks


def _signifier_parts(record: Record, s: object) -> str:
    for attribute in ("corners", "poles", "options", "stones"):
        items = getattr(s, attribute, None)
        if items:
            return " · ".join(_text(record, item.label) for item in items)
    return "–"


def _plan(record: Record) -> list[Block]:
    rows = list(plan_answers(record.project))
    newest: dict[str, str] = {}
    for answer in rows:
        newest.setdefault(answer.question, answer.text)
    if not newest:
        return []
    blocks: list[Block] = [Heading(_("The measurement plan"))]
    for code, question in QUESTION_BY_CODE.items():
        if code in newest:
            blocks += [Heading(str(question.text), 4), Paragraph(newest[code])]
    return blocks
