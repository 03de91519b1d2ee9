"""Summary, problem, participants and process: the parts read from the project itself,
its key actors and its activities."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samskab.activities.models import Activity, AttendanceCount
from samskab.activities.reports import participation
from samskab.actors.models import Actor, ActorInvolvement, ActorKind, InvolvementLevel
from samskab.instruments.models import Collection
from samskab.measurement.models import Goal
from samskab.methods.models import Method
from samskab.playbooks import charts
from samskab.playbooks.assemble.context import Record
from samskab.playbooks.assemble.stories import published_total
from samskab.playbooks.document import Block, Facts, Heading, Note, Paragraph, Table
from samskab.projects.choices import ActorRole, Phase


def summary(record: Record) -> list[Block]:
    project = record.project
    activities = Activity.objects.for_project(project).count()
    actors = Actor.objects.for_org(record.organisation).filter(project=project).count()
    rows = [
        (_("Commissioned by"), project.commissioning_client or "–"),
        (_("Theme"), str(project.get_theme_display())),
        (_("Period"), f"{record.date(project.start_date)} – {record.date(project.end_date)}"),
        (_("Status"), f"{project.get_status_display()}, {project.get_phase_display()}"),
        (_("Activities"), record.integer(activities)),
        (_("Key actors"), record.integer(actors)),
    ]
    for collection in _collections(record):
        total = published_total(collection, record.language)
        shown = _("about %(n)s stories") % {"n": record.integer(total)} if total else _("–")
        rows.append((collection.name, shown))
    return [Facts(tuple(rows))]


def _collections(record: Record) -> list[Collection]:
    return list(
        Collection.objects.for_org(record.organisation)
        .filter(instrument__project=record.project)
        .order_by("id")
    )


def problem(record: Record) -> list[Block]:
    project = record.project
    blocks: list[Block] = [
        Heading(_("The problem as the project put it")),
        Paragraph(project.problem),
    ]
    political = list(project.goals.all())
    if political:
        blocks.append(
            Table(
                _("The political goals the project serves"),
                (_("Political goal"), _("Policy"), _("Owner")),
                tuple((g.title, g.policy, g.owner) for g in political),
            )
        )
    goals = list(
        Goal.objects.for_org(record.organisation)
        .filter(project=project)
        .prefetch_related("political_goals")
        .order_by("kind", "id")
    )
    if goals:
        blocks.append(
            Table(
                _("The project's own goals"),
                (_("Goal"), _("Kind"), _("Status"), _("Serves")),
                tuple(
                    (
                        g.title,
                        str(g.get_kind_display()),
                        str(g.get_status_display()),
                        ", ".join(p.title for p in g.political_goals.all()) or "–",
                    )
                    for g in goals
                ),
            )
        )
    return blocks


def _actor_name(actor: Actor) -> str:
    """Organisations by name; a person only by role, as a published document should."""
    if actor.kind == ActorKind.ORGANISATION:
        return actor.name
    return _("A person (%(role)s)") % {"role": str(actor.get_role_display()).lower()}


def participants(record: Record) -> list[Block]:
    actors = list(
        Actor.objects.for_org(record.organisation)
        .filter(project=record.project)
        .prefetch_related(Prefetch("involvements", queryset=ActorInvolvement.objects.all()))
        .order_by("role", "name")
    )
    blocks: list[Block] = []
    if actors:
        blocks += _actor_blocks(record, actors)
    blocks += _attendance_blocks(record)
    return blocks


def _actor_blocks(record: Record, actors: list[Actor]) -> list[Block]:
    by_role = Counter(a.role for a in actors)
    roles = [r for r in ActorRole if by_role[r.value]]
    blocks: list[Block] = [
        Heading(_("Key actors")),
        Table(
            _("Key actors by group"),
            (_("Group"), _("Key actors"), _("Of which organisations")),
            tuple(
                (
                    str(r.label),
                    record.integer(by_role[r.value]),
                    record.integer(
                        sum(1 for a in actors if a.role == r and a.kind == ActorKind.ORGANISATION)
                    ),
                )
                for r in roles
            ),
            numeric=(1, 2),
        ),
        charts.stakeholder_map(
            record.figure_id("stakeholders"),
            _("Stakeholder map: influence and interest"),
            record.language,
            [(_actor_name(a), str(a.get_role_display()), a.influence, a.interest) for a in actors],
        ),
    ]
    levels = dict(InvolvementLevel.choices)
    blocks.append(
        Table(
            _("How each key actor was involved, phase by phase"),
            (_("Key actor"), *(str(p.label) for p in Phase)),
            tuple(
                (
                    _actor_name(a),
                    *(str(levels.get(_level(a, p.value), "–")) for p in Phase),
                )
                for a in actors
            ),
        )
    )
    return blocks


def _level(actor: Actor, phase: str) -> str:
    return next((i.level for i in actor.involvements.all() if i.phase == phase), "")


def _attendance_blocks(record: Record) -> list[Block]:
    table = participation(record.project)
    rows = [row for row in table.rows if row.total]
    if not rows:
        return []
    phases = [p for i, p in enumerate(table.phases) if p["activities"]]
    index = [i for i, p in enumerate(table.phases) if p["activities"]]
    series = [(row.label, [row.cells[i].total for i in index]) for row in rows]
    blocks: list[Block] = [
        Heading(_("Participation per phase")),
        charts.bar_chart(
            record.figure_id("participation"),
            _("Attendances per phase, by actor group"),
            record.language,
            [str(p["label"]) for p in phases],
            series,
            True,
            _("attendances"),
        ),
        Note(
            _(
                "An attendance is one person at one activity: someone at two workshops in a "
                "phase counts twice. Key actors are counted by name, other participants as "
                "the number the facilitator wrote down."
            )
        ),
    ]
    if table.absent_by_phase:
        missing = "; ".join(
            f"{phase}: {', '.join(groups)}" for phase, groups in table.absent_by_phase
        )
        blocks.append(
            Paragraph(
                _("Groups absent in a phase they took part in elsewhere: %(list)s.")
                % {"list": missing}
            )
        )
    return blocks


def process(record: Record) -> list[Block]:
    activities = list(
        Activity.objects.for_project(record.project)
        .prefetch_related("methods", "participants")
        .prefetch_related(Prefetch("attendance", queryset=AttendanceCount.objects.all()))
        .order_by("date", "id")
    )
    by_phase: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_phase[activity.phase].append(activity)
    blocks: list[Block] = []
    step = 0
    for phase in Phase:
        if not by_phase[phase.value]:
            continue
        blocks.append(Heading(str(phase.label)))
        for activity in by_phase[phase.value]:
            step += 1
            blocks += _activity(record, step, activity)
    blocks += _methods(record, activities)
    return blocks


def _activity(record: Record, step: int, activity: Activity) -> list[Block]:
    when = record.date(activity.date)
    if activity.end_date and activity.end_date != activity.date:
        when = f"{when} – {record.date(activity.end_date)}"
    rows = [
        (_("Kind"), str(activity.get_kind_display())),
        (_("When"), when),
    ]
    if activity.place:
        rows.append((_("Where"), activity.place))
    methods = [_method_name(record, m) for m in activity.methods.all()]
    if methods:
        rows.append((_("Methods"), ", ".join(methods)))
    taking_part = _taking_part(record, activity)
    if taking_part:
        rows.append((_("Who took part"), taking_part))
    blocks: list[Block] = [
        Heading(_("Step %(n)s: %(title)s") % {"n": step, "title": activity.title}, 4),
        Facts(tuple(rows)),
    ]
    if activity.purpose:
        blocks.append(Paragraph(_("Purpose: %(text)s") % {"text": activity.purpose}))
    if activity.outcomes:
        blocks.append(Paragraph(_("What came of it: %(text)s") % {"text": activity.outcomes}))
    return blocks


def _taking_part(record: Record, activity: Activity) -> str:
    groups: Counter[str] = Counter()
    for actor in activity.participants.all():
        groups[actor.role] += 1
    for count in activity.attendance.all():
        groups[count.group] += count.count
    labels = dict(ActorRole.choices)
    return ", ".join(
        f"{str(labels.get(group, group)).lower()} {record.integer(n)}"
        for group, n in groups.most_common()
    )


def _method_name(record: Record, method: Method) -> str:
    return method.name_en if record.language == "en" and method.name_en else method.name


def _method_summary(record: Record, method: Method) -> str:
    return method.summary_en if record.language == "en" and method.summary_en else method.summary


def _methods(record: Record, activities: list[Activity]) -> list[Block]:
    used: Counter[int] = Counter()
    methods: dict[int, Method] = {}
    for activity in activities:
        for method in activity.methods.all():
            used[method.pk] += 1
            methods[method.pk] = method
    if not methods:
        return []
    ordered = sorted(methods.values(), key=lambda m: (-used[m.pk], m.name))
    return [
        Heading(_("The methods used")),
        Table(
            _("Methods and how often they were used"),
            (_("Method"), _("What it is"), _("Used in activities")),
            tuple(
                (
                    _method_name(record, m),
                    _method_summary(record, m),
                    record.integer(used[m.pk]),
                )
                for m in ordered
            ),
            numeric=(2,),
        ),
    ]
