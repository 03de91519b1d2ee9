"""Uploaded documents: checked for size and for type by their content, then kept in the database.

The type is decided by the bytes alone, never by the file name or the browser's content type: a
web page renamed ``report.pdf`` is still a web page. Only formats that a browser will not run as
a page are accepted (PDF, PNG, JPEG, plain text, Word, Excel and OpenDocument); the download view
adds ``nosniff``, ``attachment`` and a CSP that allows nothing, as a second line of defence.

Office files are ZIP archives. Only two small members are ever unpacked (``mimetype`` and
``[Content_Types].xml``), with a bounded read; an archive that declares far more content than it
occupies (a decompression bomb) is refused before anything is unpacked.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from samskab.measurement.models import Attachment, Evidence, Measurement
from samskab.measurement.services import audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.core.files.uploadedfile import UploadedFile
    from django.utils.functional import _StrPromise

    from samskab.projects.models import Project

# A ZIP may unpack to at most this much in total, and to at most RATIO times its own size.
ZIP_MAX_UNPACKED = 50 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_MAX_MEMBERS = 5000
# The most ever read from the two members that tell an office file's type.
ZIP_TYPE_MEMBER_MAX = 1024 * 1024
NAME_MAX = 200

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Accepted types: a label for people, and the name endings that fit (the first is added to a
# name that has none of them, so a saved download opens in the program that fits its content).
TYPES: dict[str, tuple[str | _StrPromise, tuple[str, ...]]] = {
    PDF: (_("PDF document"), (".pdf",)),
    PNG: (_("PNG image"), (".png",)),
    JPEG: (_("JPEG image"), (".jpg", ".jpeg")),
    TEXT: (_("Plain text"), (".txt", ".csv", ".tsv", ".md")),
    DOCX: (_("Word document"), (".docx",)),
    XLSX: (_("Excel workbook"), (".xlsx",)),
    ODT: (_("OpenDocument text"), (".odt",)),
    ODS: (_("OpenDocument spreadsheet"), (".ods",)),
}
# For the file input's ``accept`` attribute (a hint to the browser; the content decides).
ACCEPT = ",".join(ending for _label, endings in TYPES.values() for ending in endings)

OOXML_MAIN_TYPES = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
ODF_TYPES = {ODT.encode(): ODT, ODS.encode(): ODS}
# Text that a browser or an XML reader would treat as a page or a picture with scripts.
MARKUP = (
    "<!doctype",
    "<html",
    "<head",
    "<body",
    "<script",
    "<svg",
    "<?xml",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<style",
    "<link",
    "<img",
    "<a href",
    "javascript:",
)

NOT_ALLOWED = _(
    "Samskab does not accept this kind of file. Upload a PDF, a PNG or JPEG image, plain text "
    "(UTF-8), or a Word (DOCX), Excel (XLSX) or OpenDocument (ODT, ODS) file."
)
MESSAGES: dict[str, str | _StrPromise] = {
    "empty": _("The file is empty. Choose a file with content."),
    "too_large": _("The file is %(size)s; a file may be at most %(limit)s."),
    "type_not_allowed": NOT_ALLOWED,
    "markup": _(
        "The file contains web page code (HTML, SVG or XML), which Samskab does not accept. "
        "Upload a PDF, a PNG or JPEG image, plain text (UTF-8), or a Word (DOCX), Excel (XLSX) "
        "or OpenDocument (ODT, ODS) file."
    ),
    "archive_too_large": _(
        "The file unpacks to far more than its own size, so it was refused. Save the document "
        "again from Word, Excel or LibreOffice and upload that copy."
    ),
    "broken_archive": _(
        "The file looks like a Word, Excel or OpenDocument file but cannot be opened. Save it "
        "again and upload that copy."
    ),
}


class AttachmentError(ValueError):
    """An upload that is refused, with a translated full-sentence message and a code."""

    def __init__(self, code: str, message: str | _StrPromise | None = None) -> None:
        self.code = code
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, ready to be stored."""

    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def max_upload_bytes() -> int:
    return int(settings.MEASUREMENT_MAX_UPLOAD_BYTES)


def type_label(content_type: str) -> str:
    """What the stored type is called, for people ("PDF document")."""
    entry = TYPES.get(content_type)
    return str(entry[0]) if entry else content_type


def check_upload(uploaded: UploadedFile) -> CheckedFile:
    """Read ``uploaded`` within the size limit and decide its type by content, or refuse it."""
    limit = max_upload_bytes()
    if uploaded.size is not None and uploaded.size > limit:
        raise _too_large(uploaded.size, limit)
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise _too_large(uploaded.size or len(data), limit)
    if not data:
        raise AttachmentError("empty")
    content_type = detect(data)
    return CheckedFile(safe_name(uploaded.name or "", content_type), content_type, data)


def _too_large(size: int, limit: int) -> AttachmentError:
    message = MESSAGES["too_large"] % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    return AttachmentError("too_large", message)


def detect(data: bytes) -> str:
    """The content type of ``data`` among the accepted ones; AttachmentError otherwise."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return _text_type(data)


def _text_type(data: bytes) -> str:
    if b"\x00" in data:
        raise AttachmentError("type_not_allowed")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AttachmentError("type_not_allowed") from None
    lowered = text.lower()
    if lowered.lstrip().startswith("<") or any(marker in lowered for marker in MARKUP):
        raise AttachmentError("markup")
    return TEXT


def _office_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _refuse_bomb(infos, len(data))
            names = {info.filename for info in infos}
            if "mimetype" in names:
                return _odf_type(archive)
            if "[Content_Types].xml" in names:
                return _ooxml_type(archive, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, RuntimeError, NotImplementedError):
        # Corrupt, encrypted (RuntimeError) or with a compression method Python cannot read.
        raise AttachmentError("broken_archive") from None
    raise AttachmentError("type_not_allowed")


def _refuse_bomb(infos: list[zipfile.ZipInfo], packed: int) -> None:
    unpacked = sum(info.file_size for info in infos)
    if (
        len(infos) > ZIP_MAX_MEMBERS
        or unpacked > ZIP_MAX_UNPACKED
        or unpacked > ZIP_MAX_RATIO * packed
    ):
        raise AttachmentError("archive_too_large")


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    # A bounded read: the declared size of a member can lie, the bound cannot.
    with archive.open(name) as member:
        return member.read(ZIP_TYPE_MEMBER_MAX)


def _odf_type(archive: zipfile.ZipFile) -> str:
    found = ODF_TYPES.get(_read_member(archive, "mimetype").strip())
    if found is None:
        raise AttachmentError("type_not_allowed")
    return found


def _ooxml_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise AttachmentError("type_not_allowed")  # macros
    declared = _read_member(archive, "[Content_Types].xml")
    for marker, content_type in OOXML_MAIN_TYPES.items():
        if marker in declared:
            return content_type
    raise AttachmentError("type_not_allowed")


def safe_name(name: str, content_type: str) -> str:
    """The file name without any folder, control or format characters, at most 200 characters,
    ending as its content type does."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char
        for char in unicodedata.normalize("NFC", base)
    )
    cleaned = " ".join(cleaned.split()).lstrip(".").strip() or str(_("document"))
    endings = TYPES[content_type][1]
    if cleaned.lower().endswith(endings):
        dot = cleaned.rfind(".")
        stem, ending = cleaned[:dot], cleaned[dot:]
    else:
        stem, ending = cleaned, endings[0]
    return (stem[: NAME_MAX - len(ending)].rstrip() or str(_("document"))) + ending


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII ``filename`` fallback and the full name in ``filename*``
    (RFC 6266 and RFC 5987)."""
    decomposed = unicodedata.normalize("NFKD", name)
    fallback = "".join(
        c if c.isascii() and (c.isalnum() or c in "._-() ") else "_"
        for c in decomposed
        if not unicodedata.combining(c)
    ).strip()
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{fallback or 'document'}\"; filename*=UTF-8''{encoded}"


@transaction.atomic
def save(project: Project, checked: CheckedFile, actor: User | AnonymousUser | None) -> Attachment:
    """Store a checked file as an attachment of ``project``, audited."""
    attachment = Attachment.objects.create(
        organisation=project.organisation,
        project=project,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        data=checked.data,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit.record(actor, "created", attachment, project=project.pk, sha256=attachment.sha256)
    return attachment


def store(
    project: Project, uploaded: UploadedFile, actor: User | AnonymousUser | None
) -> Attachment:
    """Check ``uploaded`` and store it (AttachmentError if it is refused)."""
    return save(project, check_upload(uploaded), actor)


def delete_unused(attachment: Attachment, actor: User | AnonymousUser | None) -> bool:
    """Delete ``attachment`` unless evidence or a measurement still points to it."""
    if (
        Evidence.objects.filter(attachment=attachment).exists()
        or Measurement.objects.filter(attachment=attachment).exists()
    ):
        return False
    audit.record(actor, "deleted", attachment, project=attachment.project_id)
    attachment.delete()
    return True
