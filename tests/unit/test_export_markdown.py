"""The Markdown worksheet: every column and action, golden layout, hostile text kept inert.

Regenerate the golden files after a deliberate layout change with
``COOP_TUI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_markdown.py``
and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.interchange import export_text
from coop_tui.interchange.markdown import inline, to_markdown
from coop_tui.storage.store import PlanStore
from tests.helpers import TODAY
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
    row: list[str] = []
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
    assert a2.start is not None and a2.end is not None
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
    out: what hostile text must not change. Blocks are counted, not ordered, and so are a
    table's rows, because lists sorted by name or code may come in another order."""
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
            blocks[_rows_sorted(current)] += 1
            current = []
    return blocks


def _rows_sorted(tokens: list[str]) -> tuple[str, ...]:
    """A table's tokens with its body rows in a fixed order (other blocks as they are)."""
    if "tbody_open:tbody" not in tokens:
        return tuple(tokens)
    start, end = tokens.index("tbody_open:tbody") + 1, tokens.index("tbody_close:tbody")
    rows: list[list[str]] = []
    for token in tokens[start:end]:
        if token == "tr_open:tr":
            rows.append([])
        rows[-1].append(token)
    body = [t for row in sorted(rows) for t in row]
    return (*tokens[:start], *body, *tokens[end:])


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


# --- phases, approvals, money, steering (issues 13, 14, 15) ----------------------------------


def _tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every table as (header cells, body rows), each cell's Markdown source."""
    out: list[tuple[list[str], list[list[str]]]] = []
    row: list[str] = []
    inside = False
    for token in _parser().parse(text):
        if token.type in ("table_open", "table_close"):
            inside = token.type == "table_open"
        if not inside:
            continue
        if token.type == "thead_open":
            out.append(([], []))
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if out[-1][0]:
                out[-1][1].append(row)
            else:
                out[-1][0].extend(row)
        elif token.type == "inline":
            row.append(token.content)
    return [(head, rows) for head, rows in out]


def _table_with(text: str, column: str) -> list[tuple[list[str], list[list[str]]]]:
    return [(head, rows) for head, rows in _tables(text) if column in head]


def _changed(data: PlanData, **tables: dict[str, Any]) -> PlanData:
    """`data` with some tables replaced."""
    merged: dict[str, dict[str, Any]] = dict(data.tables())
    merged.update(tables)
    return PlanData(data.plan, data.revision, **merged)


def _phase_name(demo: PlanData, phase_id: str) -> str:
    return demo.phases[phase_id].name


def test_each_objective_and_action_shows_its_phase(demo: PlanData) -> None:
    from coop_tui.domain.phases import phase_of

    text = to_markdown(demo, "fr", TODAY)
    objectives = {row[0].split("**")[1]: row[0]
                  for _, rows in _table_with(text, "Objectifs opérationnels") for row in rows}  # fmt: skip
    for objective in demo.operational_objectives():
        cell = objectives[objective.code]
        assert f"Phase\u00a0: {_phase_name(demo, objective.phase)}" in cell, objective.code
    actions = {row[0].split("**")[1]: row[0]
               for _, rows in _table_with(text, "Actions à mener") for row in rows}  # fmt: skip
    assert len(actions) == len(demo.actions) == 21
    for action in demo.actions.values():
        wanted = f"Phase\u00a0: {_phase_name(demo, phase_of(demo, action))}"
        assert wanted in actions[action.code], action.code
    a4 = actions["A4"]  # postponed to phase 2, while its objective O1.1 is in phase 1
    assert "Phase\u00a0: Structuration" in a4
    assert "dépend de A2" in actions["A3"] and "dépend de A16, A17" in actions["A18"]


def test_shared_objectives_say_their_types_of_cooperation(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    assert "Type de coopération\u00a0: GME" in text
    assert (
        "Types de coopération\u00a0: Groupement d'employeurs, Mutualisation de fonctions support"
        in text
    )
    en = to_markdown(demo, "en", TODAY)
    assert "Types of cooperation: Employers' group, Shared support functions" in en


def test_no_phase_2_partner_in_a_phase_1_approval_gap(demo: PlanData) -> None:
    """Tremplin Intérim Dômes joins in phase 2: it is waited for on O3.2 (phase 2), never
    on a phase-1 objective, though it approved none of them."""
    text = to_markdown(demo, "fr", TODAY)
    rows = {row[0].split("**")[1]: row
            for _, found in _table_with(text, "Pas encore approuvé par") for row in found}  # fmt: skip
    etti = demo.organisations[next(o for o in demo.organisations if "Tremplin" in
                                   demo.organisations[o].name)]  # fmt: skip
    phase1 = [o for o in demo.objectives.values() if demo.phase_index(o.phase) == 0]
    assert phase1 and all(etti.id not in o.approvals for o in phase1)
    for objective in phase1:
        assert "Tremplin" not in rows[objective.code][2], objective.code
    assert rows["O3.2"][2] == "Tremplin Intérim Dômes"


def test_lapsed_approval_is_to_renew_and_says_what_changed(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    (row,) = [r for _, rows in _table_with(text, "Approuvé par") for r in rows
              if r[0].startswith("**O2.2**")]  # fmt: skip
    lapsed = [line for line in row[1].split("<br>") if "renouveler" in line]
    renew = "à renouveler, modifié depuis\u00a0: les cibles"
    assert lapsed == [f"Cycl'Avenir (29/07/2025, Julien Perrin, COPIL 1) — {renew}"]
    assert "approbation à renouveler\u00a0: Cycl'Avenir" in row[4]
    en = to_markdown(demo, "en", TODAY)
    assert "— to renew, changed since: the targets" in en


def test_indicators_of_every_kind_with_their_intermediate_targets(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    assert ("Satisfaction des acheteurs (Qualitatif)\u00a0: — → bon, au 15/04/2027<br>"
            "Échelle\u00a0: insuffisant / moyen / bon / très bon") in text  # fmt: skip
    assert (
        "Cibles intermédiaires\u00a0: 50\u00a0000 au 15/04/2026\u00a0; 150\u00a0000 au 13/10/2026"
        in text
    )
    assert "Délai de clôture des comptes (Temporel)\u00a0: 5 → 3 mois" in text


def test_a_time_based_indicator_without_numbers_is_a_date(demo: PlanData) -> None:
    from coop_tui.domain.model import Indicator, Measurement, replace

    (closing,) = [i for i in demo.indicators.values() if i.kind == "time_based"]
    dated = replace(closing, baseline=None, target=None, unit="", steps=())
    reached = Measurement(id="9999", indicator=closing.id, date=TODAY)
    others = {k: v for k, v in demo.measurements.items() if v.indicator != closing.id}
    plan = _changed(demo, indicators={**demo.indicators, closing.id: dated},
                    measurements={**others, reached.id: reached})  # fmt: skip
    text = to_markdown(plan, "fr", TODAY)
    assert isinstance(dated, Indicator)
    assert ("Délai de clôture des comptes (Temporel)\u00a0: à atteindre au plus tard le "
            "13/10/2027<br>Dernière mesure\u00a0: atteint le 02/03/2026") in text  # fmt: skip


def test_resources_come_from_the_budget_lines_year_by_year(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    (a9,) = [r for _, rows in _table_with(text, "Ressources et moyens") for r in rows
             if r[0].startswith("**A9**")]  # fmt: skip
    assert a9[2].startswith(
        "budget 96\u00a0000\u00a0€ (2026\u00a0: 48\u00a0000\u00a0€\u00a0; 2027\u00a0: 48\u00a0000\u00a0€)"
    )
    assert "dont 24\u00a0000\u00a0€ en nature" in text  # the warehouse lent by Cycl'Avenir (A16)


def test_one_row_per_missing_skill_with_its_answer(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    ((head, rows),) = _table_with(text, "Compétence manquante")
    assert head == ["Action", "Compétence manquante", "Réponse envisagée",
                    "Précision sur la réponse envisagée", "Action prévue pour y répondre",
                    "Compétence la plus proche chez"]  # fmt: skip
    by_skill = {row[1]: row for row in rows}
    assert set(by_skill) == {"CRM", "relation entreprises", "informatique"}
    assert by_skill["CRM"][2] == "Formation" and by_skill["CRM"][4].startswith("A21 — ")
    assert by_skill["relation entreprises"][2] == "Recrutement"
    assert by_skill["relation entreprises"][4].startswith("A9 — ")
    assert by_skill["informatique"][2] == "Accompagnement par un expert"
    assert "remède" not in text.casefold()


def test_budget_and_financing_plan(demo: PlanData) -> None:
    from coop_tui.domain import finance

    text = to_markdown(demo, "fr", TODAY)
    for heading in ("## Budget prévisionnel", "## Plan de financement",
                    "### Contributions en nature (valorisées)",
                    "### Financements acquis (accordés ou versés)",
                    "### Financements sollicités, en attente de réponse",
                    "### Contributions des structures partenaires"):  # fmt: skip
        assert heading + "\n" in text, heading
    plan = finance.financing_plan(demo)
    total = Translator("fr").money(plan.total)
    assert "| **Total des charges** |" in text and f"**{total}** |" in text
    gap = Translator("fr").money(plan.gap)
    assert (
        f"**Reste à financer\u00a0: {gap} si tous les financements sollicités sont accordés" in text
    )
    ((_, secured),) = _table_with(text, "Financeur")[:1]
    statuses = {
        row[-1].split("<br>")[0] for _, rows in _table_with(text, "Financeur") for row in rows
    }
    assert statuses == {"**Accordé**", "**Versé**", "**Sollicité**"}
    assert all("Sollicité" not in row[-1].split("<br>")[0] for row in secured)
    assert "versé à ce jour\u00a0: 20\u00a0000\u00a0€" in text
    ((_, partners),) = _table_with(text, "Part des charges")
    assert len(partners) == len(demo.organisations)


def test_follow_up_reviews_decisions_drift_and_paths(demo: PlanData) -> None:
    text = to_markdown(demo, "fr", TODAY)
    suivi = text[text.index("## Suivi\n") :]
    assert "### Les revues" in suivi and "### Relevé de décisions" in suivi
    assert "| 26/03/2026<br>*à venir* | COPIL | **COPIL 2** |" in suivi
    assert "| Relancer le Département sur le cofinancement du poste (A9) |" in suivi
    assert "**À réaliser**" in suivi and "Réalisée le 26/12/2025" in suivi
    assert "### Écarts depuis le plan validé «\u00a0COPIL 1\u00a0» du 29/07/2025" in suivi
    assert ("| **A3** | Répondre au marché «\u00a0nettoyage et débarras des bâtiments "
            "communautaires\u00a0» | Glissement de 30 jours\u00a0: fin le 27/02/2026 au lieu "
            "du 28/01/2026 |") in suivi  # fmt: skip
    assert (
        "Ajoutée depuis la validation" in suivi
        and "Budget\u00a0: 84\u00a0000\u00a0€ → 96\u00a0000\u00a0€" in suivi
    )
    assert "Cible\u00a0: 85\u00a0000 au 13/10/2027 → 80\u00a0000 au 13/10/2027" in suivi
    ((_, rows),) = _table_with(suivi, "Trajectoire")
    paths = {row[0]: row[4].split("<br>")[0] for row in rows}
    assert paths["**O2.2** Coûts des fonctions support"] == "**En retard**"
    assert paths["**O1.1** Marchés attribués"] == "En avance"
    assert "Dans les temps" in paths.values()


def test_a_slip_past_the_deadline_is_at_risk(demo: PlanData) -> None:
    from coop_tui.domain.model import replace

    (a3,) = [a for a in demo.actions.values() if a.code == "A3"]
    deadline = demo.objectives[a3.objective].deadline
    assert deadline is not None
    late = replace(a3, end=deadline + dt.timedelta(days=10))
    plan = _changed(demo, actions={**demo.actions, a3.id: late})
    text = to_markdown(plan, "fr", TODAY)
    row = next(line for line in text.splitlines() if line.startswith("| **A3** |"))
    assert "Glissement de" in row and row.endswith("<br>**Échéance menacée** |")


def test_a_plan_without_phases_money_or_reviews_says_so_briefly() -> None:
    from coop_tui.domain.model import Plan

    text = to_markdown(PlanData(Plan(title="Petit projet")), "fr", TODAY)
    assert "Le projet en phases" not in text and "## Suivi" not in text
    assert "## Budget prévisionnel\n\nAucune ligne budgétaire pour l'instant." in text
    assert "Aucun financeur ni aucune ligne budgétaire pour l'instant." in text
