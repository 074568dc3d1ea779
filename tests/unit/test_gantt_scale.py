"""The timeline's time axis and row model, without the UI."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_tui.domain.model import Action, BaseAction, Baseline, Objective, Record, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.tui.widgets import gantt_rows
from coop_tui.tui.widgets import gantt_scale as scale
from coop_tui.tui.widgets.gantt_rows import Blocks, build_rows, filter_rows
from coop_tui.tui.widgets.gantt_scale import Zoom
from tests.bigplan import big_plan_records

D = dt.date
TODAY = D(2026, 3, 2)


def test_zoom_levels_step_in_and_out_and_stop_at_the_ends() -> None:
    assert scale.zoom_in(Zoom.QUARTER) is Zoom.MONTH
    assert scale.zoom_in(Zoom.MONTH) is Zoom.WEEK
    assert scale.zoom_in(Zoom.WEEK) is Zoom.WEEK
    assert scale.zoom_out(Zoom.WEEK) is Zoom.MONTH
    assert scale.zoom_out(Zoom.MONTH) is Zoom.QUARTER
    assert scale.zoom_out(Zoom.QUARTER) is Zoom.YEAR
    assert scale.zoom_out(Zoom.YEAR) is Zoom.YEAR
    assert scale.zoom_in(Zoom.YEAR) is Zoom.QUARTER


def test_week_zoom_is_one_column_per_day_and_weeks_start_on_monday() -> None:
    monday = D(2026, 3, 2)
    assert monday.weekday() == 0
    assert scale.column_of(monday, Zoom.WEEK) % 7 == 0
    assert scale.column_of(D(2026, 3, 8), Zoom.WEEK) - scale.column_of(monday, Zoom.WEEK) == 6
    assert scale.step(Zoom.WEEK) == 7


def test_month_zoom_gives_every_month_eight_columns() -> None:
    jan = scale.column_of(D(2026, 1, 1), Zoom.MONTH)
    assert scale.column_of(D(2026, 2, 1), Zoom.MONTH) == jan + 8
    assert scale.column_of(D(2026, 3, 1), Zoom.MONTH) == jan + 16  # February is as wide
    assert scale.column_of(D(2026, 1, 31), Zoom.MONTH) == jan + 7
    assert scale.column_of(D(2026, 1, 16), Zoom.MONTH) == jan + 3


def test_year_zoom_gives_one_column_per_month_and_steps_by_quarters() -> None:
    jan = scale.column_of(D(2026, 1, 1), Zoom.YEAR)
    assert jan % 12 == 0
    assert scale.column_of(D(2026, 1, 31), Zoom.YEAR) == jan
    assert scale.column_of(D(2027, 1, 1), Zoom.YEAR) == jan + 12
    assert scale.step(Zoom.YEAR) == 3
    assert scale.TIERS[Zoom.YEAR] == ("year", "quarter")
    # Three years and a bit (the demo: 37 months) take 37 columns: they fit in the
    # 69 columns of chart a 100-column terminal leaves.
    first, last = scale.span(D(2025, 4, 16), D(2028, 4, 14), Zoom.YEAR)
    assert last - first + 1 == 37


def test_the_year_scale_shows_the_whole_project_from_its_first_year() -> None:
    start, end = D(2023, 4, 1), D(2027, 12, 31)  # nearly five years: 57 columns
    first, last = scale.span(start, end, Zoom.YEAR)
    x0 = scale.window_start(TODAY, Zoom.YEAR, 69)  # today a quarter in: 2023 is cut
    assert x0 > first
    home = scale.project_window(x0, start, end, TODAY, Zoom.YEAR, 69)
    assert home == scale.column_of(D(2023, 1, 1), Zoom.YEAR) and last < home + 69
    # From its first year it would not fit: from the column before it.
    assert scale.project_window(x0, start, end, TODAY, Zoom.YEAR, 58) == first - 1
    # Too long, undated, or today outside: the window stays where today put it.
    assert scale.project_window(x0, start, end, TODAY, Zoom.YEAR, 40) == x0
    assert scale.project_window(x0, None, end, TODAY, Zoom.YEAR, 69) == x0
    assert scale.project_window(x0, start, end, D(2035, 1, 1), Zoom.YEAR, 69) == x0


def test_quarter_zoom_gives_three_columns_per_month() -> None:
    q1 = scale.column_of(D(2026, 1, 1), Zoom.QUARTER)
    assert q1 % 9 == 0
    assert scale.column_of(D(2026, 4, 1), Zoom.QUARTER) == q1 + 9
    assert scale.column_of(D(2026, 12, 31), Zoom.QUARTER) == q1 + 35


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from(list(Zoom)))
def test_date_at_is_the_first_day_of_its_column(day: dt.date, zoom: Zoom) -> None:
    column = scale.column_of(day, zoom)
    first = scale.date_at(column, zoom)
    assert first <= day
    assert scale.column_of(first, zoom) == column
    assert scale.column_of(first - dt.timedelta(days=1), zoom) == column - 1


def test_span_is_inclusive_and_ordered() -> None:
    first, last = scale.span(D(2026, 3, 2), D(2026, 3, 4), Zoom.WEEK)
    assert last - first == 2
    assert scale.span(D(2026, 3, 4), D(2026, 3, 2), Zoom.WEEK) == (first, last)


def test_window_start_puts_today_at_the_asked_fraction() -> None:
    x0 = scale.window_start(TODAY, Zoom.MONTH, 80)
    assert scale.column_of(TODAY, Zoom.MONTH) - x0 == 20
    x0 = scale.window_start(TODAY, Zoom.WEEK, 80, 0.5)
    assert scale.column_of(TODAY, Zoom.WEEK) - x0 == 40


@pytest.mark.parametrize(
    ("language", "zoom", "upper", "lower"),
    [
        ("fr", Zoom.WEEK, "▏mars 2026", "▏S10"),
        ("en", Zoom.WEEK, "▏Mar 2026", "▏W10"),
        ("fr", Zoom.MONTH, "▏2026", "▏mars"),
        ("en", Zoom.MONTH, "▏2026", "▏Mar"),
        ("fr", Zoom.QUARTER, "▏2026", "▏T1"),
        ("en", Zoom.QUARTER, "▏2026", "▏Q1"),
        ("fr", Zoom.YEAR, "▏2026", "▏T1"),
        ("en", Zoom.YEAR, "▏2026", "▏Q1"),
    ],
)
def test_header_labels_by_zoom_and_language(
    language: str, zoom: Zoom, upper: str, lower: str
) -> None:
    tr = Translator(language)
    x0 = scale.column_of(D(2026, 1, 1) if zoom is not Zoom.WEEK else D(2026, 3, 1), zoom)
    upper_kind, lower_kind = scale.TIERS[zoom]
    tops = scale.tier(upper_kind, zoom, x0, 60, tr)
    bottoms = scale.tier(lower_kind, zoom, x0 + 1, 60, tr)
    assert any(text.startswith(upper) for _, text, _ in tops)
    assert any(text.startswith(lower) for _, text, _ in bottoms)
    for pieces in (tops, bottoms):  # the pieces tile the whole window, in order
        assert sum(len(text) for _, text, _ in pieces) == 60
        offsets = [offset for offset, _, _ in pieces]
        assert offsets == sorted(offsets) and offsets[0] == 0


def test_a_unit_cut_by_the_window_edge_still_names_itself() -> None:
    tr = Translator("fr")
    x0 = scale.column_of(D(2026, 3, 10), Zoom.WEEK)  # mid-March, mid-week
    (offset, text, unit), *_ = scale.tier("month", Zoom.WEEK, x0, 40, tr)
    assert offset == 0 and text.startswith("mars 2026") and unit.date == D(2026, 3, 1)


def test_french_short_month_names_are_the_usual_abbreviations() -> None:
    tr = Translator("fr")
    names = [tr.month(D(2026, m, 1)) for m in range(1, 13)]
    assert names == ["janv.", "févr.", "mars", "avr.", "mai", "juin",
                     "juil.", "août", "sept.", "oct.", "nov.", "déc."]  # fmt: skip


def test_today_column_and_phase_band_clipping() -> None:
    x0 = scale.window_start(TODAY, Zoom.WEEK, 50)
    assert scale.column_of(TODAY, Zoom.WEEK) - x0 == 12
    assert scale.phase_band(D(2020, 1, 1), D(2020, 6, 1), Zoom.WEEK, x0, 50) is None
    offset, size = scale.phase_band(D(2020, 1, 1), TODAY, Zoom.WEEK, x0, 50) or (-1, -1)
    assert (offset, size) == (0, 13)
    assert scale.phase_band(TODAY, None, Zoom.WEEK, x0, 50) == (12, 38)


def test_marks_sit_at_their_column_with_their_label_cut_before_the_next_one() -> None:
    today = scale.Mark(5, "▼", kind="today")
    gme = scale.Mark(10, "◇", "Convention de GME signée", "milestone")
    final = scale.Mark(30, "◇", "Bilan final", "milestone")
    pieces = scale.place_marks([today, gme, final], 40)
    assert [(offset, text) for offset, text, _ in pieces] == [
        (5, "▼"),
        (10, "◇ Convention de GM…"),  # stops a space before the next glyph
        (30, "◇ Bilan f…"),  # and at the window's edge
    ]
    for (offset, text, _), after in zip(pieces, [*(p[0] for p in pieces[1:]), 41], strict=False):
        assert offset + len(text) < after  # a space before the next mark, none past the edge
    assert scale.place_marks([gme], 40)[0][1] == "◇ Convention de GME signée"


def test_marks_outside_the_window_or_on_a_taken_column_are_left_out() -> None:
    pieces = scale.place_marks(
        [scale.Mark(3, "▼", kind="today"), scale.Mark(3, "◇", "Même jour"),
         scale.Mark(-2, "◇", "Avant"), scale.Mark(40, "◇", "Après"),
         scale.Mark(38, "◇", "Au bord")], 40,
    )  # fmt: skip
    assert [(offset, text) for offset, text, _ in pieces] == [(3, "▼"), (38, "◇")]
    # A label too short to read is not drawn; a wide glyph counts two cells.
    assert scale.place_marks([scale.Mark(0, "◇", "🚀🚀🚀🚀")], 7)[0][1] == "◇ 🚀🚀…"


# --- rows ------------------------------------------------------------------------------


def _plan() -> PlanData:
    root = Objective(id="o1", code="O1", statement="Shared")
    leaf = Objective(id="o11", code="O1.1", parent="o1", statement="Win tenders",
                     deadline=D(2026, 1, 1))  # fmt: skip
    other = Objective(id="o12", code="O1.2", parent="o1", statement="Hire")
    actions = [
        Action(id="a1", code="A1", objective="o11", title="Map buyers", order=1,
               start=D(2025, 9, 1), end=D(2026, 2, 1), status=Status.IN_PROGRESS),
        Action(id="a2", code="A2", objective="o11", title="Write", order=2,
               start=D(2026, 3, 1), end=D(2026, 6, 1)),
        Action(id="a3", code="A3", objective="o12", title="Recruit", order=1),
        Action(id="a4", code="A4", objective="gone", title="Lost"),
    ]  # fmt: skip
    return PlanData(
        objectives={o.id: o for o in (root, leaf, other)},
        actions={a.id: a for a in actions},
    )


def test_rows_group_objectives_with_their_actions_beneath() -> None:
    rows = build_rows(_plan(), TODAY)
    assert [(r.kind, r.code) for r in rows] == [
        ("group", "O1"), ("objective", "O1.1"), ("action", "A1"), ("action", "A2"),
        ("objective", "O1.2"), ("action", "A3"), ("orphans", ""), ("action", "A4"),
    ]  # fmt: skip
    by_code = {r.code: r for r in rows}
    assert by_code["A1"].overdue and not by_code["A2"].overdue
    assert not by_code["A3"].dated
    assert (by_code["O1.1"].start, by_code["O1.1"].end) == (D(2025, 9, 1), D(2026, 6, 1))
    assert (by_code["O1"].start, by_code["O1"].end) == (D(2025, 9, 1), D(2026, 6, 1))
    assert by_code["O1.1"].overdue  # deadline passed, nothing done


def test_filter_keeps_the_objectives_above_a_match_and_everything_under_one() -> None:
    rows = build_rows(_plan(), TODAY)
    assert [r.code for r in filter_rows(rows, "recruit")] == ["O1", "O1.2", "A3"]
    assert [r.code for r in filter_rows(rows, "o1.1")] == ["O1", "O1.1", "A1", "A2"]
    assert filter_rows(rows, "  ") == rows
    assert filter_rows(rows, "nothing like it") == []


def test_an_action_that_depends_on_others_knows_their_latest_end() -> None:
    data = _plan()
    a2 = data.actions["a2"]
    data = PlanData(
        objectives=data.objectives,
        actions={**data.actions, "a2": msgspec.structs.replace(a2, depends_on=("a1", "a3"))},
    )
    by_code = {r.code: r for r in build_rows(data, TODAY)}
    assert by_code["A2"].after == D(2026, 2, 1)  # A1's end; the undated A3 says nothing
    assert not by_code["A2"].dependency_broken  # starts 1 March, after A1 ended
    assert by_code["A1"].after is None
    early = msgspec.structs.replace(a2, depends_on=("a1",), start=D(2026, 2, 1))
    data = PlanData(objectives=data.objectives, actions={**data.actions, "a2": early})
    assert {r.code: r for r in build_rows(data, TODAY)}["A2"].dependency_broken


def test_a_baseline_adds_a_ghost_row_under_each_action_it_froze() -> None:
    data = _plan()
    baseline = Baseline(name="COPIL 1", actions={
        "a1": BaseAction(code="A1", start=D(2025, 9, 1), end=D(2026, 1, 1)),
        "a3": BaseAction(code="A3"),
    })  # fmt: skip
    rows = build_rows(data, TODAY, baseline)
    assert [(r.kind, r.code) for r in rows] == [
        ("group", "O1"), ("objective", "O1.1"), ("action", "A1"), ("ghost", ""),
        ("action", "A2"), ("objective", "O1.2"), ("action", "A3"), ("ghost", ""),
        ("orphans", ""), ("action", "A4"),
    ]  # fmt: skip
    ghost = rows[3]
    assert (ghost.start, ghost.end, ghost.label) == (D(2025, 9, 1), D(2026, 1, 1), "COPIL 1")
    assert not ghost.selectable and rows[ghost.parent].code == "A1"
    # The filter keeps a ghost with its action, and only with it.
    assert [r.kind for r in filter_rows(rows, "map buyers")] == ["group", "objective", "action",
                                                                 "ghost"]  # fmt: skip
    assert [r.code for r in filter_rows(rows, "copil")] == []


def test_rows_kept_from_the_last_build_give_what_a_fresh_build_gives() -> None:
    """After a change, an objective whose actions did not change reuses its rows; the
    chart is the one a fresh build makes, dependencies' dates and spans included."""
    data = _plan()
    a1, a2 = data.actions["a1"], data.actions["a2"]
    data = PlanData(
        objectives=data.objectives,
        actions={**data.actions, "a2": msgspec.structs.replace(a2, depends_on=("a1",))},
    )
    blocks: Blocks = {}
    assert build_rows(data, TODAY, None, blocks) == build_rows(data, TODAY)
    assert blocks
    changes: list[tuple[str, dict[str, Any]]] = [
        ("a3", {"status": Status.DONE}),
        ("a1", {"end": D(2026, 4, 1)}),  # A2 now starts before what it depends on ends
        ("a3", {"start": D(2024, 1, 1)}),  # the span of its objective grows
        ("a4", {"code": "A4444"}),  # the codes' column widens (an orphan's code too)
        ("a2", {"depends_on": ()}),  # no action depends on another any more
        ("a3", {"code": "A3333333", "depends_on": ("a1",)}),
    ]
    for action_id, fields in changes:
        before = data.actions[action_id]
        actions: dict[str, Record] = {
            **data.actions,
            action_id: msgspec.structs.replace(before, **fields),
        }
        data = data.evolve(data.plan, data.revision + 1, {**data.tables(), "actions": actions},
                           {"actions": {action_id}})  # fmt: skip
        kept = build_rows(data, TODAY, None, blocks)
        assert kept == build_rows(data, TODAY)
        if action_id == "a1":
            assert {r.code: r for r in kept}["A2"].dependency_broken
        # The codes' width and the legend's dependencies, kept per objective: as fresh.
        fresh = PlanData(data.plan, data.revision, **data.tables())
        widest = max(len(r.code) for r in build_rows(fresh, TODAY) if r.kind == "action")
        assert gantt_rows.code_width(data) == min(gantt_rows.CODE_WIDTH, widest)
        linked = any(a.depends_on for a in fresh.actions.values())
        assert gantt_rows.depends_any(data) is linked
    assert gantt_rows.code_width(data) == gantt_rows.CODE_WIDTH
    assert a1.end != data.actions["a1"].end


def test_the_rows_made_in_one_pass_are_those_made_one_by_one() -> None:
    """The timeline makes an objective's action rows in one comprehension: the same rows
    as `_action_row`, action by action (overdue, done, undated, depending on another)."""
    _, records = big_plan_records(4, 30, TODAY, seed=3)
    actions = [r for r in records if isinstance(r, Action)]
    actions[5] = msgspec.structs.replace(actions[5], depends_on=(actions[9].id,))
    data = PlanData(actions={a.id: a for a in actions})
    assert {a.status for a in actions} == set(Status)
    one_by_one = [gantt_rows._action_row(data, a, 2, 7, TODAY) for a in actions]
    assert gantt_rows._action_rows(data, actions, 2, 7, TODAY) == one_by_one
    assert any(row.overdue for row in one_by_one) and any(row.after for row in one_by_one)
