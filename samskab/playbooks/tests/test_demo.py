"""The demo's playbook, as a facilitator and a reader meet it: two published versions in
Danish, a tagged PDF of 30+ pages with 10+ charts, a Word document, and figures that match
what the explorer shows readers."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from docx import Document as Docx

from samskab.demo import load_all
from samskab.explorer.services.publish import published_view
from samskab.playbooks.document import Figure, from_json, section_text
from samskab.playbooks.models import BuildStatus, Playbook, PlaybookVersion
from samskab.playbooks.tasks import build_playbook
from samskab.playbooks.tests.test_render_pdf import page_text
from samskab.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module (it builds two 50-page PDFs), rolled back after."""
    cache = tmp_path_factory.mktemp("demo-cache")
    with (
        override_settings(DEBUG=True, EXPLORER_CACHE_DIR=cache),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        load_all()
        load_all()  # idempotent: nothing published twice
        project = Project.objects.get(title="Parken der blev fornyet")
        queued = PlaybookVersion.objects.filter(status=BuildStatus.QUEUED).order_by("number")
        for version in queued:  # what the worker does after `make run`
            build_playbook.call(version.organisation_id, version.pk)
        yield project
        transaction.set_rollback(True)


def _versions(project):
    playbook = Playbook.objects.get(project=project)
    return list(playbook.versions.order_by("number"))


def test_the_demo_has_two_published_versions(demo):
    first, second = _versions(demo)
    assert (first.number, second.number) == (1, 2)
    assert first.published and second.published and second.status == BuildStatus.READY
    assert second.pages >= 30
    document = from_json(second.document)
    assert document.language == "da" and document.version == "Version 2"
    assert len(document.figures()) >= 10
    assert len(document.sections) == 10 and not any(s.empty for s in document.sections)
    assert document.logo.startswith("data:image/png;base64,")
    rules = next(s for s in document.sections if s.key == "rules")
    # The self-assessments sit in the project's own time line (after the kick-off, before the
    # anchoring meeting), whatever day the demo is loaded.
    assert "fra 10. februar 2026 til 26. maj 2026" in section_text(rules)


def test_the_demo_pdf_is_tagged_for_accessibility(demo):
    version = _versions(demo)[-1]
    document = from_json(version.document)
    pdf = pikepdf.open(io.BytesIO(bytes(version.pdf)))
    root = pdf.Root
    assert str(root.Lang) == "da"
    assert bool(root.MarkInfo.Marked) and bool(root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == document.title
    with pdf.open_metadata() as meta:
        assert meta.get("pdfuaid:part") == "1"
    kinds, alts = [], []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds.append(str(node.S))
            if node.S == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    walk(root.StructTreeRoot)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI"} <= set(kinds)
    # Every chart and the logo: a /Figure with its text alternative, none without one.
    assert len(alts) == len(document.figures()) + 1
    assert all(alt.strip() for alt in alts)
    assert {f.alt for f in document.figures()} <= set(alts)
    titles = [str(item.title) for item in pdf.open_outline().root]
    assert titles[0] == document.title


def test_the_demo_pdf_reads_like_a_danish_publication(demo):
    version = _versions(demo)[-1]
    pdf = bytes(version.pdf)
    cover, contents = page_text(pdf, 1), page_text(pdf, 2)
    assert "DEMO KOMMUNE" in cover and "Version 2" in cover and "Side" not in cover
    assert "Indhold" in contents and re.search(r"Processen trin for trin\s*\.+\s*\d+", contents)
    assert f"Side 2 af {version.pages}" in contents
    text = "\n".join(page_text(pdf, n) for n in range(3, version.pages + 1))
    assert "Trin 1:" in text and "Udgangspunkt" in text and "Tommelfingerregler" in text


def test_the_demo_word_document_has_headings_tables_and_pictures(demo):
    version = _versions(demo)[-1]
    docx = Docx(io.BytesIO(bytes(version.docx)))
    headings = [p.text for p in docx.paragraphs if p.style and p.style.name == "Heading 1"]
    assert len(headings) == 10 and headings[0].startswith("1. ")
    assert len(docx.inline_shapes) >= 11  # the charts and the logo
    assert len(docx.tables) >= 15
    assert docx.core_properties.title == from_json(version.document).title


def test_the_demo_figures_match_what_the_explorer_shows_readers(demo):
    version = _versions(demo)[-1]
    document = from_json(version.document)
    playbook = Playbook.objects.get(project=demo)
    results = next(s for s in document.sections if s.key == "results")
    text = "\n".join(getattr(b, "text", "") for b in results.blocks)
    for view in playbook.saved_views.all():
        shown = published_view(view, "da")
        assert shown.ok and shown.board is not None
        n = f"{shown.board.n:,}".replace(",", ".")
        assert f"omkring {n} fortællinger i udsnittet" in text, view.title
    view_figures = [b for b in results.blocks if isinstance(b, Figure) and "-view-" in b.ident]
    assert len(view_figures) == playbook.saved_views.count()


def test_a_reader_compares_the_two_versions(demo, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(email="leder@demo.dk"))
    url = reverse("playbooks:compare", kwargs={"org": demo.organisation.slug, "project": demo.pk})
    page = client.get(url).content.decode()
    changed = re.findall(r'class="card change-changed">\s*<h3>([^<]+)</h3>', page)
    assert changed == ["Sammendrag", "Refleksioner og anbefalinger"]
