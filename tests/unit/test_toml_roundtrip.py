"""TOML round trip (SPEC §8): export -> import -> export gives identical text, ids included,
for the demo plan and for a plan whose every text field is hostile."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_tui.cli import main
from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    Objective,
    Organisation,
    Plan,
    Record,
    SharedStake,
    Stake,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.toml_io import parse_toml, to_toml
from coop_tui.storage.store import PlanStore
from tests.unit.plan_builders import D, data_of, hostile_plan, text_fields


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOP_TUI_TODAY", "2026-03-02")
    for var in ("COOP_TUI_LANG", "COOP_TUI_PLAN", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def unrevised(records: list[Record]) -> list[Record]:
    """Records without their storage revision (the store stamps its own)."""
    return sorted((dataclasses.replace(r, rev=0) for r in records), key=lambda r: (r.TABLE, r.id))


def stored_records(data: PlanData) -> list[Record]:
    return unrevised([r for name in ENTITY_TYPES for r in data.table(name).values()])


def round_trip_by_cli(capsys: pytest.CaptureFixture[str], plan_file: Path, tmp: Path) -> tuple[str, str]:
    first, second, copy = tmp / "first.toml", tmp / "second.toml", tmp / "copy.json"
    cli(capsys, "export", plan_file, "--format", "toml", "-o", first)
    cli(capsys, "import", first, "-o", copy)
    cli(capsys, "export", copy, "--format", "toml", "-o", second)
    return first.read_text("utf-8"), second.read_text("utf-8")


def test_demo_plan_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo.json"
    cli(capsys, "init", demo, "--demo")
    first, second = round_trip_by_cli(capsys, demo, tmp_path)
    assert first == second
    assert cli(capsys, "export", demo, "--format", "toml") == first  # stdout is the same text
    original = PlanStore(demo).read()
    copy = PlanStore(tmp_path / "copy.json").read()
    assert stored_records(copy) == stored_records(original)  # ids included
    assert dataclasses.replace(copy.plan, rev=0) == dataclasses.replace(original.plan, rev=0)
    doc = tomllib.loads(first)
    assert {a["id"] for a in doc["actions"]} == set(original.actions)


def test_every_text_field_of_the_hostile_plan_is_hostile() -> None:
    """Guards the test below: a field added to the model is covered automatically."""
    plan, records = hostile_plan()
    fields = text_fields(plan) + [f for r in records for f in text_fields(r)]
    assert len(fields) >= 55
    assert [name for name, text in fields if "\x1b[2J" not in text or "\u202e" not in text] == []
    covered = {type(r) for r in records}
    assert covered == set(ENTITY_TYPES.values())


def test_hostile_plan_round_trip_in_memory() -> None:
    plan, records = hostile_plan()
    text = to_toml(data_of(*records, plan=plan))
    assert "\x1b" not in text and "\x00" not in text  # `cat plan.toml` sends no escape
    again = parse_toml(text)
    assert again.plan == plan
    assert unrevised(again.records) == unrevised(records)
    assert to_toml(data_of(*again.records, plan=again.plan)) == text


def test_hostile_plan_round_trip_through_the_cli(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    plan, records = hostile_plan()
    path = tmp_path / "hostile.json"
    PlanStore(path).create(plan, records)
    first, second = round_trip_by_cli(capsys, path, tmp_path)
    assert first == second
    copy = PlanStore(tmp_path / "copy.json").read()
    assert stored_records(copy) == unrevised(records)
    assert dataclasses.replace(copy.plan, id="", rev=0) == plan


def test_import_refuses_an_existing_plan_unless_forced(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    demo, other = tmp_path / "demo.json", tmp_path / "other.json"
    cli(capsys, "init", demo, "--demo")
    cli(capsys, "init", other, "--title", "Autre")
    exported = tmp_path / "demo.toml"
    cli(capsys, "export", demo, "--format", "toml", "-o", exported)
    before = other.read_bytes()
    assert main(["import", str(exported), "-o", str(other)]) == 1
    assert other.read_bytes() == before
    cli(capsys, "import", exported, "-o", other, "--force")
    assert len(PlanStore(other).read().actions) == 21


# --- random text ---------------------------------------------------------------------------

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
#: Required fields must hold something besides blanks.
some_text = any_text.map(lambda s: "x" + s)


@st.composite
def random_plans(draw: st.DrawFn) -> tuple[Plan, list[Record]]:
    plan = Plan(title=draw(some_text), description=draw(any_text), territory=draw(any_text))
    records: list[Record] = [
        Organisation(id="o1", name="1" + draw(any_text), skills=tuple(draw(st.lists(any_text, max_size=3))),
                     diagnosis=draw(any_text), contact=draw(any_text)),
        Organisation(id="o2", name="2" + draw(any_text)),
        Stake(id="s1", organisation="o1", statement=draw(some_text), risk=draw(any_text)),
        Stake(id="s2", organisation="o2", statement=draw(some_text), gain=draw(any_text)),
        SharedStake(id="e1", code="E1" + draw(any_text), title=draw(some_text), stakes=("s1", "s2")),
        Objective(id="ob1", code="O1" + draw(any_text), shared_stake="e1", statement=draw(some_text),
                  expected_results=draw(any_text), deadline=draw(st.none() | st.dates(D(2000, 1, 1))),
                  approvals={"o1": D(2026, 1, 1)}, realistic=draw(st.none() | st.booleans())),
        Action(id="a1", code="A1" + draw(any_text), objective="ob1", title=draw(some_text),
               description=draw(any_text), skills=tuple(draw(st.lists(any_text, max_size=3))),
               remedy_note=draw(any_text), order=draw(st.floats(-1e6, 1e6))),
    ]
    return plan, records


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_plans())
def test_random_text_survives_the_round_trip(plan_and_records: tuple[Plan, list[Record]]) -> None:
    plan, records = plan_and_records
    text = to_toml(data_of(*records, plan=plan))
    again = parse_toml(text)
    assert again.plan == plan
    assert unrevised(again.records) == unrevised(records)
    assert to_toml(data_of(*again.records, plan=again.plan)) == text
