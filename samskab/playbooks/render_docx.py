"""The playbook as a Word document that municipal staff can edit and brand.

It renders the same `Document` as the web page and the PDF. Text gets Word's own styles
(Title, Heading 1-4, List Bullet, List Number, Quote, Caption, Table Grid) rather than direct
formatting, so changing a style or the theme rebrands the whole document. The table of contents
is a real TOC field that Word fills in when the reader updates it, and the footer counts pages
with PAGE and NUMPAGES fields. Charts are PNG pictures (Word's SVG support is patchy) drawn at
twice their size, each with its text alternative as the picture's alt text.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from itertools import takewhile
from typing import assert_never
from urllib.parse import urlsplit

import docx
from django.utils.translation import gettext, pgettext
from docx.document import Document as WordDocument
from docx.enum.dml import MSO_THEME_COLOR
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.shared import Cm, Emu, Pt, RGBColor, Twips
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from markdown_it.token import Token

from samskab.playbooks import markdown
from samskab.playbooks.document import (
    Block,
    Document,
    Facts,
    Figure,
    Heading,
    Markdown,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
)
from samskab.playbooks.svg_png import SvgError, svg_to_png

A4 = (Twips(11906), Twips(16838))  # 210 by 297 mm, as Word stores it
LANGUAGES = {"da": "da-DK", "en": "en-GB"}
HEADINGS = {3: "Heading 2", 4: "Heading 3"}  # a block's level (the section is level 2)
MD_HEADINGS = {"h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 4", "h6": "Heading 4"}
LINK_SCHEMES = {"http", "https", "mailto"}
TABLE_STYLE = "Table Grid"
HEADER_FILL = "F2F2F2"  # header cells: black on light grey (contrast 18:1)
GREY = RGBColor(0x59, 0x59, 0x59)  # header and footer text (contrast 7:1 on white)
CODE_FONT = "Consolas"
PX = 9525  # EMU in a CSS pixel (96 per inch)
FIGURE_WIDTH = Cm(16)  # the text width of an A4 page with 2.5 cm margins
FIGURE_HEIGHT = Cm(20)
RASTER_SCALE = 2.0  # charts are drawn at twice their size, crisp on screen and paper
RASTER_MAX = 2400  # pixels wide, whatever the chart's size
LOGO_WIDTH, LOGO_HEIGHT = Cm(6), Cm(2.5)
LOGO_URI = re.compile(r"data:image/(?:png|jpeg|jpg);base64,([A-Za-z0-9+/=\s]+)", re.I)
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
# Characters XML 1.0 cannot hold (lxml refuses them); text pasted from Word brings \x0b.
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    word = docx.Document()
    _setup(word, document)
    _cover(word, document)
    _contents(word)
    for section in document.sections:
        _section(word, section)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _paragraph(word: WordDocument, text: str = "", style: str = "Normal") -> WordParagraph:
    """A paragraph at the end of the document, with one of Word's built-in styles."""
    paragraph = word.add_paragraph()
    if text:
        _run(paragraph, text)
    if style != "Normal":
        paragraph._p.style = _style_ids()[style]
    return paragraph


def _run(paragraph: WordParagraph, text: str) -> Run:
    """`paragraph.add_run(clean(text))`, skipping python-docx's walk through every character
    (looking for tabs and line breaks) when there are none: a tenth of a long document's time."""
    text = clean(text)
    if "\n" in text or "\t" in text:
        return paragraph.add_run(text)
    r = paragraph._p.add_r()
    if text:
        t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
        t.text = text
        r.append(t)
    return Run(r, paragraph)


@cache
def _style_ids() -> dict[str, str]:
    """Built-in style names and their ids, from python-docx's default template (which every
    rendering starts from): looking a style up by name in python-docx reads every style."""
    ids = {style.name: style.style_id for style in docx.Document().styles if style.name}
    return ids | {"Hyperlink": "Hyperlink"}  # added by `_setup`


def clean(text: str) -> str:
    """Text as XML can hold it: line ends as newlines, control characters dropped."""
    return _INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# --- The document's frame: properties, language, page, header and footer ---


def _setup(word: WordDocument, document: Document) -> None:
    language = LANGUAGES.get(document.language, document.language)
    now = datetime.now(UTC).replace(microsecond=0)
    props = word.core_properties
    props.title = clean(document.title)
    props.subject = clean(document.subtitle)
    props.author = props.last_modified_by = clean(document.organisation)
    props.keywords = clean(document.project)
    props.language = language
    props.comments = ""
    props.created = props.modified = now
    props.revision = 1
    _language(word, language)
    _page(word, clean(document.title))
    link = word.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.color.theme_color = MSO_THEME_COLOR.HYPERLINK
    link.font.underline = True


def _language(word: WordDocument, language: str) -> None:
    """Word proofreads in the document's language, and checks all of it (no "clean" state)."""
    for lang in word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), language)
    settings = word.settings.element
    for lang in settings.xpath("w:themeFontLang"):
        lang.set(qn("w:val"), language)
    for proof in settings.xpath("w:proofState"):
        settings.remove(proof)


def _page(word: WordDocument, title: str) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = A4
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    section.different_first_page_header_footer = True  # the cover has neither
    for name in ("Header", "Footer"):
        style = word.styles[name]
        style.font.size = Pt(9)
        style.font.color.rgb = GREY
    section.header.paragraphs[0].text = title
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(pgettext("page number", "Page") + " ")
    _field(footer, "PAGE", "1")
    footer.add_run(" " + pgettext("page number", "of") + " ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph: WordParagraph, instruction: str, placeholder: str) -> None:
    """A Word field: begin, the instruction, separate, the shown result, end."""
    paragraph.add_run()._r.append(_fld_char("begin"))
    code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_fld_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_fld_char("end"))


def _page_break(word: WordDocument) -> None:
    _paragraph(word).add_run().add_break(WD_BREAK.PAGE)


def _fld_char(kind: str) -> BaseOxmlElement:
    return OxmlElement("w:fldChar", {qn("w:fldCharType"): kind})


# --- Cover and contents ---


def _cover(word: WordDocument, document: Document) -> None:
    logo = _logo_bytes(document.logo)
    if logo is not None:
        _logo(word, logo, document.organisation)
    if document.organisation:
        run = _run(_paragraph(word), document.organisation)
        run.bold = True
        run.font.size = Pt(14)
    _paragraph(word, document.title, "Title")
    if document.subtitle:
        _paragraph(word, document.subtitle, "Subtitle")
    meta = " · ".join(x for x in (document.version, document.published) if x)
    if meta:
        _paragraph(word, meta)
    if document.colophon:
        _paragraph(word)
        _facts(word, Facts(document.colophon))
    _page_break(word)


def _logo_bytes(uri: str) -> bytes | None:
    """The logo of a PNG or JPEG data: URI; None for anything else."""
    match = LOGO_URI.fullmatch(uri.strip())
    if match is None:
        return None
    try:
        blob = base64.b64decode("".join(match.group(1).split()), validate=True)
    except binascii.Error:
        return None
    return blob if blob.startswith(IMAGE_MAGIC) else None


def _logo(word: WordDocument, blob: bytes, organisation: str) -> None:
    try:
        image = Image.from_blob(blob)
        width, height = image.px_width, image.px_height
    except (UnrecognizedImageError, InvalidImageStreamError, UnexpectedEndOfFileError):
        return  # a broken logo is left out rather than breaking the build
    if width <= 0 or height <= 0:
        return
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
    run = _paragraph(word).add_run()
    shape = run.add_picture(io.BytesIO(blob), Emu(round(width * scale)), Emu(round(height * scale)))
    _alt_text(shape, organisation, "")  # as the web page names it


def _contents(word: WordDocument) -> None:
    _paragraph(word, gettext("Contents"), "TOC Heading")
    hint = gettext("Right-click and choose Update field to show the table of contents.")
    _field(_paragraph(word), r'TOC \o "1-3" \h \z \u', hint)
    _page_break(word)


# --- Sections and blocks ---


def _section(word: WordDocument, section: Section) -> None:
    title = f"{section.number}. {section.title}" if section.number else section.title
    _paragraph(word, title, "Heading 1")
    if section.empty:
        _italic(word, gettext("This section has not been written yet"))
        if section.prompt:
            _italic(word, section.prompt)
    for block in section.blocks:
        _block(word, block)


def _block(word: WordDocument, block: Block) -> None:
    match block:
        case Heading():
            _paragraph(word, block.text, HEADINGS[block.level])
        case Paragraph():
            _paragraph(word, block.text)
        case Markdown():
            _markdown(word, block.source)
        case Facts():
            _facts(word, block)
        case Table():
            _table(word, block)
        case Figure():
            _figure(word, block)
        case Quote():
            _quote(word, block)
        case Note():
            _note(word, block)
        case _:
            assert_never(block)


def _italic(word: WordDocument, text: str) -> None:
    _run(_paragraph(word), text).italic = True


def _note(word: WordDocument, note: Note) -> None:
    paragraph = _paragraph(word, "", "Intense Quote")
    label = pgettext("a remark about the figures in a playbook", "Note")
    _run(paragraph, f"{label}: ").bold = True
    _run(paragraph, note.text)


def _quote(word: WordDocument, quote: Quote) -> None:
    paragraph = _paragraph(word, f"»{quote.text}«", "Quote")
    if quote.source:
        paragraph.add_run().add_break()
        _run(paragraph, f"– {quote.source}").italic = True


def _facts(word: WordDocument, facts: Facts) -> None:
    """Label and value pairs as a borderless two-column table, the labels bold."""
    if not facts.rows:
        return
    table = word.add_table(rows=len(facts.rows), cols=2)  # no style: no borders
    widths = (Cm(5), Cm(11))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row, (label, value) in zip(table.rows, facts.rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = widths
        _run(label_cell.paragraphs[0], label).bold = True
        _run(value_cell.paragraphs[0], value)


def _table(word: WordDocument, table: Table) -> None:
    rows = ([table.head] if table.head else []) + list(table.rows)
    if table.caption:
        caption = _paragraph(word, table.caption, "Caption")
        caption.paragraph_format.keep_with_next = True
    grid = _grid(word, len(rows), max((len(r) for r in rows), default=0), bool(table.head))
    if grid is None:
        return
    for row, values in zip(grid.rows, rows, strict=True):
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            paragraph = cell.paragraphs[0]
            _run(paragraph, value)
            if index in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.head:
        _bold_header(grid)


def _grid(word: WordDocument, rows: int, cols: int, header: bool) -> WordTable | None:
    """An empty data table; its header row repeats on every page, bold on light grey."""
    if rows == 0 or cols == 0:
        return None
    grid: WordTable = word.add_table(rows=rows, cols=cols)
    grid._tbl.tblPr.style = _style_ids()[TABLE_STYLE]
    if header:
        first = grid.rows[0]
        first._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell in first.cells:
            shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): HEADER_FILL}
            cell._tc.get_or_add_tcPr().append(OxmlElement("w:shd", shading))
    return grid


def _bold_header(grid: WordTable) -> None:
    for cell in grid.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _figure(word: WordDocument, figure: Figure) -> None:
    """The chart as a picture with its alt text, the caption below, then its table."""
    scale = min(RASTER_SCALE, RASTER_MAX / figure.width) if figure.width > 0 else RASTER_SCALE
    try:
        png = svg_to_png(figure.svg, round(figure.width * scale), round(figure.height * scale))
    except SvgError:
        message = gettext("The chart could not be drawn. What it shows: %(alt)s")
        _italic(word, message % {"alt": figure.alt})
    else:
        _picture(word, png, figure)
    caption = _paragraph(word, figure.title, "Caption")  # as the web page's figcaption
    if figure.caption:
        _run(caption, f" {figure.caption}" if figure.title else figure.caption)
    if figure.table is not None:
        _table(word, figure.table)


def _picture(word: WordDocument, png: bytes, figure: Figure) -> None:
    # At most the text width and most of a page high, keeping the chart's aspect ratio.
    scale = min(1.0, FIGURE_WIDTH / (figure.width * PX), FIGURE_HEIGHT / (figure.height * PX))
    paragraph = _paragraph(word)
    paragraph.paragraph_format.keep_with_next = True  # the caption stays with its chart
    width, height = Emu(round(figure.width * PX * scale)), Emu(round(figure.height * PX * scale))
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width, height)
    _alt_text(shape, figure.alt, figure.title)


def _alt_text(shape: InlineShape, descr: str, title: str) -> None:
    """What Word shows as the picture's alt text (and reads out with a screen reader)."""
    properties = shape._inline.docPr
    properties.set("descr", clean(descr))
    if title:
        properties.set("title", clean(title))


# --- A person's Markdown ---


def _markdown(word: WordDocument, source: str) -> None:
    flow = _Flow(word)
    stream = iter(markdown.tokens(source))
    for token in stream:
        if token.type == "table_open":
            _markdown_table(word, list(takewhile(lambda t: t.type != "table_close", stream)))
        else:
            flow.step(token)


@dataclass
class _Flow:
    """Where a walk through Markdown's block tokens is, and so what its next text becomes."""

    word: WordDocument
    lists: list[int | None] = field(default_factory=list)  # each open list: numId, or None
    quotes: int = 0
    heading: str | None = None
    item_start: bool = False  # the next text is the first of a list item

    def step(self, token: Token) -> None:
        match token.type:
            case "inline":
                self.text(token.children or [])
            case "fence" | "code_block":
                self.code(token.content)
            case "heading_open" | "heading_close":
                self.heading = MD_HEADINGS.get(token.tag) if token.nesting == 1 else None
            case "bullet_list_open" | "ordered_list_open":
                self.open_list(token)
            case "bullet_list_close" | "ordered_list_close":
                self.lists.pop()
            case "list_item_open":
                self.item_start = True
            case "blockquote_open" | "blockquote_close":
                self.quotes += token.nesting

    def open_list(self, token: Token) -> None:
        if token.type == "bullet_list_open":
            self.lists.append(None)
            return
        style = _level_style("List Number", len(self.lists) + 1)
        start = int(str(token.attrGet("start") or 1))
        self.lists.append(_restart_numbering(self.word, style, start))

    def style(self) -> tuple[str, int | None]:
        if self.heading:
            return self.heading, None
        if not self.lists:
            return ("Quote" if self.quotes else "Normal"), None
        if not self.item_start:
            return _level_style("List Continue", len(self.lists)), None
        num_id = self.lists[-1]
        base = "List Bullet" if num_id is None else "List Number"
        return _level_style(base, len(self.lists)), num_id

    def text(self, children: list[Token]) -> None:
        style, num_id = self.style()
        paragraph = _paragraph(self.word, "", style)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        self.item_start = False
        _inline(paragraph, children)

    def code(self, content: str) -> None:
        paragraph = _paragraph(self.word, "", self.style()[0])
        self.item_start = False
        for index, line in enumerate(content.rstrip("\n").split("\n")):
            run = _run(paragraph, line)
            run.font.name = CODE_FONT
            if index:
                run._r.insert(0, OxmlElement("w:br"))


def _level_style(base: str, depth: int) -> str:
    """A list style for a nesting depth: Word's built-in ones ("List Bullet 2") stop at 3."""
    depth = min(depth, 3)
    return base if depth == 1 else f"{base} {depth}"


def _restart_numbering(word: WordDocument, style: str, start: int) -> int:
    """A new numbering instance for an ordered list, so it counts from `start`, not on."""
    numbering = word.part.numbering_part.element
    style_num = int(word.styles.element.get_by_id(_style_ids()[style]).pPr.numPr.numId.val)
    abstract = int(numbering.num_having_numId(style_num).abstractNumId.val)
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


@dataclass
class _Runs:
    """Inline tokens as runs of a paragraph: bold, italic, code, and links."""

    paragraph: WordParagraph
    bold: int = 0
    italic: int = 0
    link: BaseOxmlElement | None = None

    def step(self, token: Token) -> None:
        match token.type:
            case "text":
                self.add(token.content)
            case "code_inline":
                self.add(token.content).font.name = CODE_FONT
            case "softbreak":
                self.add(" ")
            case "hardbreak":
                self.add("").add_break()
            case "strong_open" | "strong_close":
                self.bold += token.nesting
            case "em_open" | "em_close":
                self.italic += token.nesting
            case "link_open":
                self.link = _hyperlink(self.paragraph, str(token.attrGet("href") or ""))
            case "link_close":
                self.link = None

    def add(self, text: str) -> Run:
        run = _run(self.paragraph, text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.link is not None:
            self.link.append(run._r)
            run._r.style = _style_ids()["Hyperlink"]
        return run


def _inline(paragraph: WordParagraph, children: list[Token]) -> None:
    runs = _Runs(paragraph)
    for child in children:
        runs.step(child)


def _hyperlink(paragraph: WordParagraph, href: str) -> BaseOxmlElement | None:
    """A hyperlink to an http, https or mailto address; None (plain text) for anything else."""
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in LINK_SCHEMES:
        return None
    r_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id})
    paragraph._p.append(link)
    return link


@dataclass
class _MdCell:
    align: str
    children: list[Token] = field(default_factory=list)


def _markdown_table(word: WordDocument, tokens: list[Token]) -> None:
    rows: list[list[_MdCell]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(_MdCell(str(token.attrGet("style") or "")))
        elif token.type == "inline":
            rows[-1][-1].children = token.children or []
    grid = _grid(word, len(rows), max((len(r) for r in rows), default=0), header=True)
    if grid is None:
        return
    for row, cells in zip(grid.rows, rows, strict=True):
        for cell, md_cell in zip(row.cells, cells, strict=False):
            paragraph = cell.paragraphs[0]
            _inline(paragraph, md_cell.children)
            if "right" in md_cell.align:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif "center" in md_cell.align:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold_header(grid)
