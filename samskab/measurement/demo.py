"""Demo: the effect measurement of "Parken der blev fornyet", as a real municipality would keep it.

A full measurement plan, goals on all four levels serving the project's political goals, six
indicators (two computed from views saved on the demo collection, with a baseline period and
follow-up periods), evidence on every level, a completed Most Significant Change round,
unplanned gains, a learning log and milestones. Idempotent: a second load changes nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from samskab.activities.models import Activity
from samskab.actors.models import Actor
from samskab.explorer.models import SavedView
from samskab.instruments.models import Collection, Story
from samskab.measurement.content import IndicatorSource, Measure, PeriodKind, Unit
from samskab.measurement.models import (
    Evidence,
    Goal,
    Indicator,
    LearningEntry,
    Measurement,
    Milestone,
    MscCandidate,
    MscRound,
    MscVote,
    PlanAnswer,
    UnplannedGain,
)
from samskab.measurement.services import computed
from samskab.projects.models import Project

D = datetime.date

PLAN = {
    "what_change": "Parken skal bruges af flere, og beboerne skal være med til at passe den. "
    "Vi ved, "
    "at det lykkes, når flere kommer i parken hver uge, når frivillige passer bede, og når "
    "gartnerne oplever beboerne som samarbejdspartnere.",
    "what_open_eyes": "Alle skriver sidegevinster i loggen 'Uplanlagte gevinster'. Facilitatoren "
    "spørger til dem på hvert styregruppemøde.",
    "what_many_goals": "Procesmål: beslutninger træffes sammen, og alle grupper er med fra "
    "starten. Resultatmål: flere brugere, et grønnere område og gartnere der trives.",
    "what_align": "Forventningsafstemningen i marts viste, at gartnerne især håber på trivsel og "
    "beboerne på indflydelse. Vi blev enige om at måle begge dele.",
    "what_for_whom": "For deltagerne først, dernæst for Kultur- og Fritidsudvalget og "
    "Park og Natur.",
    "what_effects_not_performance": "Antal arbejdsdage er en præstation. Effekterne er brugen af "
    "parken, oplevelsen af at bestemme sammen og medarbejdernes trivsel.",
    "what_ownership": "Foreningen Grønne Hænder ejer målene om frivillig pasning; "
    "Park og Natur ejer "
    "målene om trivsel og samarbejde; styregruppen ejer brugen af parken.",
    "how_systematic": "Tællinger ved indgangene hvert kvartal, trivselsmåling blandt gartnerne, og "
    "fortællinger fra parken som løbende viser, hvem der oplever at bestemme.",
    "how_learning_not_control": "Resultaterne ses først af deltagerne på en fælles workshop, "
    "hvor vi "
    "taler om, hvad de betyder, før de går videre til udvalget.",
    "how_experiences": "Læringsloggen opdateres efter hver aktivitet af facilitatoren.",
    "how_every_voice": "En runde 'Den vigtigste forandring', hvor gartnere og beboere vælger de "
    "fortællinger, der betød mest.",
    "use_learning": "Efter hver kvartalsmåling justerer styregruppen planen for arbejdsdage.",
    "use_not_for_its_own_sake": "Hver indikator har en ejer, der bruger den. Vi droppede tællingen "
    "af hjemmesidebesøg, fordi ingen brugte den.",
    "use_motivation": "Milepæle for de første 20 faste frivillige og den første fælles plantedag.",
    "use_celebrate": "Når en milepæl nås, holder vi kaffe og kage i parken for alle.",
    "use_share": "Drejebogen deles med de andre forvaltninger og på det regionale netværksmøde.",
    "use_everyday_stories": "De fortællinger, panelet valgte, bruges i kommunens nyhedsbrev.",
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _goals(project: Project) -> dict[str, Goal]:
    org = project.organisation
    political = list(project.goals.order_by("title"))
    actors = {a.role: a for a in Actor.objects.for_org(org).filter(project=project)}
    specs = [
        (
            "use",
            "outcome",
            "Flere borgere bruger parken hver uge",
            ["user", "volunteer_citizen"],
            ["personal", "societal"],
            "citizen",
            "in_progress",
        ),
        (
            "together",
            "process",
            "Beboere og gartnere bestemmer sammen",
            ["volunteer_citizen", "employee"],
            ["collective"],
            "association",
            "in_progress",
        ),
        (
            "wellbeing",
            "outcome",
            "Gartnerne trives med det nye samarbejde",
            ["employee"],
            ["personal"],
            "employee",
            "in_progress",
        ),
        (
            "volunteers",
            "outcome",
            "Frivillige passer selv en del af parken",
            ["volunteer_citizen", "organisation"],
            ["collective", "societal"],
            "volunteer_organisation",
            "in_progress",
        ),
        (
            "anchor",
            "process",
            "Samarbejdet er forankret i Park og Natur",
            ["organisation"],
            ["societal"],
            "manager",
            "planned",
        ),
    ]
    goals = {}
    for key, kind, title, levels, kinds, role, status in specs:
        goal, created = Goal.objects.get_or_create(
            organisation=org,
            project=project,
            title=title,
            defaults={
                "kind": kind,
                "levels": levels,
                "value_kinds": kinds,
                "owner_group": role,
                "owner_actor": actors.get(role),
                "status": status,
            },
        )
        if created:
            goal.political_goals.set(political[:1] if key in ("use", "volunteers") else political)
        goals[key] = goal
    return goals


def _manual(
    goal: Goal, title: str, values: list[tuple[D, D, float]], **fields: object
) -> Indicator:
    indicator, created = Indicator.objects.get_or_create(
        organisation=goal.organisation,
        project=goal.project,
        goal=goal,
        title=title,
        defaults=fields,
    )
    if created:
        Measurement.objects.bulk_create(
            Measurement(
                organisation=goal.organisation,
                indicator=indicator,
                period_start=a,
                period_end=b,
                value=v,
                source=IndicatorSource.MANUAL,
            )
            for a, b, v in values
        )
    return indicator


def _indicators(project: Project, goals: dict[str, Goal], collection: Collection) -> None:
    q = [
        (D(2026, 2, 1), D(2026, 4, 30)),
        (D(2026, 5, 1), D(2026, 7, 31)),
        (D(2026, 8, 1), D(2026, 10, 31)),
    ]
    _manual(
        goals["use"],
        "Besøgende i parken på en almindelig uge",
        [(*q[0], 410), (*q[1], 530), (*q[2], 575)],
        unit=Unit.COUNT,
        level="user",
        baseline_value=410,
        baseline_date=D(2026, 2, 1),
        target_value=650,
        target_date=D(2027, 1, 31),
        data_source="Tællere ved de tre indgange",
        owner="Park og Natur",
    )
    _manual(
        goals["wellbeing"],
        "Gartnernes trivsel (1–5)",
        [(*q[0], 3.1), (*q[2], 3.6)],
        unit=Unit.SCALE_1_5,
        level="employee",
        baseline_value=3.1,
        baseline_date=D(2026, 2, 1),
        target_value=4.0,
        target_date=D(2027, 1, 31),
        data_source="Kort trivselsmåling hvert halve år",
        owner="HR-partner i Teknik og Miljø",
    )
    _manual(
        goals["volunteers"],
        "Faste frivillige i plejegrupperne",
        [(*q[0], 6), (*q[1], 14), (*q[2], 21)],
        unit=Unit.COUNT,
        level="volunteer_citizen",
        baseline_value=6,
        baseline_date=D(2026, 2, 1),
        target_value=20,
        target_date=D(2026, 12, 31),
        data_source="Foreningens medlemsliste",
        owner="Foreningen Grønne Hænder",
    )
    _manual(
        goals["anchor"],
        "Opgaver i parken, der løses i fællesskab (%)",
        [(*q[0], 5), (*q[2], 12)],
        unit=Unit.PERCENT,
        level="organisation",
        baseline_value=5,
        baseline_date=D(2026, 2, 1),
        target_value=25,
        target_date=D(2027, 1, 31),
        data_source="Park og Naturs opgaveliste",
        owner="Afdelingsleder, Park og Natur",
    )
    org = project.organisation
    everyone, _ = SavedView.objects.get_or_create(
        organisation=org,
        collection=collection,
        title="Alle fortællinger: hvem bestemte?",
        defaults={"query": "", "signifier": "decided"},
    )
    employees, _ = SavedView.objects.get_or_create(
        organisation=org,
        collection=collection,
        title="Medarbejdernes fortællinger",
        defaults={"query": "level=employee", "signifier": "drivers"},
    )
    computed_specs = [
        (
            goals["together"],
            "Hvor tæt på 'vi bestemte sammen' fortællingerne ligger (median)",
            everyone,
            Measure.DYAD_MEDIAN,
            "decided",
            "",
            "volunteer_citizen",
            70.0,
            PeriodKind.MONTH,
            [],
        ),
        (
            goals["wellbeing"],
            "Medarbejderfortællinger drevet af borgernes idéer (%)",
            employees,
            Measure.ZONE_SHARE,
            "drivers",
            "top",
            "employee",
            30.0,
            PeriodKind.CUSTOM,
            [
                ["2026-03-01", "2026-04-30"],
                ["2026-05-01", "2026-06-30"],
                ["2026-07-01", "2026-09-30"],
            ],
        ),
    ]
    for goal, title, view, measure, sid, part, level, target, kind, periods in computed_specs:
        indicator, created = Indicator.objects.get_or_create(
            organisation=org,
            project=project,
            goal=goal,
            title=title,
            defaults={
                "unit": Unit.PERCENT if measure == Measure.ZONE_SHARE else Unit.SCALE_0_100,
                "level": level,
                "source": IndicatorSource.COMPUTED,
                "saved_view": view,
                "measure": measure,
                "signifier": sid,
                "part": part,
                "period_kind": kind,
                "periods": periods,
                "target_value": target,
                "target_date": D(2027, 1, 31),
                "data_source": "Fortællinger fra parken",
                "owner": "Analytiker",
            },
        )
        if created:
            computed.refresh(indicator, force=True)


def _evidence(
    project: Project, goals: dict[str, Goal], collection: Collection, msc: MscRound
) -> None:
    org = project.organisation
    if Evidence.objects.for_org(org).filter(project=project).exists():
        return
    author = _user("facilitator@demo.dk")
    story = Story.objects.filter(collection=collection, level="user").order_by("id").first()
    items = [
        {
            "kind": "quote",
            "title": "En gartner om samarbejdet",
            "goal": goals["wellbeing"],
            "levels": ["employee"],
            "text": "Før var beboerne nogle, der klagede. Nu er de nogle, jeg planlægger med.",
            "why": "Viser rolleskiftet hos medarbejderne.",
            "ingredients": ["ingredient_equal_collaboration"],
            "value_kinds": ["personal"],
        },
        {
            "kind": "interview",
            "title": "Interview med formanden for Grønne Hænder",
            "goal": goals["volunteers"],
            "levels": ["volunteer_citizen", "organisation"],
            "value_kinds": ["collective"],
            "text": "Foreningen har fået 15 nye medlemmer, og vi har nu en fast aftale med "
            "Park og Natur "
            "om, hvem der gør hvad.",
            "why": "Frivillig pasning er blevet en aftale, ikke en tilfældighed.",
            "ingredients": ["ingredient_creative_process"],
        },
        {
            "kind": "quote",
            "title": "En beboer ved plantedagen",
            "goal": goals["use"],
            "levels": ["user"],
            "text": "Jeg kommer her hver dag nu, fordi jeg selv har plantet noget.",
            "value_kinds": ["personal"],
            "why": "Ejerskab giver brug.",
            "ingredients": ["ingredient_value_for_all"],
        },
        {
            "kind": "story",
            "title": "En brugers fortælling",
            "goal": goals["use"],
            "levels": ["user"],
            "story": story,
            "why": "Udvalgt fordi den viser, hvordan en bruger oplevede at blive hørt.",
            "ingredients": ["ingredient_shared_problem"],
        },
        {
            "kind": "msc",
            "title": "Panelets valg: den vigtigste forandring",
            "goal": goals["together"],
            "levels": ["volunteer_citizen", "employee"],
            "msc_round": msc,
            "value_kinds": ["collective"],
            "why": "Deltagerne selv pegede på fælles beslutninger som den største forandring.",
            "ingredients": ["ingredient_beyond_consultation", "ingredient_equal_collaboration"],
        },
        {
            "kind": "quote",
            "title": "Afdelingslederen i Park og Natur",
            "goal": goals["anchor"],
            "levels": ["organisation"],
            "value_kinds": ["societal"],
            "text": "Vi har skrevet samarbejdet ind i næste års driftsplan.",
            "why": "Første tegn på forankring i organisationen.",
        },
    ]
    for item in items:
        Evidence.objects.create(organisation=org, project=project, added_by=author, **item)


def _msc(project: Project, collection: Collection) -> MscRound:
    org = project.organisation
    found = MscRound.objects.for_org(org).filter(project=project).first()
    if found is not None:
        return found
    msc = MscRound.objects.create(
        organisation=org,
        project=project,
        collection=collection,
        title="Den vigtigste forandring, sommer 2026",
        question="Hvilken fortælling viser den vigtigste forandring i parken for dig, og hvorfor?",
        is_open=False,
        public_link=True,
        created_by=_user("facilitator@demo.dk"),
        conclusion="Panelet valgte oftest fortællinger om at bestemme sammen. "
        "Gartnerne og beboerne var "
        "uenige om fortællingen om reglerne: gartnerne så den som et fremskridt, "
        "beboerne som en bremse.",
    )
    stories = list(Story.objects.filter(collection=collection).exclude(text="").order_by("id")[:6])
    candidates = [
        MscCandidate.objects.create(organisation=org, round=msc, story=s, position=i)
        for i, s in enumerate(stories)
    ]
    _facilitator, _analyst = _user("facilitator@demo.dk"), _user("analytiker@demo.dk")
    ballots = [
        ("user-demo-1", "employee", 0, "Her bestemte vi for første gang sammen med beboerne."),
        ("link-a", "citizen", 0, "Det var første gang, nogen spurgte os, før de gik i gang."),
        ("link-b", "citizen", 2, "Børnene var med, og det samlede hele kvarteret."),
        ("link-c", "volunteer_organisation", 0, "Foreningen blev en rigtig partner."),
        ("user-demo-2", "employee", 3, "Reglerne blev gjort enklere, så vi kunne komme i gang."),
        ("link-d", "citizen", 2, "Parken blev et sted for hele familien."),
        ("link-e", "user", 0, "Jeg følte mig hørt, og det var nyt."),
    ]
    for ballot, group, index, reason in ballots:
        MscVote.objects.create(
            organisation=org,
            round=msc,
            candidate=candidates[index],
            ballot=ballot,
            actor_group=group,
            reason=reason,
            source="member" if ballot.startswith("user") else "link",
        )
    return msc


def _log(project: Project, goals: dict[str, Goal]) -> None:
    org = project.organisation
    if LearningEntry.objects.for_org(org).filter(project=project).exists():
        return
    author = _user("facilitator@demo.dk")
    activities = list(Activity.objects.for_org(org).filter(project=project).order_by("id"))
    entries = [
        (
            D(2026, 2, 20),
            "bad",
            "Invitationen nåede ikke ud",
            "Kun fire beboere kom til den første workshop. "
            "Invitationen lå kun på kommunens hjemmeside.",
            "Vi inviterer nu gennem foreningerne og med sedler i opgangene.",
            [goals["use"]],
        ),
        (
            D(2026, 4, 11),
            "good",
            "Plantedagen samlede alle",
            "Gartnere og beboere plantede sammen, og børnene fra skolen var med.",
            "Vi gør plantedage til en fast del af hvert kvartal.",
            [goals["together"], goals["use"]],
        ),
        (
            D(2026, 6, 2),
            "bad",
            "Gartnerne følte sig overhørt i planlægningen",
            "På sparringsmødet sagde to gartnere, at beslutningerne blev truffet uden dem.",
            "Gartnerne har nu to faste pladser i planlægningsgruppen.",
            [goals["wellbeing"]],
        ),
        (
            D(2026, 9, 15),
            "good",
            "Frivillige tog selv ansvar for rosenbedet",
            "Plejegruppen lavede sin egen vagtplan uden at spørge kommunen.",
            "",
            [goals["volunteers"]],
        ),
    ]
    for i, (day, kind, title, experience, adjustment, linked) in enumerate(entries):
        entry = LearningEntry.objects.create(
            organisation=org,
            project=project,
            date=day,
            kind=kind,
            title=title,
            experience=experience,
            adjustment=adjustment,
            author=author,
        )
        entry.goals.set(linked)
        if activities:
            entry.activities.set([activities[min(i, len(activities) - 1)]])
    UnplannedGain.objects.create(
        organisation=org,
        project=project,
        title="Nye venskaber på tværs af opgangene",
        description="Beboere, der ikke kendte hinanden, mødes nu også uden for arbejdsdagene.",
        noticed_on=D(2026, 5, 20),
        evidence="Fortalt af flere deltagere på workshop 3.",
        levels=["volunteer_citizen"],
        value_kinds=["personal", "collective"],
        created_by=author,
    )
    gain = UnplannedGain.objects.create(
        organisation=org,
        project=project,
        title="Skolen bruger parken i undervisningen",
        description="Natur/teknologi-lærerne har lagt tre forløb i parken.",
        noticed_on=D(2026, 8, 25),
        evidence="Aftale med skolens ledelse.",
        levels=["organisation", "user"],
        value_kinds=["societal"],
        created_by=author,
    )
    promoted = Goal.objects.create(
        organisation=org,
        project=project,
        kind="outcome",
        title="Skolen bruger parken som udeskole",
        description=gain.description,
        levels=gain.levels,
        value_kinds=gain.value_kinds,
        owner_group="employee",
        status="planned",
    )
    promoted.political_goals.set(project.goals.all()[:1])
    gain.promoted_to = promoted
    gain.save(update_fields=["promoted_to"])
    volunteers = Indicator.objects.filter(
        project=project, title__startswith="Faste frivillige"
    ).first()
    Milestone.objects.create(
        organisation=org,
        project=project,
        title="20 faste frivillige",
        indicator=volunteers,
        threshold=20,
        reached_on=D(2026, 10, 31),
        celebration="Kaffe og kage i parken med alle frivillige og gartnere.",
    )
    Milestone.objects.create(
        organisation=org,
        project=project,
        title="Første fælles plantedag",
        goal=goals["together"],
        reached_on=D(2026, 4, 11),
        celebration="Fotos fra dagen i kommunens nyhedsbrev.",
    )
    Milestone.objects.create(
        organisation=org,
        project=project,
        title="Samarbejdsaftale i driftsplanen",
        goal=goals["anchor"],
        due_date=D(2027, 1, 31),
        celebration="Underskrives i parken sammen med foreningen.",
    )


def load(project: Project) -> None:
    org = project.organisation
    collection = (
        Collection.objects.for_org(org).filter(instrument__project=project).order_by("id").first()
    )
    if collection is None:
        return
    goals = _goals(project)
    _indicators(project, goals, collection)
    _plan(project, goals)
    msc = _msc(project, collection)
    _evidence(project, goals, collection, msc)
    _log(project, goals)


# Which goals and indicators each plan answer names (the plan links to them).
PLAN_GOALS = {
    "what_change": ["use", "volunteers"],
    "what_many_goals": ["use", "together", "wellbeing", "volunteers", "anchor"],
    "what_ownership": ["use", "together", "wellbeing", "volunteers", "anchor"],
}
PLAN_INDICATORS = ("what_effects_not_performance", "how_systematic", "use_not_for_its_own_sake")


def _plan(project: Project, goals: dict[str, Goal]) -> None:
    org = project.organisation
    author = _user("facilitator@demo.dk")
    indicators = list(Indicator.objects.for_org(org).filter(project=project))
    for code, text in PLAN.items():
        answer, created = PlanAnswer.objects.get_or_create(
            organisation=org,
            project=project,
            question=code,
            defaults={"text": text, "author": author},
        )
        if not created:
            continue
        answer.goals.set([goals[key] for key in PLAN_GOALS.get(code, [])])
        if code in PLAN_INDICATORS:
            answer.indicators.set(indicators)
