"""The worksheet as ODT, DOCX and PDF: read back with independent readers.

The DOCX is opened with python-docx, the ODT as a zip whose content.xml is parsed
with the standard library, the PDF with pypdf. Each must show the three steps
and the action-plan table (with its "Compétences requises" column and action
A3), keep hostile text literal, and stay a valid file.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree

import docx
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.document import (
    Document,
    Heading,
    Paragraph,
    Span,
    Table,
    TitlePage,
    plain,
)
from coop_tui.interchange.documents import FORMATS, render, report
from coop_tui.interchange.render_docx import to_docx
from coop_tui.interchange.render_odt import to_odt
from coop_tui.interchange.render_pdf import to_pdf
from coop_tui.interchange.worksheet import build
from coop_tui.storage.store import PlanStore
from tests.helpers import TODAY
from tests.unit.hostile import TEXTS, hostile_plan

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}
STEPS = {
    "fr": ["Étape 1 — Les enjeux partagés", "Étape 2 — Les objectifs opérationnels",
           "Étape 3 — Le plan d'action"],
    "en": ["Step 1 — Shared stakes", "Step 2 — Operational objectives", "Step 3 — Action plan"],
}  # fmt: skip
COLUMN = {"fr": "Compétences requises", "en": "Required skills"}
TERRITORY = {"fr": "Territoire\u00a0:", "en": "Territory:"}
PAGE = {"fr": "Page 2 sur", "en": "Page 2 of"}
FRENCH = "é è ê à ù ç œ Œ « » ’ … € É À Ç ï ô û\u00a0:\u202f; 1\u00a0234\u00a0€"
FONTS = resources.files("coop_tui") / "data" / "fonts"


@pytest.fixture(scope="module")
def demo(demo_template: Path) -> PlanData:
    return PlanStore(demo_template).read()  # only read: the session's demo plan


@pytest.fixture(scope="module")
def files(demo: PlanData) -> dict[tuple[str, str], bytes]:
    """Each format in each language, rendered once for the module."""
    return {(fmt, lang): render(demo, fmt, lang, TODAY) for fmt in FORMATS for lang in ("fr", "en")}


@pytest.fixture(scope="module")
def hostile(demo: PlanData) -> dict[str, bytes]:
    plan = hostile_plan(demo)
    return {fmt: render(plan, fmt, "en", TODAY) for fmt in FORMATS}


# --- readers ------------------------------------------------------------------------


def docx_read(payload: bytes) -> tuple[list[str], list[list[list[str]]], str]:
    """(headings, tables as rows of cell texts, every paragraph's text) of a DOCX file."""
    document = docx.Document(io.BytesIO(payload))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name is not None and p.style.name.startswith("Heading")
    ]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    texts = [p.text for p in document.paragraphs]
    texts += [cell for table in tables for row in table for cell in row]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs]
    return headings, tables, "\n".join(texts)


def odt_xml(payload: bytes, name: str = "content.xml") -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        return ElementTree.fromstring(archive.read(name))


def odt_text(element: ElementTree.Element) -> str:
    """The text of an ODF element as a reader sees it (<text:s/> spaces, line breaks)."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag.split("}")[1]
        if tag == "s":
            out.append(" " * int(child.get(f"{{{NS['text']}}}c", "1")))
        elif tag == "line-break":
            out.append("\n")
        else:
            out.append(odt_text(child))
        out.append(child.tail or "")
    return "".join(out)


def odt_tables(root: ElementTree.Element) -> list[tuple[list[str], list[list[str]]]]:
    """(repeated header row, body rows) of every table, as cell texts."""
    out = []
    for table in root.iter(f"{{{NS['table']}}}table"):
        head = table.find("table:table-header-rows/table:table-row", NS)
        assert head is not None, "every table repeats its header row"
        cells = [odt_text(c) for c in head.findall("table:table-cell", NS)]
        rows = [[odt_text(c) for c in r.findall("table:table-cell", NS)]
                for r in table.findall("table:table-row", NS)]  # fmt: skip
        out.append((cells, rows))
    return out


def pdf_pages(payload: bytes) -> list[str]:
    return list(_pdf_pages(payload))


@functools.cache
def _pdf_pages(payload: bytes) -> tuple[str, ...]:
    """Each file's text extracted once: several tests read the same rendered file."""
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)


def squeeze(text: str) -> str:
    """Text without whitespace: a PDF wraps lines where the page, not the text, says."""
    return "".join(text.split())


# --- the three steps and the action plan ---------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_docx_steps_and_action_plan(files: dict[tuple[str, str], bytes], language: str) -> None:
    headings, tables, text = docx_read(files["docx", language])
    for step in STEPS[language]:
        assert step in headings
    plan = [t for t in tables if COLUMN[language] in t[0]]
    assert plan, "the action-plan table"
    assert any(row[0].startswith("A3 ") for t in plan for row in t[1:])
    assert TERRITORY[language] in text
    document = docx.Document(io.BytesIO(files["docx", language]))
    assert [s.orientation for s in document.sections] == [0, 1, 0]  # portrait, landscape, portrait
    xml = document.element.xml
    assert "w:tblHeader" in xml
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "Coop'Vernière" in document.sections[1].header.paragraphs[0].text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_odt_steps_and_action_plan(files: dict[tuple[str, str], bytes], language: str) -> None:
    root = odt_xml(files["odt", language])
    headings = [odt_text(h) for h in root.iter(f"{{{NS['text']}}}h")]
    for step in STEPS[language]:
        assert step in headings
    plan = [(head, rows) for head, rows in odt_tables(root) if COLUMN[language] in head]
    assert plan, "the action-plan table"
    assert any(row[0].startswith("A3 ") for _, rows in plan for row in rows)
    assert TERRITORY[language] in odt_text(root)
    styles = odt_xml(files["odt", language], "styles.xml")
    masters = {
        m.get(f"{{{NS['style']}}}name") for m in styles.iter(f"{{{NS['style']}}}master-page")
    }
    assert {"Cover", "Standard", "Landscape"} <= masters
    assert styles.find(".//text:page-number", NS) is not None
    assert styles.find(".//text:page-count", NS) is not None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pdf_steps_and_action_plan(files: dict[tuple[str, str], bytes], language: str) -> None:
    reader = PdfReader(io.BytesIO(files["pdf", language]))
    pages = pdf_pages(files["pdf", language])
    text = "\n".join(pages)
    for step in STEPS[language]:
        assert squeeze(step) in squeeze(text)
    plan = [p for p in pages if squeeze(COLUMN[language]) in squeeze(p)]
    assert plan and any("\nA3 " in p for p in plan)
    assert squeeze(TERRITORY[language]) in squeeze(pages[0])
    assert PAGE[language] in pages[1] and "Coop'Vernière" in pages[1]
    assert "Page" not in pages[0], "no header or footer on the title page"
    wide = [n for n, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert wide and all(squeeze(COLUMN[language]) in squeeze(pages[n]) for n in wide[:1])
    assert (
        reader.metadata is not None
        and reader.metadata.title == "Coop'Vernière – Logistique & services inclusifs"
    )


SECTIONS = {
    "fr": ["Le projet en phases", "Budget prévisionnel", "Plan de financement", "Suivi"],
    "en": ["The project in phases", "Projected budget", "Financing plan", "Steering"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_phases_money_and_steering_in_every_format(
    files: dict[tuple[str, str], bytes], language: str
) -> None:
    """The worksheet's new sections, and the lapsed approval, in all three files."""
    renew = {"fr": "à renouveler", "en": "to renew"}[language]
    headings, _, text = docx_read(files["docx", language])
    root = odt_xml(files["odt", language])
    odt = [odt_text(h) for h in root.iter(f"{{{NS['text']}}}h")]
    pdf = squeeze("\n".join(pdf_pages(files["pdf", language])))
    for title in SECTIONS[language]:
        assert title in headings and title in odt and squeeze(title) in pdf, title
    assert renew in text and renew in odt_text(root) and squeeze(renew) in pdf


def test_every_format_has_the_worksheet_headings(demo: PlanData) -> None:
    """One builder: the Document's headings are the DOCX's and the ODT's, in order."""
    document = build(demo, "fr", TODAY)
    wanted = [b.text for b in document.blocks if isinstance(b, Heading)]
    headings, _, _ = docx_read(to_docx(document))
    root = odt_xml(to_odt(document))
    odt = [odt_text(h) for h in root.iter(f"{{{NS['text']}}}h")]
    assert headings[: len(wanted)] == wanted
    assert odt[: len(wanted)] == wanted


# --- hostile text ---------------------------------------------------------------------


def _in_font(text: str) -> str:
    """`text` as the PDF prints it: � for what DejaVu Sans cannot draw."""
    drawn = _drawn_by_the_font()
    return "".join(c if ord(c) in drawn else "\ufffd" for c in text)


@functools.cache
def _drawn_by_the_font() -> frozenset[int]:
    """The code points DejaVu Sans has a glyph for (read once, not for each text)."""
    with resources.as_file(FONTS / "DejaVuSans.ttf") as path:
        return frozenset(TTFont(path).getBestCmap())


def test_hostile_text_stays_literal_in_docx(hostile: dict[str, bytes]) -> None:
    _, tables, text = docx_read(hostile["docx"])  # it re-opens
    for typed in TEXTS:
        assert plain(typed).split("\n")[0] in text, typed
    assert "\x1b" not in text and "\u202e" not in text and "\x00" not in text
    xml = docx.Document(io.BytesIO(hostile["docx"])).element.xml
    assert "<script>" not in xml and "instrText" not in xml and xml.count("<w:fldSimple") == 0
    assert all(len(row) == len(table[0]) for table in tables for row in table)


def test_hostile_text_keeps_the_odt_structure(
    files: dict[tuple[str, str], bytes], hostile: dict[str, bytes]
) -> None:
    root = odt_xml(hostile["odt"])  # well-formed XML
    text = odt_text(root)
    for typed in TEXTS:
        assert plain(typed).split("\n")[0] in text, typed
    assert "\x1b" not in text and "\u202e" not in text

    def shape(element: ElementTree.Element) -> Counter[str]:
        """Elements by name, the ones typed text adds (spaces, line breaks) left out."""
        ignored = {"s", "line-break", "tab"}
        return Counter(e.tag for e in element.iter() if e.tag.split("}")[1] not in ignored)

    assert shape(root) == shape(odt_xml(files["odt", "en"]))


def test_hostile_text_stays_literal_in_pdf(hostile: dict[str, bytes]) -> None:
    text = squeeze("\n".join(pdf_pages(hostile["pdf"])))
    for typed in TEXTS:
        assert squeeze(_in_font(plain(typed).split("\n")[0])) in text, typed
    assert "\x1b" not in text and "\u202e" not in text


def test_long_words_and_rows_taller_than_a_page() -> None:
    word = "Anticonstitutionnellement" * 200
    tall = "\n".join(f"ligne {n}" for n in range(400))
    cells = ((Span(word),), (Span(tall),), (Span("=1+1"),))
    document = Document(
        title=word, language="fr", header=word, page_label="Page {page} sur {pages}",
        blocks=(TitlePage(title=word), Heading(1, word), Paragraph((Span(word),)),
                Table(("a", "b", "c"), (cells,))),
    )  # fmt: skip
    pages = pdf_pages(to_pdf(document))
    assert len(pages) > 3

    def body(page: str) -> str:
        """A page without its running header (cut short with …) and its footer."""
        lines = page.split("\n")
        lines = lines[1:] if lines[0].endswith("…") else lines
        return "\n".join(lines[:-1] if re.fullmatch(r"Page \d+ sur \d+", lines[-1]) else lines)

    text = squeeze("\n".join(body(page) for page in pages))
    assert text.count(word) >= 3  # title, heading, paragraph: broken across lines and pages
    assert "ligne399" in text and "=1+1" in text  # the row split over pages, nothing lost
    _, tables, _ = docx_read(to_docx(document))
    assert tables[0][1] == [word, tall, "=1+1"]
    assert odt_tables(odt_xml(to_odt(document)))[0][1][0] == [word, tall, "=1+1"]


# --- fonts, French, formats, imports ---------------------------------------------------------


def test_pdf_embeds_its_fonts_and_draws_every_french_character() -> None:
    document = Document(
        title=FRENCH, language="fr", header=FRENCH, page_label="Page {page} sur {pages}",
        blocks=(TitlePage(title=FRENCH), Heading(1, FRENCH),
                Paragraph((Span(FRENCH, bold=True), Span(FRENCH))),
                Table((FRENCH,), (((Span(FRENCH),),),))),
    )  # fmt: skip
    reader = PdfReader(io.BytesIO(to_pdf(document)))
    names = set()
    for page in reader.pages:
        resources_ = cast(DictionaryObject, page["/Resources"].get_object())
        for ref in cast(DictionaryObject, resources_["/Font"].get_object()).values():
            font = cast(DictionaryObject, ref.get_object())
            assert str(font["/Subtype"]) == "/Type0"  # never one of the 14 standard fonts
            descendants = cast(list[Any], font["/DescendantFonts"].get_object())
            descendant = cast(DictionaryObject, descendants[0].get_object())
            descriptor = cast(DictionaryObject, descendant["/FontDescriptor"].get_object())
            assert "/FontFile2" in descriptor, "TrueType font embedded"
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names == {"DejaVuSansBook", "DejaVuSansBold"}
    text = reader.pages[1].extract_text()
    for char in FRENCH.replace(" ", "").replace("\u00a0", "").replace("\u202f", ""):
        assert char in text, char
    assert "\ufffd" not in "".join(p.extract_text() for p in reader.pages)


def test_unknown_format_is_refused(demo: PlanData) -> None:
    with pytest.raises(ValueError, match="unknown document format"):
        render(demo, "rtf", "fr", TODAY)


def test_libraries_load_only_for_their_format() -> None:
    """Importing the entry point and writing Markdown load none of the three libraries."""
    probe = (
        "import sys, datetime as dt\n"
        "import coop_tui.interchange.documents, coop_tui.interchange.markdown\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'odf', 'fpdf'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_same_day_same_metadata(demo: PlanData, files: dict[tuple[str, str], bytes]) -> None:
    """The creation date is the plan's day, not the clock's, so nothing leaks the hour."""
    reader = PdfReader(io.BytesIO(files["pdf", "fr"]))
    assert reader.metadata is not None and reader.metadata.creation_date is not None
    assert reader.metadata.creation_date.date() == TODAY
    properties = docx.Document(io.BytesIO(files["docx", "fr"])).core_properties
    assert properties.created is not None and properties.created.date() == TODAY
    assert properties.language == "fr-FR" and properties.author == "coop-tui"


def test_fonts_and_their_licence_ship_with_the_package() -> None:
    names = {p.name for p in Path(str(FONTS)).iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= names
    assert "Bitstream Vera" in (FONTS / "LICENSE").read_text(encoding="utf-8")


# --- the progress report ---------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(demo: PlanData) -> dict[str, bytes]:
    """The demo's progress report over its last twelve months, in each format (French)."""
    return {fmt: report(demo, fmt, "fr", TODAY) for fmt in FORMATS}


REPORT_SAYS = [
    "Bilan d'étape du 03/03/2025 au 02/03/2026",
    "Actions en retard",
    "Répondre au marché «\u00a0nettoyage et débarras des bâtiments communautaires\u00a0»",
    "Coûts des fonctions support",
    "En retard",
    "Relancer le Département sur le cofinancement du poste (A9)",
    "Décisions encore ouvertes",
    "Reste à financer",
    "Prochaines étapes",
]
"""The overdue action (A3), an indicator behind its path, an open decision, the gap."""


def test_report_in_docx_odt_and_pdf(reports: dict[str, bytes]) -> None:
    headings, tables, text = docx_read(reports["docx"])
    odt = odt_text(odt_xml(reports["odt"]))
    pdf = squeeze("\n".join(pdf_pages(reports["pdf"])))
    for said in REPORT_SAYS:
        assert said in text and said in odt and squeeze(said) in pdf, said
    assert "Actions en retard" in headings
    late = [t for t in tables if t[0][0] == "Action" and any(r[0].startswith("A3 ") for r in t)]
    assert late, "A3 in an action table"
    document = docx.Document(io.BytesIO(reports["docx"]))
    assert "bilan d'étape" in document.sections[0].header.paragraphs[0].text
    meta = PdfReader(io.BytesIO(reports["pdf"])).metadata
    assert meta is not None and meta.title is not None and meta.title.startswith("Bilan d'étape")


def test_hostile_text_stays_literal_in_every_report_format(demo: PlanData) -> None:
    plan = hostile_plan(demo)
    _, tables, text = docx_read(report(plan, "docx", "en", TODAY))
    odt = odt_text(odt_xml(report(plan, "odt", "en", TODAY)))
    pdf = squeeze("\n".join(pdf_pages(report(plan, "pdf", "en", TODAY))))
    for typed in TEXTS:
        first = plain(typed).split("\n")[0]
        assert first in text and first in odt, typed
        assert squeeze(_in_font(first)) in pdf, typed
    for seen in (text, odt, pdf):
        assert "\x1b" not in seen and "\u202e" not in seen and "\x00" not in seen
    assert all(len(row) == len(table[0]) for table in tables for row in table)


def test_a_bold_cell_leaves_the_rest_of_its_row_regular() -> None:
    """fpdf2 draws a cell without a style in the font the row used last: the report's bold
    "En retard" status made whole rows bold until every cell got its own style."""
    rows = (((Span("first"),), (Span("second"),), (Span("late", bold=True),)),
            ((Span("third"),), (Span("fourth"),), (Span("fifth"),)))  # fmt: skip
    document = Document(title="t", language="en", header="h", page_label="{page}/{pages}",
                        blocks=(Table(("a", "b", "c"), rows),))  # fmt: skip
    fonts: dict[str, str] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and font is not None:
            fonts[text.strip()] = str(font["/BaseFont"]).split("+")[-1]

    PdfReader(io.BytesIO(to_pdf(document))).pages[0].extract_text(visitor_text=visit)
    assert fonts["late"] == "DejaVuSansBold"
    assert {fonts[w] for w in ("first", "second", "third", "fourth", "fifth")} == {"DejaVuSansBook"}
