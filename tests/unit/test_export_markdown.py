"""The Markdown worksheet: every column and action, golden layout, hostile text kept inert.

Regenerate the golden files after a deliberate layout change with
``COOP_TUI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_markdown.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.interchange import export_text
from coop_tui.interchange.markdown import inline, to_markdown
from coop_tui.storage.store import PlanStore
from tests.conftest import TODAY
from tests.unit.hostile import TEXTS, hostile_plan

GOLDEN = Path(__file__).parent / "golden"
WORKSHEET_COLUMNS = {
    "fr": [
        "Objectifs opérationnels", "Indicateurs de suivi", "Résultats mesurables",
        "Délais de réalisation", "Actions à mener", "Compétences requises",
        "Ressources et moyens", "Partenaires extérieurs à mobiliser", "Calendrier", "Référent·e",
    ],
    "en": [
        "Operational objectives", "Tracking indicators", "Measurable results", "Deadline",
        "Actions to carry out", "Required skills", "Resources and means",
        "External partners to mobilise", "Schedule", "Lead person",
    ],
}  # fmt: skip


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture
def demo(demo_path: Path) -> PlanData:
    return PlanStore(demo_path).read()


def _header_cells(text: str) -> list[list[str]]:
    """The header row of every table, as lists of cell texts."""
    tokens = _parser().parse(text)
    headers: list[list[str]] = []
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head, row = True, []
        elif token.type == "thead_close":
            in_head = False
            headers.append(row)
        elif in_head and token.type == "inline":
            row.append(token.content)
    return headers


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_worksheet_column_and_every_action(demo: PlanData, language: str) -> None:
    text = to_markdown(demo, language, TODAY)
    headers = {cell for row in _header_cells(text) for cell in row}
    for column in WORKSHEET_COLUMNS[language]:
        assert column in headers, column
    step3 = text[text.index("## " + Translator(language).t("exports.md.step3")) :]
    for action in demo.actions.values():
        assert f"| **{action.code}** {inline(action.title)} *(" in step3, action.code
    assert len(demo.actions) == 21


def test_dates_and_money_follow_the_language(demo: PlanData) -> None:
    a2 = next(a for a in demo.actions.values() if a.code == "A2")
    fr = to_markdown(demo, "fr", TODAY)
    en = to_markdown(demo, "en", TODAY)
    assert f"{a2.start:%d/%m/%Y} → {a2.end:%d/%m/%Y}" in fr
    assert "budget 3\u00a0600\u00a0€" in fr
    assert f"{a2.start.isoformat()} → {a2.end.isoformat()}" in en
    assert "budget €3,600" in en
    assert "Step 3 — Action plan" in en and "Étape 3 — Le plan d'action" in fr


def test_smart_check_approvals_gaps_and_register(demo: PlanData) -> None:
    text = to_markdown(demo, "en", TODAY)
    assert "✗ Approved by every partner: not yet approved by: Tremplin Intérim Dômes" in text
    assert "✗ Realistic and ambitious: not yet judged realistic and ambitious" in text
    assert "| A10 — Base entreprises commune (RGPD) | CRM | Training |" in text
    assert "| **France Active** | Funder | Prêt et garantie |" in text
    a3 = next(a for a in demo.actions.values() if a.code == "A3")
    assert f"**A3** {inline(a3.title)} *(In progress, overdue)*" in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_golden_layout(demo_path: Path, language: str) -> None:
    """The demo plan's worksheet, as of TODAY, byte for byte."""
    text = export_text(PlanStore(demo_path).read(), "md", language, TODAY)
    golden = GOLDEN / f"demo-{language}.md"
    if os.environ.get("COOP_TUI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _shape(text: str) -> Counter[tuple[str, ...]]:
    """Every top-level block (heading, paragraph, table, list) by its structure, words left
    out: what hostile text must not change. Blocks are counted, not ordered, because
    lists sorted by name or code may come in another order."""
    blocks: Counter[tuple[str, ...]] = Counter()
    current: list[str] = []
    for token in _parser().parse(text):
        if token.type == "inline":
            # Typed newlines become <br>: the one piece of HTML the export writes itself.
            current.extend(f"  {c.type}" for c in token.children or []
                           if c.type not in ("text", "softbreak", "html_inline"))  # fmt: skip
        else:
            current.append(f"{token.type}:{token.tag}")
        if token.level == 0 and token.nesting <= 0:
            blocks[tuple(current)] += 1
            current = []
    return blocks


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hostile_text_in_every_field_keeps_the_structure(demo: PlanData, language: str) -> None:
    plain = to_markdown(demo, language, TODAY)
    hostile = to_markdown(hostile_plan(demo), language, TODAY)
    assert _shape(hostile) == _shape(plain)
    # Every table row keeps its column count, counted on the raw text too.
    for text in (plain, hostile):
        width = 0
        for line in text.splitlines():
            if not line.startswith("|"):
                width = 0
                continue
            cells = len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) - 1
            width = width or cells
            assert cells == width, line
    assert "\x1b" not in hostile and "\x00" not in hostile and "\r" not in hostile
    inline_html = Counter(c.content for t in _parser().parse(hostile) if t.type == "inline"
                          for c in t.children or [] if c.type == "html_inline")  # fmt: skip
    assert set(inline_html) <= {"<br>"}


def test_hostile_text_reads_back_as_typed(demo: PlanData) -> None:
    """What a reader sees in a cell is the typed text (control characters and bidi
    overrides made visible: see `document.plain`)."""
    from coop_tui.interchange.document import plain

    text = to_markdown(hostile_plan(demo), "en", TODAY)
    rendered = _parser().render(text)
    for typed in TEXTS:
        first = plain(typed).split("\n")[0]
        if first:
            escaped = first.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped.replace('"', "&quot;") in rendered, typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a|b", r"a\|b"),
        ("# x", r"\# x"),
        ("`x`", r"\`x\`"),
        ("x\ny", "x<br>y"),
        ("[l](http://e)", r"\[l\](http://e)"),
        ("<b>&amp;", r"\<b\>\&amp;"),
        ("$x$ ~y~ *z* _w_", r"\$x\$ \~y\~ \*z\* \_w\_"),
        ("\x1b[2J", "␛\\[2J"),
    ],
)
def test_inline_escapes(typed: str, expected: str) -> None:
    assert inline(typed) == expected


def test_block_start_escapes_only_where_a_block_starts() -> None:
    assert inline("- item", block=True) == r"\- item"
    assert inline("1. item", block=True) == r"1\. item"
    assert inline("- item") == "- item"
