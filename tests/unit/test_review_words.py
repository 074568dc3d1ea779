"""The Reviews screen's words, pure: each kind of drift said in French and English, a
decision's state, who was present, an approval's state and what toggling it gives."""

from __future__ import annotations

import datetime as dt

import pytest

from coop_tui.describe import drift_words
from coop_tui.domain import steering
from coop_tui.domain.model import (
    Action,
    Decision,
    Indicator,
    Objective,
    Organisation,
    Person,
    Review,
    replace,
)
from coop_tui.domain.steering import Drift
from coop_tui.i18n import NBSP, Translator
from coop_tui.tui.widgets import approval_words as approvals
from coop_tui.tui.widgets import review_rows as words
from tests.unit.plan_builders import data_of

FR, EN = Translator("fr"), Translator("en")
TODAY = dt.date(2026, 3, 2)
DAY = dt.timedelta(days=1)


def slip(days: int, at_risk: bool = False) -> Drift:
    before = dt.date(2026, 1, 28)
    return Drift(kind="slipped", table="actions", record="1", code="A3", title="T", days=days,
                 before=before.isoformat(), after=(before + days * DAY).isoformat(),
                 at_risk=at_risk)  # fmt: skip


@pytest.mark.parametrize(
    ("item", "fr", "en"),
    [
        (slip(30), "Glissement de 30 jours (28/01/2026 → 27/02/2026)",
         "Slip of 30 days (2026-01-28 → 2026-02-27)"),
        (slip(1, at_risk=True), "Glissement de 1 jour (28/01/2026 → 29/01/2026) — échéance menacée",
         "Slip of 1 day (2026-01-28 → 2026-01-29) — deadline at risk"),
        (slip(-3), "En avance de 3 jours (28/01/2026 → 25/01/2026)",
         "Ahead by 3 days (2026-01-28 → 2026-01-25)"),
        (Drift(kind="added", table="actions", record="1", code="A9", title="T", after="2026-07-14"),
         "Ajoutée depuis (fin le 14/07/2026)", "Added since (ends 2026-07-14)"),
        (Drift(kind="added", table="actions", record="1", code="A9", title="T"),
         "Ajoutée depuis", "Added since"),
        (Drift(kind="dropped", table="actions", record="1", code="A9", title="T"),
         "Abandonnée ou retirée", "Dropped or removed"),
        (Drift(kind="budget", table="actions", record="1", code="A9", title="T", before="84000",
               after="96000"),
         f"Budget{NBSP}: 84{NBSP}000{NBSP}€ → 96{NBSP}000{NBSP}€", "Budget: €84,000 → €96,000"),
        (Drift(kind="deadline", table="objectives", record="1", code="O1", title="T", days=31,
               before="2027-12-31", after="2028-01-31"),
         f"Échéance{NBSP}: 31/12/2027 → 31/01/2028", "Deadline: 2027-12-31 → 2028-01-31"),
        (Drift(kind="target", table="indicators", record="1", code="O2", title="T",
               before="[b]85000", after="80000"),
         f"Cible{NBSP}: [b]85000 → 80000", "Target: [b]85000 → 80000"),
    ],
)  # fmt: skip
def test_each_drift_in_words(item: Drift, fr: str, en: str) -> None:
    assert drift_words(item, FR) == fr
    assert drift_words(item, EN) == en


def test_a_changed_target_with_its_numbers_and_date_in_the_readers_formats() -> None:
    objective = Objective(id="o1", code="O1", statement="S")
    indicator = Indicator(id="i1", objective="o1", name="Coûts", target=85000,
                          target_date=dt.date(2027, 10, 13))  # fmt: skip
    data = data_of(objective, indicator)
    baseline = steering.freeze(data, "COPIL 1", TODAY)
    later = data_of(objective, replace(indicator, target=80000))
    (item,) = steering.drift(later, baseline)
    expected = f"Cible{NBSP}: 85{NBSP}000 au 13/10/2027 → 80{NBSP}000 au 13/10/2027"
    assert drift_words(item, FR, later, baseline) == expected


@pytest.mark.parametrize(
    ("due", "done", "fr", "urgent"),
    [
        (TODAY - DAY, None, "⚠ en retard", True),
        (TODAY + 30 * DAY, None, "◔ à échéance proche", True),
        (TODAY + 31 * DAY, None, "○ à faire", False),
        (None, None, "○ à faire", False),
        (TODAY - DAY, TODAY - 2 * DAY, "✓ réalisée le 28/02/2026", False),
    ],
)
def test_a_decisions_state(
    due: dt.date | None, done: dt.date | None, fr: str, urgent: bool
) -> None:
    decision = Decision(id="d1", review="r1", text="x", due=due, done=done)
    assert words.decision_state(decision, TODAY, FR) == (fr, urgent)


def test_who_was_present_by_organisation_and_the_open_decisions_soonest_first() -> None:
    records = [
        Organisation(id="o-a", name="Alpha", kind="ACI", role="lead"),
        Organisation(id="o-b", name="Beta", kind="EI"),
        Person(id="p1", name="Ana", organisation="o-a"),
        Person(id="p2", name="Bob", organisation="o-b"),
        Review(id="r1", title="COPIL", date=TODAY, organisations=("o-a",), people=("p1", "p2")),
        Decision(id="d1", review="r1", text="later", due=TODAY + 60 * DAY),
        Decision(id="d2", review="r1", text="sooner", due=TODAY - DAY),
        Decision(id="d3", review="r1", text="done", due=TODAY - DAY, done=TODAY),
        Action(id="a1", code="A1", objective="x", title="t"),
    ]
    data = data_of(*records)
    review = data.reviews["r1"]
    assert words.present_by_organisation(data, review) == [("Alpha", ["Ana"]), ("Beta", ["Bob"])]
    assert words.present(data, review, FR) == "ACI · 2 personnes"
    assert words.review_state(review, TODAY, EN) == "Today"
    assert [key for key, _, _ in words.open_rows(data, FR, TODAY)] == ["d2", "d1"]


def test_an_approval_given_lapsed_and_toggled() -> None:
    records = [
        Organisation(id="o-a", name="Alpha", kind="ACI"),
        Person(id="p1", name="Ana", organisation="o-a"),
        Person(id="p2", name="Ali", organisation="o-a"),
        Review(id="r1", title="COPIL 1", date=TODAY - 10 * DAY),
        Review(id="r2", title="COPIL 2", date=TODAY + 10 * DAY),
        Objective(id="o1", code="O1", statement="Win", deadline=TODAY + 100 * DAY),
    ]
    data = data_of(*records)
    objective = data.objectives["o1"]
    assert approvals.approval_state(data, objective, "o-a", FR) == "✗ pas encore"
    assert approvals.default_person(data, objective, "o-a") == "p1"
    assert approvals.default_review(data, TODAY) == "r1"  # the latest held, not the next
    given, done = approvals.toggled(data, objective, "o-a", TODAY, "p2", "r1")
    assert done == "set" and given.approvals["o-a"].person == "p2"
    line = approvals.approval_line(data, given, "o-a", FR)
    assert line == f"Approbation donnée{NBSP}: 02/03/2026 · Ali · COPIL 1."
    assert approvals.default_person(data, given, "o-a") == "p2"  # who approved last time
    moved = replace(given, deadline=TODAY + 200 * DAY)
    state = approvals.approval_state(data, moved, "o-a", FR)
    assert state == f"↻ à renouveler, modifié depuis{NBSP}: le délai de réalisation"
    renewed, done = approvals.toggled(data, moved, "o-a", TODAY, "p1", "r1")
    assert done == "renewed"
    assert approvals.approval_state(data, renewed, "o-a", EN) == "✓ 2026-03-02"
    withdrawn, done = approvals.toggled(data, renewed, "o-a", TODAY, "p1", "r1")
    assert done == "withdrawn" and withdrawn.approvals == {}
