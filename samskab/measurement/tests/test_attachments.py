"""Uploads: type by content (never by name or browser type), size limits, decompression bombs,
safe names, and downloads that a browser will not run as a page."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samskab.measurement.models import Attachment, Evidence
from samskab.measurement.services import attachments
from samskab.organisations.models import AuditEntry
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

# --- Real small files, built here -------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCM_TYPES = DOCX_TYPES.replace(
    b"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    b"vnd.ms-word.document.macroEnabled.main+xml",
)


def png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def office_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(document: bytes = b"<w:document><w:body><w:p>Referat</w:p></w:body></w:document>"):
    return office_zip(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": document,
        }
    )


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def upload(data: bytes, name: str = "fil.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refused(data: bytes, name: str = "fil.pdf", content_type: str = "application/pdf"):
    with pytest.raises(attachments.AttachmentError) as caught:
        attachments.check_upload(upload(data, name, content_type))
    return caught.value


# --- Accepted ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (PDF, "referat.pdf", attachments.PDF),
        (png(), "billede.png", attachments.PNG),
        (JPEG, "foto.jpg", attachments.JPEG),
        ("Noter fra interviewet: æøå.\n".encode(), "noter.txt", attachments.TEXT),
        (docx(), "referat.docx", attachments.DOCX),
        (
            office_zip(
                {
                    "[Content_Types].xml": DOCX_TYPES.replace(
                        b"wordprocessingml.document", b"spreadsheetml.sheet"
                    )
                }
            ),
            "tal.xlsx",
            attachments.XLSX,
        ),
        (odt(), "referat.odt", attachments.ODT),
    ],
)
def test_real_files_are_accepted_by_content(data, name, expected):
    checked = attachments.check_upload(upload(data, name, "application/octet-stream"))
    assert checked.content_type == expected
    assert checked.name == name and checked.data == data and checked.size == len(data)


def test_the_browsers_content_type_and_the_name_do_not_decide():
    # A real PDF called .html and sent as text/html is stored as a PDF named .pdf.
    checked = attachments.check_upload(upload(PDF, "rapport.html", "text/html"))
    assert checked.content_type == attachments.PDF
    assert checked.name == "rapport.html.pdf"


# --- Refused ----------------------------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)


@pytest.mark.parametrize(
    ("data", "name", "content_type", "code"),
    [
        (HTML, "rapport.pdf", "application/pdf", "markup"),
        (b"  \n" + HTML, "noter.txt", "text/plain", "markup"),
        (b"Hej\n<script>alert(1)</script>", "noter.txt", "text/plain", "markup"),
        (SVG, "logo.png", "image/png", "markup"),
        (b"\xef\xbb\xbf" + SVG, "logo.svg", "image/svg+xml", "markup"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "setup.pdf", "application/pdf", "type_not_allowed"),
        (b"\x7fELF\x02\x01\x01\x00", "program.txt", "text/plain", "type_not_allowed"),
        ("Æbler og pærer".encode("latin-1"), "noter.txt", "text/plain", "type_not_allowed"),
        (b"GIF89a\x01\x00\x01\x00", "billede.gif", "image/gif", "type_not_allowed"),
        (b"PK\x03\x04 not really a zip", "referat.docx", "application/zip", "broken_archive"),
        (office_zip({"a.txt": b"hej"}), "pakke.docx", "application/zip", "type_not_allowed"),
        (
            office_zip({"[Content_Types].xml": DOCM_TYPES}),
            "m.docx",
            "application/zip",
            "type_not_allowed",
        ),
        (
            office_zip({"[Content_Types].xml": DOCX_TYPES, "word/vbaProject.bin": b"\x00" * 10}),
            "m.docx",
            "application/zip",
            "type_not_allowed",
        ),
        (b"", "tom.pdf", "application/pdf", "empty"),
    ],
)
def test_dangerous_or_unknown_files_are_refused(data, name, content_type, code):
    assert refused(data, name, content_type).code == code


def test_a_zip_bomb_disguised_as_docx_is_refused_without_unpacking():
    # 60 MB of one letter packs into some 60 kB: more than 50 MB in all, and 1000 times its size.
    bomb = docx(document=b"a" * (60 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    assert refused(bomb, "referat.docx").code == "archive_too_large"


def test_a_small_archive_with_a_huge_ratio_is_refused():
    bomb = docx(document=b"\x00" * (5 * 1024 * 1024))  # 5 MB: under 50 MB, but ratio ~ 1000
    assert refused(bomb, "referat.docx").code == "archive_too_large"


def test_too_large_a_file_is_refused_before_it_is_read(settings):
    settings.MEASUREMENT_MAX_UPLOAD_BYTES = 1000
    error = refused(PDF + b"0" * 1000)
    assert error.code == "too_large"
    assert "1000" in str(error)  # the limit, named in the message
    attachments.check_upload(upload(PDF + b"0" * (1000 - len(PDF))))  # exactly the limit


class Unreadable(SimpleUploadedFile):
    def read(self, *args, **kwargs):
        raise AssertionError("a file known to be too large must not be read")


def test_a_file_declared_too_large_is_not_read(settings):
    settings.MEASUREMENT_MAX_UPLOAD_BYTES = 1000
    big = Unreadable("stor.pdf", PDF + b"0" * 2000, content_type="application/pdf")
    with pytest.raises(attachments.AttachmentError) as caught:
        attachments.check_upload(big)
    assert caught.value.code == "too_large"


def test_the_default_limit_is_ten_megabytes():
    assert refused(PDF + b"0" * (10 * 1024 * 1024)).code == "too_large"


def test_every_refusal_is_a_translated_sentence_naming_the_allowed_types(monkeypatch):
    """Every message goes through gettext (a fake catalogue marks it) and ends with a full stop;
    the type refusals name what is allowed."""
    monkeypatch.setattr(
        "django.utils.translation._trans.gettext", lambda message: f"«{message}»", raising=False
    )
    cases = [
        (HTML, "type"),
        (SVG, "type"),
        (b"MZ\x90\x00", "type"),
        (docx(document=b"a" * (60 * 1024 * 1024)), "bomb"),
        (b"", "other"),
    ]
    for data, what in cases:
        message = str(refused(data).message)
        assert message.startswith("«") and message.endswith(".»"), message
        if what == "type":
            for allowed in ("PDF", "PNG", "JPEG", "DOCX", "XLSX", "ODT"):
                assert allowed in message


# --- Names and headers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\anna\\Referat.pdf", "Referat.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("møde\r\nSet-Cookie: x.pdf", "møde Set-Cookie: x.pdf"),
        ("evil\u202efdp.exe", "evil fdp.exe.pdf"),
        ("", "document.pdf"),
        ("rapport", "rapport.pdf"),
    ],
)
def test_names_are_sanitised(name, expected):
    with translation.override("en"):
        assert attachments.safe_name(name, attachments.PDF) == expected


def test_long_names_are_cut_to_200_characters_keeping_the_ending():
    name = attachments.safe_name("å" * 300 + ".pdf", attachments.PDF)
    assert len(name) == 200 and name.endswith("å.pdf")


def test_content_disposition_has_an_ascii_fallback_and_the_full_name():
    assert 'filename="Alykke.pdf"' in attachments.content_disposition("Ålykke.pdf")
    header = attachments.content_disposition('Møde "referat"; x.pdf')
    assert header.startswith('attachment; filename="M_de _referat__ x.pdf"; ')
    assert header.endswith("filename*=UTF-8''M%C3%B8de%20%22referat%22%3B%20x.pdf")
    assert "\n" not in header and "\r" not in header


# --- Storing and downloading ------------------------------------------------------------------


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"org": project.organisation.slug, "project": project.pk, **kwargs})


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (PDF, "Referat fra workshop.pdf", attachments.PDF),
        (png(), "tavle.png", attachments.PNG),
        (docx(), "Interview – Ålykke.docx", attachments.DOCX),
    ],
)
def test_uploaded_document_is_downloaded_byte_identical_with_safe_headers(
    client, world, data, name, content_type
):
    project = make_project(world.org_a)
    client.force_login(world.erik)
    response = client.post(
        _url("measurement:evidence_create", project),
        {
            "kind": "document",
            "title": "Referat",
            "document": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
            "why": "Dokumenterer aftalen.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = Evidence.objects.get(project=project)
    stored = evidence.attachment
    assert stored is not None
    assert stored.content_type == content_type and stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.uploaded_by == world.erik
    assert AuditEntry.objects.filter(action="measurement.created", target=name).exists()

    client.force_login(world.bo)  # a viewer may download
    download = client.get(_url("measurement:attachment", project, pk=stored.pk))
    assert download.status_code == 200
    assert download.content == data
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"].startswith("default-src 'none'")
    assert "script-src" not in download["Content-Security-Policy"]


def _attachment(project, data=PDF):
    return Attachment.objects.create(
        organisation=project.organisation,
        project=project,
        name="fortroligt.pdf",
        content_type=attachments.PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def test_another_organisations_attachment_is_404_even_through_this_organisations_project(
    client, world
):
    ours = make_project(world.org_a)
    theirs = _attachment(make_project(world.org_b))
    client.force_login(world.anna)
    assert client.get(_url("measurement:attachment", ours, pk=theirs.pk)).status_code == 404
    # carl owns it, but not through org A's address
    client.force_login(world.carl)
    assert client.get(_url("measurement:attachment", ours, pk=theirs.pk)).status_code == 404


def test_another_projects_attachment_is_404_through_this_project(client, world):
    ours, other = make_project(world.org_a), make_project(world.org_a, title="Anden")
    document = _attachment(other)
    client.force_login(world.anna)
    assert client.get(_url("measurement:attachment", ours, pk=document.pk)).status_code == 404
    assert client.get(_url("measurement:attachment", other, pk=document.pk)).status_code == 200


def test_the_download_refuses_other_methods(client, world):
    project = make_project(world.org_a)
    document = _attachment(project)
    client.force_login(world.anna)
    assert client.post(_url("measurement:attachment", project, pk=document.pk)).status_code == 405


def test_store_is_what_the_measurement_form_calls(world):
    project = make_project(world.org_a)
    stored = attachments.store(project, upload(PDF, "bilag.pdf"), world.erik)
    assert stored.organisation == world.org_a and bytes(stored.data) == PDF
    with pytest.raises(attachments.AttachmentError):
        attachments.store(project, upload(HTML, "bilag.pdf"), world.erik)
    assert Attachment.objects.count() == 1
