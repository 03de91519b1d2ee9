"""The demo playbook to PDF and Word: wall time, peak memory and the page count.

    SECRET_KEY=x python bench/playbook_bench.py [--repeat 5]

Loads the demo into a test database (which publishes the demo playbook), then renders the
published version's stored document again: the PDF with WeasyPrint (tagged PDF/UA-1) and the
Word document with python-docx. Also times assembling the document from the record (the
project's figures, saved views through the disclosure gate, the charts).

* ``pdf_s`` (goal ≤ 3 s) and ``docx_s`` (goal ≤ 1 s): median of ``--repeat`` runs, min beside.
* ``pdf_peak_mb`` / ``docx_peak_mb``: how much one render raised the peak resident memory
  (VmHWM, in a fresh child process per output so one does not hide the other);
  ``*_process_peak_mb``: that process's peak with Django loaded; ``*_traced_mb``: Python
  allocations at their peak (tracemalloc).
* ``pages``, ``figures``, ``tables``, ``words``: what the document holds.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")


def _setup() -> None:
    import django

    django.setup()


def _document(path: Path):
    from samskab.playbooks.document import from_json

    return from_json(json.loads(path.read_text()))


def _memory(kind: str, path: Path) -> dict[str, float]:
    """One render in this (fresh) process: resident and traced peaks, in MB."""
    _setup()
    from django.utils import translation

    from samskab.playbooks.render import pdf_bytes
    from samskab.playbooks.render_docx import render_docx

    document = _document(path)
    translation.activate(document.language)
    before = _high_water_kb()
    tracemalloc.start()
    if kind == "pdf":
        pdf_bytes(document)
    else:
        render_docx(document)
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = _high_water_kb()
    return {
        "peak_mb": round((after - before) / 1024, 1),
        "process_peak_mb": round(after / 1024, 1),
        "traced_mb": round(traced / 2**20, 1),
    }


def _high_water_kb() -> int:
    """The process's peak resident memory (VmHWM). Not ru_maxrss: a child started from a big
    parent inherits the parent's ru_maxrss across exec, so a render would seem to add nothing."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3), round(min(times), 3), result


def run(repeat: int) -> dict[str, object]:
    from django.utils import translation

    from samskab.demo import load_all
    from samskab.playbooks.assemble import assemble
    from samskab.playbooks.assemble.draft import Draft
    from samskab.playbooks.document import Figure, Table, from_json, section_text
    from samskab.playbooks.models import BuildStatus, PlaybookVersion
    from samskab.playbooks.render import pdf_bytes
    from samskab.playbooks.render_docx import render_docx
    from samskab.playbooks.services import run_build

    start = time.perf_counter()
    load_all()
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    queued = PlaybookVersion.objects.filter(status=BuildStatus.QUEUED).order_by("number")
    for queued_version in queued:  # what the worker does after `make run`
        run_build(queued_version)
    build_seconds = time.perf_counter() - start
    version = PlaybookVersion.objects.filter(published=True).order_by("-number").first()
    assert version is not None and version.document, "the demo has no published playbook"  # noqa: S101
    document = from_json(version.document)
    translation.activate(document.language)
    draft = dict(version.draft)
    language = draft.pop("language", "da")
    assemble_s, assemble_min, _doc = _timed(
        lambda: assemble(version.playbook, Draft.from_json(draft), language=language), 3
    )
    pdf_s, pdf_min, pdf = _timed(lambda: pdf_bytes(document), repeat)
    docx_s, docx_min, docx = _timed(lambda: render_docx(document), repeat)
    path = Path(tempfile.mkdtemp(prefix="playbook-bench-")) / "document.json"
    path.write_text(json.dumps(version.document))
    memory = {
        kind: json.loads(
            subprocess.run(
                [sys.executable, __file__, "--memory", kind, str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for kind in ("pdf", "docx")
    }
    blocks = [b for s in document.sections for b in s.blocks]
    return {
        "demo_load_s": round(load_seconds, 1),
        "demo_build_two_versions_s": round(build_seconds, 1),
        "assemble_s": assemble_s,
        "assemble_min_s": assemble_min,
        "pdf_s": pdf_s,
        "pdf_min_s": pdf_min,
        "pdf_peak_mb": memory["pdf"]["peak_mb"],
        "pdf_process_peak_mb": memory["pdf"]["process_peak_mb"],
        "pdf_traced_mb": memory["pdf"]["traced_mb"],
        "pdf_bytes": len(pdf[0]),  # type: ignore[index]
        "pages": pdf[1],  # type: ignore[index]
        "docx_s": docx_s,
        "docx_min_s": docx_min,
        "docx_peak_mb": memory["docx"]["peak_mb"],
        "docx_process_peak_mb": memory["docx"]["process_peak_mb"],
        "docx_traced_mb": memory["docx"]["traced_mb"],
        "docx_bytes": len(docx),  # type: ignore[arg-type]
        "sections": len(document.sections),
        "figures": sum(isinstance(b, Figure) for b in blocks),
        "tables": sum(isinstance(b, Table) for b in blocks)
        + sum(1 for b in blocks if isinstance(b, Figure) and b.table is not None),
        "words": sum(len(section_text(s).split()) for s in document.sections),
        "repeat": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory", nargs=2, metavar=("KIND", "DOCUMENT_JSON"))
    args = parser.parse_args()
    if args.memory:
        print(json.dumps(_memory(args.memory[0], Path(args.memory[1]))))
        return
    _setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    settings.EXPLORER_CACHE_DIR = Path(tempfile.mkdtemp(prefix="playbook-bench-cache-"))
    settings.DEBUG = True  # the demo's accounts are made only in DEBUG
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        print(json.dumps(run(args.repeat), indent=1))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
