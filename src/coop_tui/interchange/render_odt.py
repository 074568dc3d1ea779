"""A `Document` as an OpenDocument text file (ODT), with odfpy.

Why odfpy: the long-standing pure-Python library for the OpenDocument format
LibreOffice writes natively, with an element per ODF element, so everything
the worksheet needs has a direct form: master pages for the running header and
the page numbers (text:page-number, text:page-count), a landscape master page
for the action plan, table:table-header-rows for a header row repeated on every
page, the built-in "Heading 1–4" styles for the outline. It escapes ``&``,
``<`` and ``>`` in text and replaces what XML cannot hold; `teletype` turns
line breaks and runs of spaces into their ODF elements, so nothing typed is
lost or read as markup.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from odf import dc, meta, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    Header,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, PageCount, PageNumber
from odf.text import Span as OdfSpan

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

FONT = "Liberation Sans"
"""Shipped with every LibreOffice, on every system; metric-compatible with Arial."""
A4 = (21.0, 29.7)
MARGIN = 1.8
COUNTRY = {"fr": "FR", "en": "GB"}
HEADINGS = {1: "16pt", 2: "13pt", 3: "11.5pt", 4: "10.5pt"}


def _text(element: Any, text: str) -> Any:
    """Add typed text to an element: escaped by odfpy, ``\\n`` as a line break."""
    teletype.addTextToElement(element, visible(text))
    return element


class _Styles:
    """Every style the document uses, declared once."""

    def __init__(self, doc: OpenDocumentText, source: Document) -> None:
        self.doc = doc
        self._count = 0
        doc.fontfacedecls.addElement(
            FontFace(
                name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable"
            )
        )
        default = DefaultStyle(family="paragraph")  # every style inherits font and language
        default.addElement(TextProperties(fontname=FONT, fontsize="10pt",
                                          language=source.language,
                                          country=COUNTRY.get(source.language, "")))  # fmt: skip
        doc.styles.addElement(default)
        self.body = self._style("Standard", "paragraph", para={"marginbottom": "0.15cm"})
        self.title = self._style("Title", "paragraph", text={"fontsize": "22pt",
                                 "fontweight": "bold", "color": "#1f3a5f"},
                                 para={"margintop": "4cm", "marginbottom": "0.6cm"})  # fmt: skip
        self.headings = {
            level: self._style(
                f"Heading_20_{level}",
                "paragraph",
                display=f"Heading {level}",
                text={"fontsize": size, "fontweight": "bold", "color": "#1f3a5f"},
                para={"margintop": "0.35cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
                outline=level,
            )
            for level, size in HEADINGS.items()
        }
        self.cell = self._style("Table_20_Contents", "paragraph", display="Table Contents",
                                text={"fontsize": "8.5pt"}, para={"marginbottom": "0cm"})  # fmt: skip
        self.small = self._style("Header_20_and_20_Footer", "paragraph",
                                 display="Header and Footer",
                                 text={"fontsize": "8pt", "color": "#646464"})  # fmt: skip
        self.footer = self._style("Footer", "paragraph", text={"fontsize": "8pt",
                                  "color": "#646464"}, para={"textalign": "center"})  # fmt: skip
        self.bold = self._auto("text", TextProperties(fontweight="bold"))
        self.italic = self._auto("text", TextProperties(fontstyle="italic"))
        self.bold_italic = self._auto("text", TextProperties(fontweight="bold", fontstyle="italic"))
        border = "0.5pt solid #000000"
        self.td = self._auto("table-cell", TableCellProperties(border=border, padding="0.1cm"))
        self.th = self._auto("table-cell", TableCellProperties(border=border, padding="0.1cm",
                                                               backgroundcolor="#dee6f0"))  # fmt: skip
        self.signature_row = self._auto("table-row", TableRowProperties(minrowheight="2.4cm",
                                                                        keeptogether="always"))  # fmt: skip
        bullets = ListStyle(name="Bullets")
        level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="0.2cm", minlabelwidth="0.5cm"))
        bullets.addElement(level)
        doc.automaticstyles.addElement(bullets)
        self.bullets = bullets

    def _style(self, name: str, family: str, *, display: str = "", text: dict[str, str] | None = None,
               para: dict[str, str] | None = None, outline: int = 0) -> Style:  # fmt: skip
        style = Style(name=name, family=family, displayname=display or name)
        if outline:
            style.setAttribute("defaultoutlinelevel", str(outline))
        if para:
            style.addElement(ParagraphProperties(**para))
        if text:
            style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def _auto(self, family: str, *properties: Any, **attributes: str) -> Style:
        self._count += 1
        style = Style(name=f"A{self._count}", family=family, **attributes)
        for prop in properties:
            style.addElement(prop)
        self.doc.automaticstyles.addElement(style)
        return style

    def starting(self, base: Style, master: str) -> Style:
        """`base` as the first paragraph of a page on master page `master`."""
        return self._auto("paragraph", parentstylename=base, masterpagename=master)

    def table(self, width: float, columns: list[float]) -> tuple[Style, list[Style]]:
        table = self._auto("table", TableProperties(width=f"{width:.2f}cm", align="left"))
        cols = [self._auto("table-column", TableColumnProperties(columnwidth=f"{c:.2f}cm"))
                for c in columns]  # fmt: skip
        return table, cols

    def span(self, span: Span) -> Style | None:
        if span.bold and span.italic:
            return self.bold_italic
        return self.bold if span.bold else self.italic if span.italic else None


def _pages(doc: OpenDocumentText, styles: _Styles, source: Document) -> None:
    """Page layouts and master pages: the cover (no header), portrait and landscape."""
    before, between, after = page_label_parts(source.page_label)
    for name, (width, height) in (("Cover", A4), ("Standard", A4), ("Landscape", A4[::-1])):
        layout = PageLayout(name=f"Layout{name}")
        layout.addElement(PageLayoutProperties(
            pagewidth=f"{width}cm", pageheight=f"{height}cm", margin=f"{MARGIN}cm",
            printorientation="landscape" if width > height else "portrait"))  # fmt: skip
        doc.automaticstyles.addElement(layout)
        master = MasterPage(name=name, pagelayoutname=layout)
        if name == "Cover":
            master.setAttribute("nextstylename", "Standard")
        else:
            header = Header()
            header.addElement(_text(P(stylename=styles.small), source.header))
            line = P(stylename=styles.footer)
            _text(line, before)
            line.addElement(PageNumber(selectpage="current"))
            _text(line, between)
            line.addElement(PageCount())
            _text(line, after)
            footer = Footer()
            footer.addElement(line)
            master.addElement(header)
            master.addElement(footer)
        doc.masterstyles.addElement(master)


class _Writer:
    """Writes blocks in order; a page or orientation change waits for the next paragraph."""

    def __init__(self, doc: OpenDocumentText, styles: _Styles) -> None:
        self.doc = doc
        self.styles = styles
        self.master = "Cover"
        self.pending: str | None = "Cover"
        """The master page the next paragraph must start (a new page), if any."""
        self.tables = 0

    def add(self, element: Any) -> None:
        self.doc.text.addElement(element)

    def style(self, base: Style) -> Style:
        """`base`, or a copy that starts a new page when a page change is pending."""
        if self.pending is None:
            return base
        style, self.pending = self.styles.starting(base, self.pending), None
        return style

    def flush(self) -> None:
        """Before a table or a list, which cannot start a page: an empty paragraph that does."""
        if self.pending is not None:
            self.add(P(stylename=self.style(self.styles.body)))

    def spans(self, element: Any, content: Spans) -> Any:
        for span in content:
            style = self.styles.span(span)
            if style is None:
                _text(element, span.text)
            else:
                element.addElement(_text(OdfSpan(stylename=style), span.text))
        return element

    def block(self, block: Block) -> None:
        if isinstance(block, TitlePage):
            self.title_page(block)
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            heading = H(outlinelevel=level, stylename=self.style(self.styles.headings[level]))
            self.add(_text(heading, block.text))
        elif isinstance(block, Paragraph):
            self.paragraph(block.content)
        elif isinstance(block, BulletList):
            self.bullets(block.items)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.pending = self.master
        elif isinstance(block, Section):
            self.master = self.pending = "Landscape" if block.landscape else "Standard"
        elif isinstance(block, Approvals):
            self.approvals(block)
        else:
            raise TypeError(f"unknown block {block!r}")

    def paragraph(self, content: Spans, base: Style | None = None) -> None:
        self.add(self.spans(P(stylename=self.style(base or self.styles.body)), content))

    def bullets(self, items: tuple[Spans, ...]) -> None:
        self.flush()
        listing = List(stylename=self.styles.bullets)
        for item in items:
            entry = ListItem()
            entry.addElement(self.spans(P(stylename=self.styles.body), item))
            listing.addElement(entry)
        self.add(listing)

    def title_page(self, page: TitlePage) -> None:
        self.add(_text(P(stylename=self.style(self.styles.title)), page.title))
        if page.description:
            self.paragraph((Span(page.description),))
        for fact in page.facts:
            self.paragraph(fact)
        if page.partners:
            self.paragraph((Span(page.partners_label, bold=True),))
            self.bullets(tuple((Span(name),) for name in page.partners))
        if page.dated:
            self.paragraph((Span(page.dated, italic=True),))
        self.master = self.pending = "Standard"

    def table(self, table: Table, row_style: Style | None = None) -> None:
        self.flush()
        width = (A4[1] if self.master == "Landscape" else A4[0]) - 2 * MARGIN
        weights = table.widths or tuple(1.0 for _ in table.headers)
        columns = [width * w / sum(weights) for w in weights]
        table_style, column_styles = self.styles.table(width, columns)
        self.tables += 1
        grid = OdfTable(name=f"Table{self.tables}", stylename=table_style)
        for style in column_styles:
            grid.addElement(TableColumn(stylename=style))
        head = TableRow()
        for text in table.headers:
            head.addElement(self.cell((Span(text, bold=True),), self.styles.th))
        repeated = TableHeaderRows()  # repeated at the top of every page
        repeated.addElement(head)
        grid.addElement(repeated)
        for values in table.rows:
            row = TableRow(stylename=row_style) if row_style is not None else TableRow()
            for content in values:
                row.addElement(self.cell(content, self.styles.td))
            grid.addElement(row)
        self.add(grid)

    def cell(self, content: Spans, style: Style) -> TableCell:
        cell = TableCell(valuetype="string", stylename=style)
        cell.addElement(self.spans(P(stylename=self.styles.cell), content))
        return cell

    def approvals(self, block: Approvals) -> None:
        self.block(Heading(1, block.title))
        self.paragraph((Span(block.intro),))
        rows = tuple(
            ((Span(s.organisation, bold=True),), (Span(s.person),) if s.person else (), (), ())
            for s in block.signatories
        )
        self.table(Table(block.labels, rows, (3, 3, 1.6, 3)), self.styles.signature_row)


def _meta(doc: OpenDocumentText, source: Document) -> None:
    doc.meta.addElement(_text(dc.Title(), source.title))
    doc.meta.addElement(dc.Language(text=f"{source.language}-{COUNTRY.get(source.language, '')}"))
    if source.day is not None:
        moment = dt.datetime.combine(source.day, dt.time()).isoformat()
        doc.meta.addElement(meta.CreationDate(text=moment))
        doc.meta.addElement(dc.Date(text=moment))


def to_odt(document: Document) -> bytes:
    """`document` as the bytes of an ODT file (A4; landscape pages where it says so)."""
    doc = OpenDocumentText()
    styles = _Styles(doc, document)
    _pages(doc, styles, document)
    _meta(doc, document)
    writer = _Writer(doc, styles)
    for block in document.blocks:
        writer.block(block)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


__all__ = ["to_odt"]
