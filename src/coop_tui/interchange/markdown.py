"""The filled-in worksheet as Markdown, for partners and funders (SPEC §8).

What it says comes from `worksheet.build()`, the same Document the ODT, DOCX
and PDF files print; this module only decides how each block looks in
GitHub-flavoured Markdown. Markdown has no pages: page and orientation changes
are left out, the title page is the title and its facts, and the approvals
block, which nobody signs in Markdown, is left out too.

User text is data: `escape()` backslash-escapes everything Markdown (or GitHub's
renderer) would interpret, so a title like ``| # [x](y) `z` $a$`` prints as
typed and never breaks a table; a line break is ``<br>``, the one piece of HTML
written. No Textual or Rich here: the fast CLI imports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.document import (
    Approvals,
    Block,
    BulletList,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Section,
    Spans,
    Table,
    TitlePage,
    plain,
    spans,
    visible,
)
from coop_tui.interchange.worksheet import build

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
"""Backslash, code, emphasis, links, HTML, headings, table cells, strikethrough, maths."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
"""A list item, a setext underline or a numbered item, when a line starts with it."""


def escape(text: str) -> str:
    """Text as inert, one-line Markdown: nothing interpreted, line breaks as ``<br>``."""
    text = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", visible(text)))
    return text.replace("\n", "<br>")


def _block_start(text: str) -> str:
    """`text` made safe to start a paragraph or a list item, where a leading ``-``,
    ``+``, ``=`` or ``1.`` would make a list, a heading underline or a numbered item."""
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                            else m.group(2) + "\\" + m.group(3), text)  # fmt: skip


def inline(text: str, *, block: bool = False) -> str:
    """User text as inert, one-line Markdown: each line trimmed, joined by ``<br>``.

    `block`: the text starts a paragraph (see `_block_start`).
    """
    out = escape(plain(text))
    return _block_start(out) if block else out


def render_spans(content: Spans, *, block: bool = False) -> str:
    """Spans as Markdown: ``**bold**``, ``*italic*``, everything else escaped."""
    out = []
    for span in content:
        core = span.text.strip()
        if not (span.bold or span.italic) or not core:
            out.append(escape(span.text))
            continue
        # Spaces and line breaks stay outside the markers: "*<br>x*" or "** x**" would
        # not open an emphasis, and the asterisks would show.
        before, _, after = span.text.partition(core)
        text = escape(core)
        if span.bold:
            text = f"**{text}**"
        if span.italic:
            text = f"*{text}*"
        out.append(escape(before) + text + escape(after))
    joined = "".join(out)
    return _block_start(joined) if block else joined


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in table.headers) + " |",
             "|" + "---|" * len(table.headers)]  # fmt: skip
    lines.extend("| " + " | ".join(render_spans(c) for c in row) + " |" for row in table.rows)
    return lines


def _items(items: Iterable[Spans]) -> list[str]:
    return ["- " + render_spans(item, block=True) for item in items]


def _title_page(page: TitlePage) -> list[str]:
    """Title, description, facts and date; the partners' table follows, so no list of them."""
    lines = ["# " + escape(page.title), ""]
    if page.description:
        lines += [render_spans(spans(page.description), block=True), ""]
    if page.facts:
        lines += [*_items(page.facts), ""]
    if page.dated:
        lines += [f"*{escape(page.dated)}*", ""]
    return lines


def render_block(block: Block) -> list[str]:
    """The lines of one block, each block followed by an empty line."""
    if isinstance(block, TitlePage):
        return _title_page(block)
    if isinstance(block, Heading):
        return ["#" * (block.level + 1) + " " + escape(block.text), ""]
    if isinstance(block, Paragraph):
        return [render_spans(block.content, block=True), ""]
    if isinstance(block, BulletList):
        return [*_items(block.items), ""]
    if isinstance(block, Table):
        return [*_table(block), ""]
    if isinstance(block, PageBreak | Section | Approvals):
        return []
    raise TypeError(f"unknown block {block!r}")


def render(document: Document) -> str:
    """A whole Document as Markdown text, ending with one newline."""
    lines: list[str] = []
    for block in document.blocks:
        lines.extend(render_block(block))
    return "\n".join(lines).rstrip("\n") + "\n"


def to_markdown(data: PlanData, language: str, today: dt.date) -> str:
    """The filled-in worksheet in `language` ('fr' or 'en'), as of `today`."""
    return render(build(data, language, today))


__all__ = ["escape", "inline", "render", "render_spans", "to_markdown"]
