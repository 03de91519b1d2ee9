"""Themes of a collection version: start a run, run it (in the worker), read its result.

Only the masked text (`Story.title` and `Story.text`, masked when stored) is read, never
`text_raw`. The mask tokens themselves ("[NAVN]", "[TELEFON]" …) are removed first: they are
not words of the story, and a theme made of them would say nothing.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.analysis.disclosure import DEFAULT_K, GROUP_BELOW_K, Withheld
from samskab.analysis.themes import Theme, ThemeModel, find_themes, theme_mask
from samskab.analysis.types import BoolArray, IntArray
from samskab.explorer.models import (
    THEMES_BUSY,
    ThemeError,
    ThemePhase,
    ThemeRun,
    ThemeStatus,
)
from samskab.instruments.models import Collection, InstrumentVersion, Story
from samskab.instruments.privacy import MASKS
from samskab.lib.forms import parse_int

logger = logging.getLogger(__name__)

CHUNK_SIZE = 5000
READ_SHARE = 50  # percent of the progress bar for reading the texts
ABANDONED_AFTER = datetime.timedelta(hours=6)  # far beyond a run over a million stories
MASK_TOKENS = re.compile("|".join(re.escape(token) for token in MASKS.values()))
BLOBS = ("story_ids", "assignment")
ID_DTYPE, THEME_DTYPE = np.dtype("<i8"), np.dtype("<i1")


class ThemeRunRefused(Exception):
    """A run that cannot start now; the message is a translated sentence."""


class ThemeOption(NamedTuple):
    """A theme a filter may choose: form value, label in the list, name in sentences."""

    value: str
    label: str
    name: str


# --- Starting --------------------------------------------------------------------------------


def _runs(collection: Collection, version: InstrumentVersion) -> QuerySet[ThemeRun]:
    return ThemeRun.objects.for_org(collection.organisation).filter(
        collection=collection, version=version
    )


def latest_run(collection: Collection, version: InstrumentVersion) -> ThemeRun | None:
    """The newest run of the version, whatever its status (result bytes not loaded)."""
    return _runs(collection, version).defer(*BLOBS).first()


def latest_done_run(collection: Collection, version: InstrumentVersion) -> ThemeRun | None:
    """The newest finished run of the version: the one filters use (result bytes not loaded)."""
    return _runs(collection, version).filter(status=ThemeStatus.DONE).defer(*BLOBS).first()


def _give_up_abandoned(collection: Collection, version: InstrumentVersion) -> None:
    """Fail runs busy for longer than any run takes (a worker killed mid-run never finishes
    them), so they do not block the version's themes for ever."""
    now = timezone.now()
    _runs(collection, version).filter(
        status__in=THEMES_BUSY, created_at__lt=now - ABANDONED_AFTER
    ).update(
        status=ThemeStatus.FAILED, phase=ThemePhase.NONE, error=ThemeError.FAILED, finished_at=now
    )


def create_run(
    collection: Collection,
    version: InstrumentVersion,
    options: dict[str, int | str],
    user: User | None,
) -> ThemeRun:
    """A queued run (`options`: n_themes, seed, method); refused while another one is busy."""
    with transaction.atomic():
        _give_up_abandoned(collection, version)
        if _runs(collection, version).filter(status__in=THEMES_BUSY).exists():
            raise ThemeRunRefused(
                _("Themes are already being found for this version. Wait until that run is done.")
            )
        return ThemeRun.objects.create(
            organisation=collection.organisation,
            collection=collection,
            version=version,
            change_counter=collection.change_counter,
            n_themes=int(options["n_themes"]),
            seed=int(options["seed"]),
            method=str(options["method"]),
            created_by=user,
        )


def start_run(
    collection: Collection,
    version: InstrumentVersion,
    options: dict[str, int | str],
    user: User | None,
) -> ThemeRun:
    """Create a run and hand it to the worker once this transaction commits."""
    from samskab.explorer.tasks import find_collection_themes

    run = create_run(collection, version, options, user)
    organisation_id, run_id = run.organisation_id, run.pk
    transaction.on_commit(lambda: find_collection_themes.enqueue(organisation_id, run_id))
    return run


# --- Running (in the worker) ------------------------------------------------------------------


def _report(run: ThemeRun, phase: ThemePhase, progress: int) -> None:
    run.phase, run.progress = phase, progress
    ThemeRun.objects.filter(pk=run.pk).update(phase=phase, progress=progress)


def _left_out_ids(run: ThemeRun, k: int) -> frozenset[int]:
    """The stories the version's release leaves out (`analysis.release`): they shape no theme.

    Read from the cached store; when there is none yet (a large version being built), no
    story is left out of the run and the page's theme sizes still count only the release.
    """
    from samskab.explorer.services.release import released  # noqa: PLC0415 (import cycle)
    from samskab.explorer.services.store import cached_or_updated  # noqa: PLC0415

    store = cached_or_updated(run.collection, run.version)
    if store is None:
        return frozenset()
    release = released(run.collection, store, k)
    if not release.left_out:
        return frozenset()
    kept = release.store.column("story_id")
    every = store.column("story_id")
    return frozenset(every[~np.isin(every, kept)].tolist())


def read_texts(run: ThemeRun, k: int = DEFAULT_K) -> tuple[list[int], list[str], list[str]]:
    """Story ids (ascending), masked title and text without mask tokens, and languages, of
    the stories in the version's release for threshold k."""
    left_out = _left_out_ids(run, k)
    stories = (
        Story.objects.for_org(run.organisation)
        .filter(collection=run.collection_id, version=run.version_id)
        .order_by("id")
    )
    total = stories.count()
    ids: list[int] = []
    texts: list[str] = []
    languages: list[str] = []
    rows = stories.values_list("id", "title", "text", "language").iterator(chunk_size=CHUNK_SIZE)
    for count, (pk, title, text, language) in enumerate(rows, start=1):
        if pk in left_out:
            continue
        ids.append(pk)
        texts.append(MASK_TOKENS.sub(" ", f"{title}\n{text}"))
        languages.append(language)
        if count % CHUNK_SIZE == 0:
            _report(run, ThemePhase.READING, READ_SHARE * count // max(total, 1))
    return ids, texts, languages


def _finish(run: ThemeRun, status: ThemeStatus, error: ThemeError = ThemeError.NONE) -> None:
    run.status, run.phase, run.error = status, ThemePhase.NONE, error
    run.finished_at = timezone.now()
    if status == ThemeStatus.DONE:
        run.progress = 100
    run.save()


def _save(run: ThemeRun, model: ThemeModel) -> None:
    """Store the result, and drop the version's older finished runs: only the newest is used."""
    run.themes = [
        {
            "index": t.index,
            "terms": list(t.terms),
            "size": t.size,
            "representative": list(t.representative),
            "withheld": [w.reason for w in t.withheld],
        }
        for t in model.themes
    ]
    run.story_ids = model.story_ids.astype(ID_DTYPE).tobytes()
    run.assignment = model.assignment.astype(THEME_DTYPE).tobytes()
    with transaction.atomic():
        _finish(run, ThemeStatus.DONE)
        finished = (ThemeStatus.DONE, ThemeStatus.FAILED)
        _runs(run.collection, run.version).filter(status__in=finished, pk__lt=run.pk).delete()


def run_themes(run: ThemeRun, k: int) -> None:
    """Find the themes of a queued run with the organisation's k, and save them."""
    if run.status != ThemeStatus.QUEUED:
        return  # already run (a task delivered twice)
    run.status, run.k = ThemeStatus.RUNNING, k
    run.save(update_fields=["status", "k"])
    try:
        _report(run, ThemePhase.READING, 0)
        ids, texts, languages = read_texts(run, k)
        if len(ids) < max(run.n_themes, k):
            _finish(run, ThemeStatus.FAILED, ThemeError.TOO_FEW)
            return
        _report(run, ThemePhase.FINDING, READ_SHARE)
        try:
            model = find_themes(ids, texts, languages, run.n_themes, run.seed, run.method, k=k)
        except ValueError:
            # scikit-learn's words for "too few words" (an empty vocabulary, more themes than
            # words): nothing went wrong in the system, the stories cannot carry this many themes.
            logger.info("Theme run %s: too few words", run.pk, exc_info=True)
            _finish(run, ThemeStatus.FAILED, ThemeError.TOO_FEW)
            return
        _report(run, ThemePhase.SAVING, 95)
        _save(run, model)
    except Exception:
        _finish(run, ThemeStatus.FAILED, ThemeError.FAILED)
        raise


# --- Reading the result -----------------------------------------------------------------------


def themes_of(run: ThemeRun, k: int) -> list[Theme]:
    """The run's themes under today's k: a theme below it is withheld even if it was not then."""
    themes = []
    for item in run.themes:
        withheld = tuple(Withheld("theme", reason) for reason in item["withheld"])
        if item["size"] < k and not withheld:
            withheld = (Withheld("theme", GROUP_BELOW_K),)
        if withheld:
            themes.append(Theme(item["index"], (), item["size"], (), withheld))
        else:
            terms, stories = tuple(item["terms"]), tuple(item["representative"])
            themes.append(Theme(item["index"], terms, item["size"], stories))
    return themes


def theme_label(theme: Theme) -> str:
    return _("Theme %(number)s: %(terms)s") % {
        "number": theme.index + 1,
        "terms": ", ".join(theme.terms[:4]),
    }


def theme_name(theme: Theme) -> str:
    """The theme in a sentence, e.g. “theme 2 (coffee, together)”."""
    return _("theme %(number)s (%(terms)s)") % {
        "number": theme.index + 1,
        "terms": ", ".join(theme.terms[:2]),
    }


def theme_value(run: ThemeRun, index: int) -> str:
    return f"{run.pk}:{index}"


def theme_options(collection: Collection, version: InstrumentVersion, k: int) -> list[ThemeOption]:
    """The themes a filter may choose: those shown of the version's newest finished run."""
    run = latest_done_run(collection, version)
    if run is None:
        return []
    return [
        ThemeOption(theme_value(run, t.index), theme_label(t), theme_name(t))
        for t in themes_of(run, k)
        if not t.withheld
    ]


def load_model(run: ThemeRun) -> ThemeModel:
    """The run's assignment as the engine's model (themes are not needed for a mask)."""
    story_ids: IntArray = np.frombuffer(bytes(run.story_ids), dtype=ID_DTYPE).astype(np.int64)
    assignment: IntArray = np.frombuffer(bytes(run.assignment), dtype=THEME_DTYPE).astype(np.int64)
    return ThemeModel((), story_ids, assignment)


def parse_value(value: str) -> tuple[int, int] | None:
    """(run pk, theme index) of a form value "<run pk>:<index>", or None."""
    run, _sep, index = value.partition(":")
    run_pk, theme = parse_int(run), parse_int(index)
    if run_pk is None or theme is None:
        return None
    return run_pk, theme


def mask_for_theme(
    collection: Collection, version: InstrumentVersion, value: str, store_ids: IntArray
) -> BoolArray:
    """The stories of a store in the chosen theme (none if the run is gone or not this one's)."""
    parsed = parse_value(value)
    run = None
    if parsed is not None:
        run = (
            _runs(collection, version)
            .filter(pk=parsed[0], status=ThemeStatus.DONE)
            .only("id", *BLOBS)
            .first()
        )
    if run is None or parsed is None:
        return np.zeros(len(store_ids), dtype=bool)
    return theme_mask(load_model(run), parsed[1], store_ids)


def representative_stories(
    collection: Collection, themes: Sequence[Theme]
) -> dict[int, list[Story]]:
    """Each shown theme's representative stories that still exist (masked title and text only)."""
    wanted = {i for t in themes for i in t.representative}
    stories = Story.objects.for_org(collection.organisation).filter(
        collection=collection, pk__in=wanted
    )
    # The unmasked text is never loaded.
    by_id = {s.pk: s for s in stories.only("id", "title", "text", "language")}
    return {t.index: [by_id[i] for i in t.representative if i in by_id] for t in themes}
