"""Screen 7, Suivi / Reviews, by keys alone: reviews and decisions recorded, a decision
done, the plan validated, delete and undo, the filter, the baseline compared, hostile text.

Every test presses the real keys and checks what reached the plan file (re-read with a
fresh PlanStore) or what is on screen.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from coop_tui.cli import main as cli_main
from coop_tui.domain import steering
from coop_tui.domain.model import (
    Action,
    Decision,
    Objective,
    Organisation,
    Person,
    Plan,
    Review,
    SharedStake,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import clean
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.screens.reviews import PANES, ReviewsScreen
from coop_tui.tui.widgets import review_rows as rows_of
from coop_tui.tui.widgets.list_pane import ListPane
from tests.helpers import (
    HOSTILE,
    TODAY,
    choose,
    create_plan,
    demo_ids,
    drawn,
    fill,
    ids_for,
    loaded,
    make_app,
    plain,
    read,
    save_form,
    screen_text,
    tab_to,
    table_rows,
    tick,
    type_text,
    wait_until,
)

D = demo_ids()
"""The demo's records by the labels data/demo.toml gives them."""
DAY = dt.timedelta(days=1)


async def open_reviews(pilot: Any) -> ReviewsScreen:
    await loaded(pilot)
    await pilot.press("7")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewsScreen))
    screen: ReviewsScreen = pilot.app.screen
    await wait_until(pilot, lambda: screen.shown_revision == pilot.app.plan_data.revision)
    await pilot.pause()
    return screen


def pane(screen: ReviewsScreen, name: str) -> ListPane:
    return screen.query_one(f"#{name}-table", ListPane)


def rows(screen: ReviewsScreen, name: str) -> list[list[str]]:
    return table_rows(pane(screen, name))


@pytest.fixture
def small_path(tmp_path: Path) -> Path:
    """Two organisations with a person each, an objective and an action: no review yet."""
    path = tmp_path / "plan.json"
    records = [
        Organisation(id="org-a", name="Les Jardins", kind="ACI", role="lead"),
        Organisation(id="org-b", name="Cycl'Avenir", kind="EI"),
        Person(id="p-nadia", name="Nadia Benali", organisation="org-a"),
        Person(id="p-julien", name="Julien Perrin", organisation="org-b"),
        SharedStake(id="ss-1", code="E1", title="Marchés"),
        Objective(id="o1", code="O1", shared_stake="ss-1", statement="Gagner"),
        Objective(id="o11", code="O1.1", parent="o1", statement="Répondre",
                  deadline=TODAY + 200 * DAY),
        Action(id="a1", code="A1", objective="o11", title="Veille", start=TODAY,
               end=TODAY + 30 * DAY),
    ]  # fmt: skip
    create_plan(path, Plan(title="Essai", language="fr"), records)
    return path


def decisions_are(count: int) -> Any:
    return lambda data: len(data.decisions) == count


# --- a review and its decisions, by keys alone ---------------------------------------------


@pytest.mark.slow
async def test_a_review_with_two_decisions_by_keys_alone(small_path: Path) -> None:
    ids = ids_for(small_path)
    app = make_app(small_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        assert "Aucune revue pour l'instant" in drawn(pane(screen, "reviews"))

        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await choose(pilot, "kind", "COTECH")
        await fill(pilot, "title", "COTECH de lancement")
        await fill(pilot, "date", "16/03/2026")
        await tick(pilot, "organisations", "Les Jardins")
        await tick(pilot, "organisations", "Cycl'Avenir")
        await tick(pilot, "people", "Nadia Benali")
        await fill(pilot, "guests", "DDETS")
        await fill(pilot, "notes", "On lance.")
        await save_form(pilot, small_path, lambda d: len(d.reviews) == 1)
        (review,) = read(small_path).reviews.values()
        assert (review.kind, review.title, review.date) == ("cotech", "COTECH de lancement",
                                                            dt.date(2026, 3, 16))  # fmt: skip
        assert set(review.organisations) == {ids["org-a"], ids["org-b"]}
        assert (review.people, review.guests, review.notes) == ((ids["p-nadia"],), "DDETS",
                                                                "On lance.")  # fmt: skip
        assert screen.selected("reviews") == review.id
        assert rows(screen, "reviews")[0][:4] == ["16/03/2026", "COTECH", "COTECH de lancement",
                                                  "À venir"]  # fmt: skip

        # Two decisions in the decisions pane: `a` there adds one to the selected review.
        await pilot.press("tab")
        assert app.focused is pane(screen, "decisions")
        for text, owner, due, count in (
            ("Répondre au marché", "Nadia", "31/03/2026", 1),
            ("Relancer [le] Département", "Julien", "2026-04-15", 2),
        ):
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
            await fill(pilot, "text", text)
            await tick(pilot, "objectives", "O1.1")
            await tick(pilot, "actions", "A1")
            await choose(pilot, "owner", owner)
            await fill(pilot, "due", due)
            await save_form(pilot, small_path, decisions_are(count))

    data = read(small_path)
    decisions = sorted(data.decisions_of(review.id), key=lambda d: d.due or dt.date.max)
    assert [(d.text, d.owner, d.due, d.done) for d in decisions] == [
        ("Répondre au marché", ids["p-nadia"], dt.date(2026, 3, 31), None),
        ("Relancer [le] Département", ids["p-julien"], dt.date(2026, 4, 15), None),
    ]
    assert all(d.objectives == (ids["o11"],) and d.actions == (ids["a1"],) for d in decisions)


async def test_the_decisions_show_with_their_state_owner_and_links(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        # First look: the latest review held, whose decision is still open and due soon.
        assert screen.selected("reviews") == D["rev-cotech-nov"]
        state, text, who = rows(screen, "decisions")[0]
        assert state == "◔ à échéance proche\n15/03/2026"
        assert text.startswith("Relancer le Département\n")
        assert who == "Nadia Benali\nO2.1 · A9"
        # Past and planned reviews, in date order.
        shown = [(r[0], r[3]) for r in rows(screen, "reviews")]
        assert shown == [("29/07/2025", "Tenue"), ("24/12/2025", "Tenue"),
                         ("25/02/2026", "Tenue"), ("26/03/2026", "À venir"),
                         ("28/09/2026", "À venir")]  # fmt: skip
        # Drift since COPIL 1 in words: the slip, its days, the additions, the budget.
        drift = drawn(pane(screen, "drift"))
        assert "Écarts depuis «\u00a0COPIL 1\u00a0» du 29/07/2025\u00a0: 6 écarts" in drift
        assert "Glissement de 30 jours (28/01/2026 → 27/02/2026)" in drift
        assert "Ajoutée depuis (fin le 14/07/2026)" in drift
        assert "Budget\u00a0: 84\u00a0000\u00a0€ → 96\u00a0000\u00a0€" in drift


# --- a decision done ---------------------------------------------------------------------------


def fresh_lists(screen: ReviewsScreen) -> dict[str, list[list[str]]]:
    """Each list as rows made from a fresh snapshot of the plan would show it."""
    data = screen.data
    fresh = PlanData(data.plan, data.revision, **data.tables())
    tr, base = screen.tr, rows_of.compared_baseline(fresh, screen._compare)
    review = screen.selected("reviews") or ""
    made = {
        "reviews": rows_of.review_rows(fresh, tr, TODAY),
        "decisions": rows_of.decision_rows(fresh, fresh.decisions_of(review), tr, TODAY),
        "open": rows_of.open_rows(fresh, tr, TODAY),
        "baselines": rows_of.baseline_rows(fresh, tr, base),
        "drift": rows_of.drift_rows(fresh, base, tr) if base is not None else [],
    }
    return {
        name: [[plain(c) for c in cells] for _, cells, _ in rows] for name, rows in made.items()
    }


async def test_x_marks_a_decision_done_then_not_done(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decision = D["d-relaunch-departement"]
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        await tab_to(pilot, "open-table")
        assert screen.selected("open") == decision
        filled: list[str] = []
        show_rows = ListPane.show_rows

        def counted(self: ListPane, *args: Any, **kwargs: Any) -> None:
            filled.append(self.pane_name)
            show_rows(self, *args, **kwargs)

        monkeypatch.setattr(ListPane, "show_rows", counted)
        await pilot.press("x")
        await wait_until(pilot, lambda: read(demo_path).decisions[decision].done == TODAY)
        await wait_until(pilot, lambda: pane(screen, "open").row_count == 0)
        assert "No open decision." in drawn(pane(screen, "open"))
        # Only the lists that show decisions (a review counts its open ones) are filled
        # again, not the baselines nor the drift; each shows what a fresh plan gives.
        assert sorted(set(filled)) == ["decisions", "open", "reviews"]
        assert {name: rows(screen, name) for name in PANES} == fresh_lists(screen)
        entry = app.store.recent_history(1)[-1]
        assert entry.what is not None and entry.what.op == "decide"

        # In the decisions of its review, x takes it back.
        await tab_to(pilot, "decisions-table")
        assert rows(screen, "decisions")[0][0] == "✓ done on 2026-03-02\n2026-03-15"
        await pilot.press("x")
        await wait_until(pilot, lambda: read(demo_path).decisions[decision].done is None)
        await wait_until(pilot, lambda: pane(screen, "open").row_count == 1)


# --- the plan validated --------------------------------------------------------------------------


async def test_validate_the_plan_at_a_review_then_no_drift(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reviews(pilot)
        # At COPIL 1 the default name is taken: the form says so and does not save.
        await pilot.press("home", "v")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-name").value == "COPIL 1"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "COPIL 1" in screen_text(app) and app.screen.query_one("#save").disabled
        await pilot.press("escape")
        # At COPIL 2 (planned), named after it.
        await pilot.press("down", "down", "down", "v")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-name").value == "COPIL 2"  # type: ignore[attr-defined]
        await save_form(pilot, demo_path, lambda d: len(d.baselines) == 2)
        await wait_until(pilot, lambda: "Aucun écart" in drawn(pane(screen, "drift")))
        assert "▶" in rows(screen, "baselines")[0][0]  # the new one, compared

    data = read(demo_path)
    baseline = steering.baseline_named(data, "COPIL 2")
    assert baseline is not None and baseline.review == D["rev-copil2"]
    assert baseline.date == TODAY and len(baseline.actions) == len(data.actions)
    assert steering.drift(data, baseline) == []
    entry = [e for e in data_history(demo_path) if e.what and e.what.op == "baseline"]
    assert len(entry) == 1 and entry[0].what.label == "COPIL 2"
    # What `coop-tui drift --json` says for scripts: nothing since the new baseline.
    monkeypatch.setenv("COOP_TUI_TODAY", TODAY.isoformat())
    assert cli_main(["drift", str(demo_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli_main(["drift", str(demo_path), "--json", "--baseline", "COPIL 1"]) == 0
    slips = {d["code"]: d["days"] for d in json.loads(capsys.readouterr().out)
             if d["kind"] == "slipped"}  # fmt: skip
    assert slips == {"A3": 30, "A4": 92}


def data_history(path: Path) -> list[Any]:
    from coop_tui.storage.store import PlanStore

    return PlanStore(path).recent_history(50)


async def test_b_compares_with_another_baseline_and_the_palette_too(demo_path: Path) -> None:
    from coop_tui.storage.store import PlanStore

    store = PlanStore(demo_path, user="other")
    store.transact(lambda txn: txn.insert(steering.freeze(txn.data, "Avant", TODAY - 400 * DAY)))
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        assert "Drift since “COPIL 1”" in drawn(pane(screen, "drift"))
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert "COPIL 1 — the latest" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: "Drift since “Avant”" in drawn(pane(screen, "drift")))
        # The palette names each baseline.
        await pilot.press("ctrl+p")
        await type_text(pilot, "Drift since")
        await wait_until(pilot, lambda: "Drift since “COPIL 1”" in screen_text(app))
        await pilot.press("escape")


# --- delete and undo ------------------------------------------------------------------------------


async def test_delete_a_review_with_its_decision_then_undo(demo_path: Path) -> None:
    review, decision = D["rev-cotech-nov"], D["d-relaunch-departement"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        assert screen.selected("reviews") == review
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("o")  # « oui »: the focus starts on « Garder »
        await wait_until(pilot, lambda: review not in read(demo_path).reviews)
        assert decision not in read(demo_path).decisions
        await wait_until(pilot, lambda: pane(screen, "reviews").row_count == 4)
        await pilot.press("u")
        await wait_until(pilot, lambda: review in read(demo_path).reviews)
        assert decision in read(demo_path).decisions
        await wait_until(pilot, lambda: pane(screen, "open").row_count == 1)


async def test_delete_a_decision_from_the_open_ones(demo_path: Path) -> None:
    decision = D["d-relaunch-departement"]
    app = make_app(demo_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviews(pilot)
        await tab_to(pilot, "open-table")
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: decision not in read(demo_path).decisions)
        assert D["rev-cotech-nov"] in read(demo_path).reviews


# --- the filter, the drift's records ---------------------------------------------------------------


async def test_slash_filters_every_list(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reviews(pilot)
        await pilot.press("slash")
        await type_text(pilot, "cotech")
        await wait_until(pilot, lambda: pane(screen, "reviews").row_count == 2)
        assert pane(screen, "drift").row_count == 0
        await pilot.press("escape")
        await wait_until(pilot, lambda: pane(screen, "reviews").row_count == 5)
        assert pane(screen, "drift").row_count == 6


async def test_enter_on_a_drift_opens_what_moved(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reviews(pilot)
        await tab_to(pilot, "drift-table")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-code").value == "A3"  # type: ignore[attr-defined]


# --- hostile text ------------------------------------------------------------------------------------


async def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    """Titles, notes, decisions and a baseline's name as a hand-written file may hold them:
    markup, escape sequences, bidi controls, shown as text and never sent to the terminal."""
    path = tmp_path / "hostile.json"
    org = Organisation(id="org-h", name=HOSTILE[0], kind="ACI")
    person = Person(id="p-h", name=HOSTILE[5], organisation="org-h")
    records: list[Any] = [org, person]
    for i, text in enumerate(HOSTILE):
        records.append(Review(id=f"r{i}", title=text, notes=text, guests=text,
                              date=TODAY - (i + 1) * DAY, organisations=("org-h",),
                              people=("p-h",)))  # fmt: skip
        records.append(Decision(id=f"d{i}", review=f"r{i}", text=text, owner="p-h",
                                due=TODAY + DAY))  # fmt: skip
    create_plan(path, Plan(title="Hostile"), records)
    app = make_app(path, "en")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_reviews(pilot)
        seen_titles, seen_texts = [], []
        for row in rows(screen, "reviews"):
            seen_titles.append(row[2])
        for row in rows(screen, "open"):
            seen_texts.append(row[1])
        text = screen_text(app)
        assert app.is_running and "\x1b" not in text
        for hostile in HOSTILE:
            assert any(clean(hostile) in t for t in seen_titles), hostile
            assert any(clean(hostile).split()[0] in t for t in seen_texts), hostile
        assert "[bold]x" in text and "␛[2J" in text and "\u202e" not in text


async def test_e_on_a_baseline_renames_it_and_nothing_else(demo_path: Path) -> None:
    baseline = D["bl-copil1"]
    before = read(demo_path).baselines[baseline]
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reviews(pilot)
        await tab_to(pilot, "baselines-table")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await fill(pilot, "name", "COPIL 1 (validated)")
        await save_form(pilot, demo_path, lambda d: d.baselines[baseline].name != before.name)
    after = read(demo_path).baselines[baseline]
    assert after.name == "COPIL 1 (validated)"
    assert (after.actions, after.objectives, after.date) == (
        before.actions, before.objectives, before.date,
    )  # fmt: skip
