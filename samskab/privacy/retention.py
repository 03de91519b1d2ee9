"""Retention: what Samskab keeps, it keeps only as long as it said it would.

``manage.py enforce_retention`` (run daily by cron or a systemd timer, docs/privacy.md) calls
:func:`enforce`, which deletes

- every story older than its collection's retention period (``Collection.retention_days``), with
  its copies and what was computed from it (``erasure.erase_stories``);
- import jobs untouched for ``IMPORT_RETENTION_DAYS`` (default 7): their uploaded file and rows
  hold the text as it was written, before masking;
- cached analysis stores that are not the current one of an existing collection;

and writes what it did to each organisation's audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from samskab.instruments.models import Collection, Story
from samskab.organisations.models import AuditAction, Organisation
from samskab.organisations.services import audit
from samskab.privacy.erasure import Erased, erase_stories, remove_stale_stores
from samskab.transfers.models import ImportJob


def import_retention() -> timedelta:
    return timedelta(days=int(getattr(settings, "IMPORT_RETENTION_DAYS", 7)))


@dataclass
class Report:
    stories: int = 0
    evidence: int = 0
    theme_runs: int = 0
    import_jobs: int = 0
    cache_folders: int = 0
    collections: dict[int, int] = field(default_factory=dict)
    quoted_in_published_playbooks: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def enforce(now: datetime | None = None) -> Report:
    now = now or timezone.now()
    report = Report()
    erased = Erased()
    by_org: dict[int, dict[str, int]] = {}
    for collection in Collection.objects.only("pk", "organisation_id", "retention_days", "name"):
        cutoff = now - timedelta(days=collection.retention_days)
        expired = Story.objects.filter(collection=collection, created_at__lt=cutoff)
        if not expired.exists():
            continue
        result = erase_stories(expired)
        erased.add(result)
        counts = by_org.setdefault(collection.organisation_id, {})
        counts[str(collection.pk)] = result.stories
    cutoff = now - import_retention()
    old_jobs = ImportJob.objects.filter(updated_at__lt=cutoff)
    for organisation_id, count in _count_by_org(old_jobs).items():
        by_org.setdefault(organisation_id, {})["import_jobs"] = count
    report.import_jobs = old_jobs.delete()[1].get("transfers.ImportJob", 0)
    report.cache_folders = remove_stale_stores()
    report.stories, report.evidence = erased.stories, erased.evidence
    report.theme_runs = erased.theme_runs
    report.collections = erased.by_collection
    report.quoted_in_published_playbooks = sorted({q.version_id for q in erased.quoted_in})
    for organisation in Organisation.objects.filter(pk__in=by_org):
        counts = by_org[organisation.pk]
        audit(
            organisation,
            None,
            AuditAction.RETENTION_ENFORCED,
            "",
            stories_by_collection={k: v for k, v in counts.items() if k != "import_jobs"},
            import_jobs=counts.get("import_jobs", 0),
            quoted_in_published_playbooks=[
                q.version_id for q in erased.quoted_in if q.organisation_id == organisation.pk
            ],
        )
    return report


def _count_by_org(jobs: QuerySet[ImportJob]) -> dict[int, int]:
    rows = jobs.order_by().values("organisation_id").annotate(n=Count("id"))
    return {row["organisation_id"]: row["n"] for row in rows}
