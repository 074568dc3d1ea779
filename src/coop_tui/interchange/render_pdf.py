"""A `Document` as PDF, with fpdf2 and the DejaVu Sans font shipped in the package.

Why fpdf2: pure Python (its one compiled dependency, Pillow, ships wheels), no
system library (no Cairo, Pango or LaTeX), embeds a subset of a TrueType font
with its ToUnicode map (so the text can be searched and extracted), repeats a
table's header row on every page, and treats text as text: with
``markdown=False`` nothing in a cell is ever interpreted.

Why DejaVu Sans: freely licensed (Bitstream Vera licence, see
data/fonts/LICENSE), and it has every character French needs (é è ê à ù ç œ
« » ’ …, no-break spaces, €) and then some (Greek, Cyrillic, Hebrew, Arabic).
A character it lacks (an emoji, the control pictures ␛) is printed as �:
fpdf2 would otherwise drop it without a trace. Italic is shown in grey, which
saves shipping a third font file for the few italic words the worksheet has.
"""

from __future__ import annotations

import datetime as dt
import math
from contextlib import ExitStack
from importlib import resources
from typing import cast

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableCellFillMode, VAlign
from fpdf.fonts import TTFFont

from coop_tui.interchange.document import (
    REPLACEMENT,
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
    text_of,
    visible,
)

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
TOTAL_PAGES = "\x1fnb\x1f"
"""fpdf2's placeholder for the number of pages. It holds a control character,
which `visible()` never lets through, so no typed text can turn into it."""

MARGIN = 15.0
TOP = 18.0
BODY, SMALL, CELL = 9.5, 7.5, 8.0
"""Font sizes (pt): paragraphs, header and footer, table cells."""
LINE, CELL_LINE, PAD = 4.8, 3.8, 1.2
"""Line heights and cell padding (mm)."""
HEADINGS = {1: 15.0, 2: 12.5, 3: 11.0, 4: 10.0}
INK, GREY, ACCENT, HEAD_FILL = (20, 20, 20), (100, 100, 100), (31, 58, 95), (222, 230, 240)
BOLD, REGULAR = FontFace(emphasis="BOLD"), FontFace(emphasis="NONE")
"""A table cell's two styles."""
SIGNATURE_ROW = 24.0
"""Height of an approval row (mm): room for a signature."""


class _Pdf(FPDF):
    """FPDF with the running header and the page footer (none on the title page)."""

    def __init__(self, document: Document) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.document = document
        self.clean = _Glyphs(set())
        """Set once the fonts are loaded (see `to_pdf`)."""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", SMALL)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, 8)
        self.cell(self.epw, 4, _fit(self, self.clean(self.document.header), self.epw))
        self.set_draw_color(*GREY)
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        self.set_text_color(*INK)
        self.set_xy(self.l_margin, TOP)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        before, between, after = (self.clean(p) for p in page_label_parts(self.document.page_label))
        self.set_font(FONT, "", SMALL)
        self.set_text_color(*GREY)
        self.set_y(-10)
        self.cell(0, 4, f"{before}{self.page_no()}{between}{TOTAL_PAGES}{after}", align="C")
        self.set_text_color(*INK)


class _Glyphs:
    """Text as the font can draw it: `visible()`, then � for what the font lacks."""

    def __init__(self, known: set[int]) -> None:
        self.known = known

    def __call__(self, text: str) -> str:
        text = visible(text)
        if all(ord(c) in self.known for c in text if c != "\n"):
            return text
        return "".join(c if c == "\n" or ord(c) in self.known else REPLACEMENT for c in text)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` on one line, cut with … where it would be wider than `width`."""
    text = " ".join(text.split())
    if pdf.get_string_width(text) <= width:
        return text
    low, high = 0, len(text)  # the longest cut that fits, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if pdf.get_string_width(text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


class _Writer:
    """Writes blocks one after the other, keeping track of the page's orientation."""

    def __init__(self, pdf: _Pdf) -> None:
        self.pdf = pdf
        self.clean = pdf.clean
        self.landscape = False
        self.outline_level = -1

    def new_page(self) -> None:
        self.pdf.add_page(orientation="L" if self.landscape else "P")

    def fresh(self) -> bool:
        """Nothing written on this page yet."""
        return self.pdf.y <= TOP + 0.01

    def block(self, block: Block) -> None:
        if isinstance(block, TitlePage):
            self.title_page(block)
        elif isinstance(block, Heading):
            self.heading(block.level, block.text)
        elif isinstance(block, Paragraph):
            self.paragraph(block.content)
        elif isinstance(block, BulletList):
            for item in block.items:
                self.bullet(item)
            self.pdf.ln(2)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            if not self.fresh():
                self.new_page()
        elif isinstance(block, Section):
            if block.landscape != self.landscape or not self.fresh():
                self.landscape = block.landscape
                self.new_page()
        elif isinstance(block, Approvals):
            self.approvals(block)
        else:
            raise TypeError(f"unknown block {block!r}")

    # --- text -------------------------------------------------------------------

    def spans(self, content: Spans, size: float = BODY, height: float = LINE) -> None:
        """Spans flowing as one paragraph from the current position (bold; italic in grey)."""
        pdf = self.pdf
        for span in content:
            pdf.set_font(FONT, "B" if span.bold else "", size)
            pdf.set_text_color(*(GREY if span.italic else INK))
            pdf.write(height, self.clean(span.text))
        pdf.set_text_color(*INK)

    def paragraph(self, content: Spans) -> None:
        self.pdf.set_x(self.pdf.l_margin)
        self.spans(content)
        self.pdf.ln(LINE + 1.5)

    def bullet(self, item: Spans) -> None:
        pdf = self.pdf
        left = pdf.l_margin
        pdf.set_font(FONT, "", BODY)
        pdf.set_x(left)
        pdf.cell(5, LINE, "•")
        pdf.set_left_margin(left + 5)
        self.spans(item)
        pdf.set_left_margin(left)
        pdf.ln(LINE + 0.5)

    def heading(self, level: int, text: str) -> None:
        pdf = self.pdf
        size = HEADINGS.get(level, BODY)
        if pdf.will_page_break(size + 25):  # a heading is never alone at the foot of a page
            self.new_page()
        if not self.fresh():
            pdf.ln(size * 0.35)
        self.outline_level = min(level - 1, self.outline_level + 1)
        pdf.start_section(" ".join(self.clean(text).split())[:200], max(self.outline_level, 0))
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*ACCENT)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(0, size * 0.5, self.clean(text), align="L")
        pdf.set_text_color(*INK)
        pdf.ln(size * 0.2)

    # --- pages ------------------------------------------------------------------

    def title_page(self, page: TitlePage) -> None:
        pdf = self.pdf
        pdf.set_y(55)
        pdf.set_font(FONT, "B", 22)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 10, self.clean(page.title), align="L")
        pdf.set_text_color(*INK)
        pdf.ln(6)
        if page.description:
            pdf.set_font(FONT, "", 10.5)
            pdf.multi_cell(0, 5.4, self.clean(page.description), align="L")
            pdf.ln(6)
        for fact in page.facts:
            self.paragraph(fact)
        if page.partners:
            pdf.ln(3)
            self.paragraph((*_bold(page.partners_label),))
            for name in page.partners:
                self.bullet(_plain(name))
        if page.dated:
            pdf.ln(8)
            pdf.set_font(FONT, "", BODY)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(0, LINE, self.clean(page.dated), align="L")
            pdf.set_text_color(*INK)
        self.new_page()

    # --- tables -----------------------------------------------------------------

    def table(self, table: Table, row_height: float | None = None) -> None:
        pdf = self.pdf
        widths = table.widths or tuple(1.0 for _ in table.headers)
        columns = [pdf.epw * w / sum(widths) - 2 * PAD for w in widths]
        pdf.set_font(FONT, "", CELL)
        if pdf.will_page_break(CELL_LINE * 4 + 4 * PAD):  # no header row alone at the foot
            self.new_page()
        head = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
        with pdf.table(
            width=pdf.epw, col_widths=widths, text_align="LEFT", v_align=VAlign.T,
            line_height=CELL_LINE, padding=PAD, repeat_headings=1, headings_style=head,
            cell_fill_mode=TableCellFillMode.NONE,
        ) as grid:  # fmt: skip
            row = grid.row()
            for header in table.headers:
                row.cell(self.clean(header))
            for cells in table.rows:
                for part in self.row_parts(cells, columns):
                    row = grid.row(min_height=row_height)
                    for text, bold in part:
                        # Always a style: fpdf2 draws a cell without one in the font the row
                        # used last, so a bold last cell would make the whole row bold.
                        row.cell(text, style=BOLD if bold else REGULAR)
        pdf.ln(3)

    def row_parts(
        self, cells: tuple[Spans, ...], columns: list[float]
    ) -> list[list[tuple[str, bool]]]:
        """A row, split into several where it would be taller than a page (fpdf2 cannot
        break a row across pages): each part holds the next lines of every cell."""
        pdf = self.pdf
        texts = [(self.clean(text_of(c)), all(s.bold for s in c)) for c in cells]
        room = max(4, math.floor((pdf.eph - 3 * CELL_LINE - 6 * PAD) * 0.85 / CELL_LINE))
        if all(self.most_lines(text, bold, width) <= room
               for (text, bold), width in zip(texts, columns, strict=True)):  # fmt: skip
            return [texts]  # the usual case, without wrapping every cell twice
        lines: list[list[str]] = []
        for (text, bold), width in zip(texts, columns, strict=True):
            pdf.set_font(FONT, "B" if bold else "", CELL)
            wrapped = pdf.multi_cell(max(width, 1), CELL_LINE, text, dry_run=True,
                                     output=MethodReturnValue.LINES)  # fmt: skip
            lines.append(list(cast(list[str], wrapped)))
        pdf.set_font(FONT, "", CELL)
        tallest = max((len(cell) for cell in lines), default=1)
        return [
            [
                ("\n".join(cell[start : start + room]), bold)
                for cell, (_, bold) in zip(lines, texts, strict=True)
            ]
            for start in range(0, tallest, room)
        ]

    def most_lines(self, text: str, bold: bool, width: float) -> int:
        """At most how many lines `text` wraps to in a column `width` wide.

        Two wrapped lines in a row are together wider than the column (else the
        second's first word would have fitted on the first), so a line of text W
        wide takes at most 2·W/width + 1 lines; one more for safety.
        """
        self.pdf.set_font(FONT, "B" if bold else "", CELL)
        width = max(width, 1)
        return sum(int(2 * self.pdf.get_string_width(line) / width) + 2
                   for line in text.split("\n"))  # fmt: skip

    def approvals(self, block: Approvals) -> None:
        self.heading(1, block.title)
        self.paragraph(_plain(block.intro))
        rows = tuple((_bold(s.organisation), _plain(s.person), (), ()) for s in block.signatories)
        self.table(Table(block.labels, rows, (3, 3, 1.6, 3)), row_height=SIGNATURE_ROW)


def _plain(text: str) -> Spans:
    return (Span(text),) if text else ()


def _bold(text: str) -> Spans:
    return (Span(text, bold=True),) if text else ()


def to_pdf(document: Document) -> bytes:
    """`document` as the bytes of a PDF file (A4, fonts embedded)."""
    with ExitStack() as stack:
        paths = {
            style: stack.enter_context(resources.as_file(
                resources.files("coop_tui") / "data" / "fonts" / name))
            for style, name in FONT_FILES.items()
        }  # fmt: skip
        pdf = _Pdf(document)
        for style, path in paths.items():
            pdf.add_font(FONT, style, path)
    maps = [set(f.cmap) for f in pdf.fonts.values() if isinstance(f, TTFFont)]
    pdf.clean = _Glyphs(set.intersection(*maps))
    pdf.alias_nb_pages(TOTAL_PAGES)
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(pdf.clean(document.title))
    pdf.set_lang(document.language)
    pdf.set_creator("coop-tui")
    if document.day is not None:
        pdf.set_creation_date(dt.datetime.combine(document.day, dt.time(), dt.UTC))
    pdf.add_page()
    writer = _Writer(pdf)
    for block in document.blocks:
        writer.block(block)
    return bytes(pdf.output())


__all__ = ["to_pdf"]
