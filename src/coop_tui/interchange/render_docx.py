"""A `Document` as a Word file (DOCX), with python-docx.

Why python-docx: the well-kept library for writing DOCX from Python (pure
Python over lxml), with real Word styles (Title, Heading 1–4, List Bullet,
Table Grid) so the file opens with a navigable outline in Word and LibreOffice
and partners can restyle it; text goes in as XML text nodes that lxml escapes,
so a ``<``, ``&`` or ``]`` is never markup. What python-docx has no API for
(page-number fields, a header row repeated on every page, a row that must not
split) is a few lines of WordprocessingML below.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor

from coop_tui.interchange.document import (
    Approvals,
    Block,
    BulletList,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Section,
    Span,
    Spans,
    Table,
    TitlePage,
    page_label_parts,
    visible,
)

FONT = "Arial"
"""On every Windows and Mac; LibreOffice shows it with the metric-compatible Liberation Sans."""
CELL_STYLE = "Table Text"
HEAD_FILL = "DEE6F0"
GREY = RGBColor(0x64, 0x64, 0x64)
A4 = (Cm(21.0), Cm(29.7))
LOCALE = {"fr": "fr-FR", "en": "en-GB"}


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _font(style: Any, name: str) -> None:
    """`style` in font `name`, whatever the template's theme fonts say."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), name)


def _row_flag(row: Any, name: str) -> None:
    """Set a row property python-docx has no API for: w:cantSplit, w:tblHeader.

    In the schema's order (Word rejects a file whose elements are out of order):
    cantSplit before trHeight, tblHeader after both.
    """
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    properties = row._tr.get_or_add_trPr()
    if name == "w:cantSplit":
        properties.insert(0, flag)
    else:
        properties.append(flag)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.source = document
        self.doc = new_document()
        self.landscape = False
        self.cell_style_id = self._styles(document.language)
        self._first_section()

    # --- set-up -------------------------------------------------------------------

    def _styles(self, language: str) -> str:
        """The document's styles; returns the id of the table cells' style."""
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10)
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            _font(styles[name], FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LOCALE.get(language, language))
        normal.element.get_or_add_rPr().append(lang)
        cell = styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(8.5)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.space_before = Pt(0)
        return str(cell.style_id)

    def cell_paragraph(self, cell: Any) -> Any:
        """The cell's paragraph, in the cell style.

        Set as its style id: python-docx's `paragraph.style = …` looks through every
        style of the document to find the default one, for each cell (three quarters
        of the time a worksheet took to write). The XML is the same.
        """
        paragraph = cell.paragraphs[0]
        paragraph._p.style = self.cell_style_id
        return paragraph

    def _first_section(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.8))
        section.different_first_page_header_footer = True  # no header on the title page
        header = section.header.paragraphs[0]
        header.text = visible(self.source.header)
        header.runs[0].font.size = Pt(8)
        header.runs[0].font.color.rgb = GREY
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, between, after = page_label_parts(self.source.page_label)
        footer.add_run(visible(before))
        _field(footer, "PAGE")
        footer.add_run(visible(between))
        _field(footer, "NUMPAGES")
        footer.add_run(visible(after))

    # --- blocks -------------------------------------------------------------------

    def block(self, block: Block) -> None:
        if isinstance(block, TitlePage):
            self.title_page(block)
        elif isinstance(block, Heading):
            self.doc.add_heading(visible(block.text), min(block.level, 9))
        elif isinstance(block, Paragraph):
            self.spans(self.doc.add_paragraph(), block.content)
        elif isinstance(block, BulletList):
            for item in block.items:
                self.spans(self.doc.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.page_break()
        elif isinstance(block, Section):
            self.section(block.landscape)
        elif isinstance(block, Approvals):
            self.approvals(block)
        else:
            raise TypeError(f"unknown block {block!r}")

    @staticmethod
    def spans(paragraph: Any, content: Spans) -> Any:
        for span in content:
            run = paragraph.add_run(visible(span.text))  # "\n" becomes a line break
            run.bold = span.bold or None
            run.italic = span.italic or None
        return paragraph

    def title_page(self, page: TitlePage) -> None:
        doc = self.doc
        title = doc.add_paragraph(visible(page.title), style="Title")
        title.paragraph_format.space_before = Pt(110)
        if page.description:
            doc.add_paragraph(visible(page.description))
        for fact in page.facts:
            self.spans(doc.add_paragraph(), fact)
        if page.partners:
            self.spans(doc.add_paragraph(), (Span(page.partners_label, bold=True),))
            for name in page.partners:
                doc.add_paragraph(visible(name), style="List Bullet")
        if page.dated:
            dated = doc.add_paragraph()
            dated.paragraph_format.space_before = Pt(24)
            run = dated.add_run(visible(page.dated))
            run.italic = True
            run.font.color.rgb = GREY
        self.page_break()

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def section(self, landscape: bool) -> None:
        """A new page in the other orientation; header and footer carry on."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        self.landscape = landscape

    def usable_width(self) -> int:
        section = self.doc.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set by us
        return int(width - left - right)

    def table(self, table: Table, row_height: Length | None = None) -> None:
        widths = table.widths or tuple(1.0 for _ in table.headers)
        columns = [int(self.usable_width() * w / sum(widths)) for w in widths]
        grid = self.doc.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        grid.autofit = False
        for column, width in zip(grid.columns, columns, strict=True):
            column.width = width  # LibreOffice reads the grid, Word the cells
        head = grid.rows[0]
        _row_flag(head, "w:cantSplit")
        _row_flag(head, "w:tblHeader")  # repeated at the top of every page
        for cell, text, width in zip(head.cells, table.headers, columns, strict=True):
            cell.width = width
            _shade(cell, HEAD_FILL)
            self.spans(self.cell_paragraph(cell), (Span(text, bold=True),))
        for values in table.rows:
            row = grid.add_row()
            if row_height is not None:
                row.height = row_height
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
                _row_flag(row, "w:cantSplit")
            for cell, content, width in zip(row.cells, values, columns, strict=True):
                cell.width = width
                self.spans(self.cell_paragraph(cell), content)
        self.doc.add_paragraph()  # Word glues two tables in a row together

    def approvals(self, block: Approvals) -> None:
        self.doc.add_heading(visible(block.title), 1)
        self.doc.add_paragraph(visible(block.intro))
        rows = tuple(
            ((Span(s.organisation, bold=True),), (Span(s.person),) if s.person else (), (), ())
            for s in block.signatories
        )
        self.table(Table(block.labels, rows, (3, 3, 1.6, 3)), row_height=Cm(2.4))

    def properties(self) -> None:
        props = self.doc.core_properties
        title = " ".join(visible(self.source.title).split())
        props.title = title if len(title) <= 255 else title[:254] + "…"  # Word's limit
        props.language = LOCALE.get(self.source.language, self.source.language)
        props.author = props.last_modified_by = "coop-tui"
        props.comments = ""
        props.revision = 1
        if self.source.day is not None:
            moment = dt.datetime.combine(self.source.day, dt.time())
            props.created = props.modified = moment


def to_docx(document: Document) -> bytes:
    """`document` as the bytes of a DOCX file (A4; landscape sections where it says so)."""
    writer = _Writer(document)
    for block in document.blocks:
        writer.block(block)
    writer.properties()
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


__all__ = ["to_docx"]
