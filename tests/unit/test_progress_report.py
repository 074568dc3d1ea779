"""The progress report (bilan d'étape): what a funder reads once a year, for a period.

Read here in Markdown (the same Document the ODT, DOCX and PDF print: see
test_export_documents.py for those). The demo over its last twelve months must
name the overdue action, an indicator behind its path and an open decision; the
period's bounds must hold; hostile text must stay literal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from coop_tui.domain.model import Plan
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.document import Heading, plain
from coop_tui.interchange.documents import REPORT_FORMATS, report
from coop_tui.interchange.markdown import inline
from coop_tui.interchange.markdown import render as markdown
from coop_tui.interchange.progress_report import build_report, default_period, period_of
from coop_tui.storage.store import PlanStore
from tests.helpers import TODAY
from tests.unit.hostile import TEXTS, hostile_plan


@pytest.fixture
def demo(demo_path: Path) -> PlanData:
    return PlanStore(demo_path).read()


def _md(data: PlanData, language: str = "fr", **period: dt.date) -> str:
    return markdown(build_report(data, language, TODAY, **period))


def _section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of any level."""
    start = text.index(heading + "\n") + len(heading) + 1
    ends = [i for i in (text.find("\n## ", start), text.find("\n### ", start)) if i >= 0]
    return text[start : min(ends, default=len(text))]


def test_default_period_is_the_last_twelve_months() -> None:
    assert default_period(TODAY) == (dt.date(2025, 3, 3), TODAY)
    assert default_period(dt.date(2028, 2, 29)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))
    assert period_of(TODAY, end=dt.date(2025, 12, 31)) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    with pytest.raises(ValueError, match="before it starts"):
        period_of(TODAY, start=dt.date(2026, 5, 1))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_demo_over_twelve_months(demo: PlanData, language: str) -> None:
    """The overdue action, an indicator behind its path, an open decision."""
    text = _md(demo, language)
    fr = language == "fr"
    subtitle = (
        "Bilan d'étape du 03/03/2025 au 02/03/2026" if fr else "from 2025-03-03 to 2026-03-02"
    )
    assert subtitle in text
    late = _section(text, "### Actions en retard" if fr else "### Overdue actions")
    (a3,) = [a for a in demo.actions.values() if a.code == "A3"]
    assert f"| **A3** {inline(a3.title)} |" in late
    assert late.count("| **A") == 1
    behind = "**En retard**" if fr else "**Behind**"
    path = _section(text, "## Les indicateurs" if fr else "## Indicators")
    assert any(line.startswith("| **O2.2** Coûts des fonctions support") and behind in line
               for line in path.splitlines())  # fmt: skip
    still_open = _section(
        text, "### Décisions encore ouvertes" if fr else "### Decisions still open"
    )
    assert "Relancer le Département sur le cofinancement du poste (A9)" in still_open
    assert ("**À réaliser**" if fr else "**Open**") in still_open


def test_every_part_of_the_report(demo: PlanData) -> None:
    document = build_report(demo, "fr", TODAY)
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings[:2] == ["Synthèse", "Les actions"]
    for wanted in ("Actions terminées sur la période", "Actions en retard",
                   "Actions commencées sur la période", "Les indicateurs",
                   "Écarts depuis le plan validé «\u00a0COPIL 1\u00a0» du 29/07/2025",
                   "Revues et décisions", "Décisions de la période", "Budget et financement",
                   "Financements sollicités, en attente de réponse", "Prochaines étapes",
                   "Prochains jalons", "Prochaine revue", "Actions des 3 prochains mois"):  # fmt: skip
        assert wanted in headings, wanted
    assert document.title == "Bilan d'étape — Coop'Vernière – Logistique & services inclusifs"
    text = markdown(document)
    summary = _section(text, "## Synthèse")
    assert "- 1 action en retard\n" in summary
    assert "Indicateurs\u00a0: 2 en avance, 7 dans les temps, 2 en retard" in summary
    assert "reste à financer\u00a0: 3\u00a0400\u00a0€" in summary
    assert "| Glissement de 30 jours" in text and "▁" in text  # drift, trend lines
    assert "COPIL 2 (COPIL) le 26/03/2026." in _section(text, "### Prochaine revue")
    milestones = _section(text, "### Prochains jalons")
    assert "Premier marché attribué et entrepôt opérationnel" in milestones
    assert "Convention de GME signée" not in milestones  # decided (go): behind us


def test_period_bounds_are_respected(demo: PlanData) -> None:
    """A1 ended on 11/07/2025: done before a period from 01/08/2025, so not listed as done
    in it; A2, done on 13/10/2025, is. Reviews and measurements keep to the period too."""
    text = _md(demo, start=dt.date(2025, 8, 1))
    assert "Bilan d'étape du 01/08/2025 au 02/03/2026" in text
    done = _section(text, "### Actions terminées sur la période")
    assert "**A2**" in done and "**A1**" not in done and "**A8**" in done
    reviews = _section(text, "### Revues de la période")
    assert "COPIL 1" not in reviews and "COTECH – marchés et fonctions support" in reviews
    assert "COPIL 2" not in reviews, "planned after the period's last day"
    earlier = _md(demo, start=dt.date(2025, 3, 3), end=dt.date(2025, 7, 31))
    done = _section(earlier, "### Actions terminées sur la période")
    assert "**A1**" in done and "**A2**" not in done
    late = _section(earlier, "### Actions en retard")
    assert "**A3**" not in late, "A3 was not late yet on 31/07/2025"


def test_a_plan_with_nothing_yet() -> None:
    text = _md(PlanData(Plan(title="Petit projet")))
    assert "Aucune action." in text and "Aucun indicateur de suivi pour l'instant." in text
    assert "Aucun plan validé pour l'instant" in text and "Aucune revue prévue." in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hostile_text_stays_literal_in_markdown(demo: PlanData, language: str) -> None:
    text = _md(hostile_plan(demo), language)
    assert "\x1b" not in text and "\u202e" not in text and "\x00" not in text
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    assert "<script>" not in rendered
    for typed in TEXTS:  # what people typed, as typed (control characters made visible)
        first = plain(typed).split("\n")[0]
        escaped = first.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace('"', "&quot;") in rendered, typed
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.endswith(" |"), line


def test_every_report_format(demo: PlanData) -> None:
    assert REPORT_FORMATS == ("md", "odt", "docx", "pdf")
    assert report(demo, "md", "fr", TODAY).decode("utf-8") == _md(demo)
    with pytest.raises(ValueError, match="unknown report format"):
        report(demo, "csv", "fr", TODAY)
