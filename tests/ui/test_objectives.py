"""Screen 2, Objectives: the tree, the SMART detail, indicators and measurements, by keys alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import pytest

from coop_tui.domain.approvals import approval_lapsed, renewed
from coop_tui.domain.model import (
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Plan,
    SharedStake,
    Stake,
)
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from tests.helpers import (
    HOSTILE,
    TODAY,
    badges,
    by_code,
    create_plan,
    fill,
    ids_for,
    loaded,
    make_app,
    read,
    tree_cursor,
    type_text,
    wait_until,
)


def _base_records() -> list[Any]:
    return [
        Organisation(id="org-a", name="Les Jardins", kind="ACI", role="lead"),
        Organisation(id="org-b", name="Cycl'Avenir", kind="EI"),
        Stake(id="st-a", organisation="org-a", category="revenue", statement="Trop peu de clients"),
        Stake(id="st-b", organisation="org-b", category="revenue", statement="Dépendance"),
        SharedStake(id="ss-1", code="E1", title="Marchés publics", stakes=("st-a", "st-b")),
    ]


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """Two organisations, a stake each and a shared stake that pools them."""
    path = tmp_path / "plan.json"
    plan = Plan(title="Essai", start=dt.date(2026, 1, 1), end=dt.date(2027, 12, 31))
    create_plan(path, plan, _base_records())
    return path


async def open_objectives(pilot: Any) -> None:
    await loaded(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ObjectivesScreen")
    await pilot.pause()


@pytest.mark.slow
async def test_build_objectives_indicator_measurement_and_approvals(plan_path: Path) -> None:
    app = make_app(plan_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objectives(pilot)
        ids = ids_for(plan_path)
        assert tree_cursor(app) == f"s:{ids['ss-1']}"

        # a on the shared stake: a shared objective for it.
        await pilot.press("a")
        await fill(pilot, "statement", "Win")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(read(plan_path).objectives) == 1)
        shared = next(iter(read(plan_path).objectives.values()))
        assert (shared.code, shared.shared_stake, shared.parent) == ("O1", ids["ss-1"], "")
        assert shared.statement == "Win"
        await wait_until(pilot, lambda: tree_cursor(app) == f"o:{shared.id}")

        # a on the shared objective: an operational objective under it, coded O1.1.
        await pilot.press("a")
        await fill(pilot, "statement", "Win 2")
        await fill(pilot, "expected_results", "2 won")
        await fill(pilot, "deadline", "2026-06-30")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(read(plan_path).objectives) == 2)
        operational = next(o for o in read(plan_path).objectives.values() if o.parent)
        assert (operational.code, operational.parent) == ("O1.1", shared.id)
        await wait_until(pilot, lambda: tree_cursor(app) == f"o:{operational.id}")
        await pilot.pause()
        assert all(f"{letter} ✗" in badges(app) for letter in "MAR")
        assert "S ✓" in badges(app) and "T ✓" in badges(app)
        assert "no tracking indicator" in badges(app)
        assert "not yet approved by: Les Jardins, Cycl'Avenir" in badges(app)

        # i: an indicator with baseline, target and unit.
        await pilot.press("i")
        await fill(pilot, "name", "Won")
        await fill(pilot, "unit", "lots")
        await fill(pilot, "baseline", "0")
        await fill(pilot, "target", "2")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(read(plan_path).indicators) == 1)
        await wait_until(pilot, lambda: "M ✓" in badges(app))

        # m, the value, enter: a measurement dated today, signed by me.
        await pilot.press("m")
        await type_text(pilot, "1")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(read(plan_path).measurements) == 1)

        # p opens the approvals: each organisation approves in turn, escape closes.
        def approvals():
            return read(plan_path).objectives[operational.id].approvals

        await pilot.press("p")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(approvals()) == 1)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: len(approvals()) == 2)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "A ✓" in badges(app))

        # r judges it realistic; the note goes through the form.
        await pilot.press("r")
        await wait_until(pilot, lambda: "R ✓" in badges(app))
        await pilot.press("e")
        await fill(pilot, "realistic_note", "Yes")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: read(plan_path).objectives[operational.id].realistic_note != ""
        )
        await wait_until(pilot, lambda: "Every SMART criterion is met." in badges(app))

    data = read(plan_path)
    objective = data.objectives[operational.id]
    assert objective.statement == "Win 2"
    assert objective.expected_results == "2 won"
    assert objective.deadline == dt.date(2026, 6, 30)
    ids = ids_for(plan_path)
    assert {o: a.date for o, a in objective.approvals.items()} == {
        ids["org-a"]: TODAY, ids["org-b"]: TODAY}  # fmt: skip
    assert all(not approval_lapsed(data, objective, a) for a in objective.approvals.values())
    assert objective.realistic is True
    assert objective.realistic_note == "Yes"
    (indicator,) = data.indicators.values()
    assert (indicator.objective, indicator.name, indicator.unit) == (operational.id, "Won", "lots")
    assert (indicator.kind, indicator.baseline, indicator.target) == ("quantitative", 0.0, 2.0)
    (measurement,) = data.measurements.values()
    assert (measurement.indicator, measurement.value) == (indicator.id, 1.0)
    assert (measurement.date, measurement.author) == (TODAY, "demo")


async def test_approval_toggles_back_off(plan_path: Path) -> None:
    ids = ids_for(plan_path)
    org_a, org_b = ids["org-a"], ids["org-b"]
    store = PlanStore(plan_path, user="demo")
    goal = store.add(Objective(code="O1", shared_stake=ids["ss-1"], statement="Goal"))
    store.save(renewed(store.read(), goal, org_a, dt.date(2025, 5, 1)))
    app = make_app(plan_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objectives(pilot)
        assert tree_cursor(app) == f"o:{goal.id}"  # on the first operational objective
        await pilot.press("p", "enter")
        await wait_until(pilot, lambda: org_a not in read(plan_path).objectives[goal.id].approvals)
        await pilot.press("escape")
        # In the approvals pane, enter toggles the organisation under the cursor.
        table = app.screen.query_one("#approvals")
        table.focus()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: org_b in read(plan_path).objectives[goal.id].approvals)
        await wait_until(pilot, lambda: "pas encore approuvé par\u00a0: Les Jardins" in badges(app))


def key_of(path: Path, code: str) -> str:
    """The tree's key of the shared stake (E1) or objective (O1.2) with this code."""
    record = by_code(read(path), code)
    return f"{'s' if code.startswith('E') else 'o'}:{record.id}"


async def _demo_app_at(pilot: Any, key: str) -> None:
    await open_objectives(pilot)
    tree = pilot.app.screen.query_one("#tree")
    await pilot.press("home")
    for _ in range(20):
        if tree.cursor_key == key:
            return
        await pilot.press("down")
    raise AssertionError(f"{key} not reached")


async def test_delete_with_confirmation_then_undo(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        o12 = by_code(read(demo_path), "O1.2")
        o1 = by_code(read(demo_path), "O1")
        await _demo_app_at(pilot, f"o:{o12.id}")
        indicators = set(read(demo_path).indicators)
        own = {i.id for i in read(demo_path).indicators_of(o12.id)}
        # Refusing keeps everything.
        await pilot.press("d")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ConfirmModal")
        await pilot.press("n")
        await app.workers.wait_for_complete()  # none was started
        assert o12.id in read(demo_path).objectives
        # Confirming deletes the objective with its indicators and measurements.
        await pilot.press("d")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ConfirmModal")
        await pilot.press("y")
        await wait_until(pilot, lambda: o12.id not in read(demo_path).objectives)
        assert len(own) == 2 and own <= indicators
        assert not own & set(read(demo_path).indicators)
        await wait_until(pilot, lambda: tree_cursor(app) == f"o:{o1.id}")
        # u brings it all back, and the tree shows it again.
        await pilot.press("u")
        await wait_until(pilot, lambda: o12.id in read(demo_path).objectives)
        assert set(read(demo_path).indicators) == indicators
        await wait_until(pilot, lambda: f"o:{o12.id}" in app.screen.query_one("#tree").keys())  # noqa: SIM118 - a method, not a dict


async def test_delete_a_measurement_from_its_pane(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _demo_app_at(pilot, key_of(demo_path, "O1.1"))
        markets = next(i.id for i in read(demo_path).indicators.values()
                       if i.name == "Marchés attribués")  # fmt: skip
        before = {m.id for m in read(demo_path).measurements.values() if m.indicator == markets}
        for _ in range(6):
            if app.focused is not None and app.focused.id == "measurements":
                break
            await pilot.press("tab")
        assert app.focused.id == "measurements"
        newest = app.screen.query_one("#measurements").selected
        assert newest in before
        await pilot.press("delete")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ConfirmModal")
        await pilot.press("y")
        await wait_until(pilot, lambda: newest not in read(demo_path).measurements)
        assert len(before) - 1 == sum(
            m.indicator == markets for m in read(demo_path).measurements.values()
        )


async def test_filter_as_you_type_and_escape(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(pilot)
        tree = app.screen.query_one("#tree")
        everything = tree.keys()
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await type_text(pilot, "generer")  # only O1.2 says "Générer": no case, no accents
        await wait_until(
            pilot,
            lambda: (
                tree.keys()
                == [key_of(demo_path, "E1"), key_of(demo_path, "O1"), key_of(demo_path, "O1.2")]
            ),
        )
        await pilot.press("enter")
        assert app.focused is tree
        assert tree.cursor_key in {
            key_of(demo_path, "E1"),
            key_of(demo_path, "O1"),
            key_of(demo_path, "O1.2"),
        }
        # The stake's own title matches too: then all its objectives show.
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "E3")
        await wait_until(
            pilot,
            lambda: (
                tree.keys()
                == [
                    key_of(demo_path, "E3"),
                    key_of(demo_path, "O3"),
                    key_of(demo_path, "O3.1"),
                    key_of(demo_path, "O3.2"),
                ]
            ),
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: tree.keys() == everything)
        assert app.focused is tree
        assert not app.screen.query_one("#filter").display


async def test_cursor_and_folding_survive_someone_elses_change(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _demo_app_at(pilot, key_of(demo_path, "E3"))
        await pilot.press("left")  # fold E3
        await pilot.press("up")
        assert tree_cursor(app) == key_of(demo_path, "O2.2")
        tree = app.screen.query_one("#tree")
        lines_before = tree.last_line
        PlanStore(demo_path, user="someone").add(
            Objective(code="O1.3", parent=by_code(read(demo_path), "O1").id,
                      statement="Added elsewhere")
        )  # fmt: skip
        await wait_until(pilot, lambda: len(app.plan_data.objectives) == 10)
        await pilot.pause()
        assert tree_cursor(app) == key_of(demo_path, "O2.2")
        assert not tree.node_for(key_of(demo_path, "E3")).is_expanded
        assert tree.last_line == lines_before + 1
        assert "Mutualiser paie et comptabilité" in str(
            app.screen.query_one("#detail-title").render()
        )


async def test_hostile_text_shows_literally(plan_path: Path) -> None:
    records: list[Any] = _base_records()
    for index, text in enumerate(HOSTILE, start=1):
        records += [
            Objective(id=f"o{index}", code=f"O{index}", shared_stake="ss-1", statement=text),
            Indicator(id=f"i{index}", objective=f"o{index}", name=text, target=1.0),
            Measurement(id=f"m{index}", indicator=f"i{index}", date=TODAY, value=1.0, note=text,
                        author=text),
        ]  # fmt: skip
    plan_path.unlink()
    ids = create_plan(plan_path, Plan(title="Essai"), records)  # as written by hand
    app = make_app(plan_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_objectives(pilot)
        tree = app.screen.query_one("#tree")
        shown = [tree.render_line(y).text for y in range(tree.last_line + 1)]
        await pilot.press("home")
        for index, text in enumerate(HOSTILE, start=1):
            await pilot.press("down")
            assert tree_cursor(app) == f"o:{ids[f'o{index}']}"
            expected = clean(text)
            assert any(f"O{index} {expected}" in line for line in shown)
            assert expected in str(app.screen.query_one("#detail-title").render())
            assert expected in str(app.screen.query_one("#indicator-detail").render())
            indicators = app.screen.query_one("#indicators")
            assert indicators.get_row_at(0)[0].plain == expected
            measurements = app.screen.query_one("#measurements")
            assert measurements.get_row_at(0)[2].plain == expected
        await pilot.press("m")
        assert app.screen.__class__.__name__ == "MeasurementForm"
        assert "\x1b" not in app.screen.query_one("#form-title").render().plain
        await pilot.press("escape")
        assert app.is_running


async def test_the_detail_follows_the_cursors_and_the_plan(demo_path: Path) -> None:
    """The tree's node and the indicator under the cursor show their details; the messages
    that follow filling the tree and the tables leave them alone when they would show the
    same, but a change to the plan made elsewhere shows, the cursor staying put."""
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _demo_app_at(pilot, key_of(demo_path, "O1.2"))
        screen = app.screen

        def shown(widget_id: str) -> str:
            return str(screen.query_one(widget_id).render())

        assert "O1.2" in shown("#detail-title")
        for _ in range(6):
            if app.focused is not None and app.focused.id == "indicators":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "indicators"
        first = shown("#indicator-detail")
        assert "CA commun" in first
        await pilot.press("down")
        await pilot.pause()
        assert "Heures d'insertion" in shown("#indicator-detail")
        hours = next(
            i for i in read(demo_path).indicators.values() if i.name == "Heures d'insertion"
        )
        measured = {m.id for m in read(demo_path).measurements.values() if m.indicator == hours.id}
        assert screen.query_one("#measurements").selected in measured
        renamed = msgspec.structs.replace(hours, name="Heures <b>[red]x[/red]")
        PlanStore(demo_path, user="someone").save(renamed)
        await wait_until(pilot, lambda: "Heures <b>[red]x[/red]" in shown("#indicator-detail"))
        assert app.focused is not None and app.focused.id == "indicators"
        for _ in range(6):
            if app.focused is screen.query_one("#tree"):
                break
            await pilot.press("shift+tab")
        assert app.focused is screen.query_one("#tree")
        await pilot.press("down")
        await pilot.pause()
        assert "O1.2" not in shown("#detail-title")


async def test_a_later_visit_shows_the_detail_once(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back on the screen after a card move: the detail and the indicator are shown once
    (the cursor messages of the refilled tree and table do not show them again)."""
    from coop_tui.tui.screens.objectives import ObjectivesScreen

    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _demo_app_at(pilot, key_of(demo_path, "O1.2"))
        await pilot.press("4")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "BoardScreen")
        revision = app.plan_data.revision
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: app.plan_data.revision > revision)
        await pilot.pause()
        calls: list[str] = []
        for name in ("_show_detail", "_show_indicator"):
            real = getattr(ObjectivesScreen, name)

            def counted(self: Any, data: Any, real: Any = real, name: str = name) -> None:
                calls.append(name)
                real(self, data)

            monkeypatch.setattr(ObjectivesScreen, name, counted)
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ObjectivesScreen")
        await pilot.pause()
        await pilot.pause()
        assert "O1.2" in str(app.screen.query_one("#detail-title").render())
        assert sorted(calls) == ["_show_detail", "_show_indicator"]
