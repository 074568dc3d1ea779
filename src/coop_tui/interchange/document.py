"""A neutral document: what the worksheet says, before any file format.

One builder (`worksheet.py`) writes a `Document`; one renderer per format
(Markdown, DOCX, ODT, PDF) turns it into a file. A renderer only decides how a
block looks, never what it says, so the four files cannot drift apart.

The blocks are a deliberately small vocabulary, the one the worksheet needs:
a title page, headings, paragraphs of plain-text spans (bold or italic at
most), bullet lists, tables, page and orientation changes, and a block where
partners sign. Every text in a Document has passed through `plain()`, so a
renderer may trust it to hold no control character, no bidi override and no
lone surrogate; what it must still do is escape for its own syntax (XML, the
Markdown punctuation), which python-docx and odfpy do for us.

Pure Python, no third-party import: the Markdown export, which the quick CLI
runs, uses it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TypeAlias

from coop_tui.text import clean

REPLACEMENT = "\ufffd"
"""What stands for a character we must not pass on (a bidi override, a lone surrogate)."""

_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
"""Bidi embeddings and overrides (U+202A–U+202E), bidi isolates (U+2066–U+2069):
they would reorder the text around them, so "txt.exe" could read as "exe.txt".
Lone surrogates and the non-characters U+FFFE/U+FFFF: XML cannot hold them, and
python-docx and odfpy would fail to write the file."""


def visible(text: str) -> str:
    """`text` with nothing in it that could act instead of being read.

    Line ends of any kind (CRLF, CR, U+2028, U+2029) become ``\\n``, which every
    renderer shows as a line break; a tab becomes a space; the other control
    characters become their visible pictures (``\\x1b`` shows as ␛, see
    `text.clean`); bidi controls, lone surrogates and non-characters become �.
    Everything else is kept as typed: accents, no-break spaces, emoji,
    right-to-left letters. Every renderer passes every string through it, so a
    document is safe even where a builder forgot `plain()`.
    """
    if text.isprintable() and not _UNSAFE.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\t", " ")
    return _UNSAFE.sub(REPLACEMENT, clean(text, multiline=True))


def plain(text: str) -> str:
    """User text as a Document holds it: `visible()`, each line trimmed.

    Trimmed because leading spaces mean something in Markdown (code) and
    nothing a reader would miss elsewhere.
    """
    return "\n".join(line.strip() for line in visible(text).split("\n")).strip()


# --- inline text ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style. ``\\n`` in `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


Spans: TypeAlias = tuple[Span, ...]
"""A paragraph, a list item or a table cell: spans one after the other."""


def spans(*parts: str | Span) -> Spans:
    """Spans from strings (plain) and Spans, empty strings left out."""
    out = [Span(p) if isinstance(p, str) else p for p in parts]
    return tuple(s for s in out if s.text)


def text_of(content: Spans) -> str:
    """The words of `content`, styles left out."""
    return "".join(s.text for s in content)


# --- blocks ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitlePage:
    """The cover: what the document is about, for whom, and as of when.

    Paged renderers give it a page of its own, without the running header.
    """

    title: str
    description: str = ""
    facts: tuple[Spans, ...] = ()
    """"Label: value" lines: territory, period."""
    partners_label: str = ""
    partners: tuple[str, ...] = ()
    """The partner organisations' names, in worksheet order."""
    dated: str = ""
    """The line that says when (and from which revision) it was produced."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading. Level 1 is a step of the worksheet; the title page is above it."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Spans


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Spans, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row, repeated at the top of every page it spans."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Spans, ...], ...]
    widths: tuple[float, ...] = ()
    """Relative column widths (any unit: only the ratios count); empty: equal."""

    def __post_init__(self) -> None:
        if self.widths and len(self.widths) != len(self.headers):
            raise ValueError("one width per column")
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError("one cell per column in every row")


@dataclass(frozen=True, slots=True)
class PageBreak:
    """What follows starts on a new page."""


@dataclass(frozen=True, slots=True)
class Section:
    """What follows starts on a new page, in portrait or landscape.

    Wide tables (the action plan's six columns) go on landscape pages.
    """

    landscape: bool


@dataclass(frozen=True, slots=True)
class Signatory:
    organisation: str
    person: str = ""
    """Who is expected to sign; left blank to be written in by hand."""


@dataclass(frozen=True, slots=True)
class Approvals:
    """Where each partner organisation signs: organisation, person, date, signature.

    Paged renderers give it its title as a first-level heading, keep each row on
    one page and leave room to sign; Markdown, which nobody signs, leaves it out.
    """

    title: str
    intro: str
    labels: tuple[str, str, str, str]
    """Column titles: organisation, person, date, signature."""
    signatories: tuple[Signatory, ...]


Block: TypeAlias = (
    TitlePage | Heading | Paragraph | BulletList | Table | PageBreak | Section | Approvals
)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document and what paged formats repeat on every page."""

    title: str
    language: str
    """'fr' or 'en': spelling and hyphenation in word processors, the PDF's /Lang."""
    header: str
    """The running header: the project's title and the plan's revision."""
    page_label: str
    """The footer, with ``{page}`` and ``{pages}`` fields: "Page {page} / {pages}"."""
    blocks: tuple[Block, ...] = field(default=())
    day: dt.date | None = None
    """The day it is written as of: the files' creation date, so the same plan on the
    same day gives the same metadata."""


def page_label_parts(template: str) -> tuple[str, str, str]:
    """(before, between, after) around ``{page}`` and ``{pages}`` in a footer template.

    Each format has its own page-number field; this lets every renderer place
    them in the catalog's words. A template without the fields gives its text
    first and numbers after it.
    """
    if "{page}" in template and "{pages}" in template:
        before, rest = template.split("{page}", 1)
        if "{pages}" in rest:
            between, after = rest.split("{pages}", 1)
            return before, between, after
    return template + " ", " / ", ""


__all__ = [
    "Approvals",
    "Block",
    "BulletList",
    "Document",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Section",
    "Signatory",
    "Span",
    "Spans",
    "Table",
    "TitlePage",
    "page_label_parts",
    "plain",
    "spans",
    "text_of",
    "visible",
]
