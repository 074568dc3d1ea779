"""TOML round trip (SPEC §8): export -> import -> export gives identical text, ids included,
for the demo plan and for a plan whose every text field is hostile."""

from __future__ import annotations

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
    Remedy,
    SharedStake,
    Stake,
    replace,
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
    return sorted((replace(r, rev=0) for r in records), key=lambda r: (r.TABLE, r.id))


def stored_records(data: PlanData) -> list[Record]:
    return unrevised([r for name in ENTITY_TYPES for r in data.table(name).values()])


def round_trip_by_cli(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp: Path
) -> tuple[str, str]:
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
    assert replace(copy.plan, rev=0) == replace(original.plan, rev=0)
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
    plan, records = hostile_plan(controls=False)
    fields = text_fields(plan) + [f for r in records for f in text_fields(r)]
    assert [name for name, text in fields if "[/]" not in text or "🚀" not in text] == []


def test_hostile_plan_round_trip_in_memory() -> None:
    plan, records = hostile_plan(controls=False)
    text = to_toml(data_of(*records, plan=plan))
    again = parse_toml(text)
    assert again.plan == plan
    assert unrevised(again.records) == unrevised(records)
    assert to_toml(data_of(*again.records, plan=again.plan)) == text


def test_hostile_plan_round_trip_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan, records = hostile_plan(controls=False)
    path = tmp_path / "hostile.json"
    PlanStore(path).create(plan, records)
    first, second = round_trip_by_cli(capsys, path, tmp_path)
    assert first == second
    copy = PlanStore(tmp_path / "copy.json").read()
    assert stored_records(copy) == unrevised(records)
    assert replace(copy.plan, id="", rev=0) == replace(plan, id="")


def test_control_characters_are_escaped_by_the_export_and_refused_by_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file someone wrote by hand holds escape sequences: exporting it prints none of
    them raw, and importing the export refuses them, saying where each one is."""
    plan, records = hostile_plan()
    path = tmp_path / "hostile.json"
    PlanStore(path).create(plan, records)
    exported = tmp_path / "out.toml"
    cli(capsys, "export", path, "--format", "toml", "-o", exported)
    text = exported.read_text("utf-8")
    for raw in ("\x1b", "\x00", "\x7f", "\x9b", "\u202e"):
        assert raw not in text
    assert "\\u001b" in text and "\\u009b" in text and "\\u202e" in text.casefold()
    assert main(["--lang", "en", "import", str(exported), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "plan.title: Control character not allowed (U+001B)" in err
    assert not (tmp_path / "x.json").exists()


def test_import_refuses_an_existing_plan_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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


def _allowed(multiline: bool) -> st.SearchStrategy[str]:
    """Any text a form accepts: no control character (line breaks where they may be)."""
    from coop_tui.text import is_forbidden

    chars = st.characters(blacklist_categories=("Cs",)).filter(
        lambda c: not is_forbidden(c, multiline)
    )
    return st.text(chars, max_size=40)


any_text = _allowed(False)
multiline = _allowed(True)
#: Required fields must hold something besides blanks.
some_text = any_text.map(lambda s: "x" + s)


@st.composite
def random_plans(draw: st.DrawFn) -> tuple[Plan, list[Record]]:
    skill = draw(some_text)
    plan = Plan(title=draw(some_text), description=draw(any_text), territory=draw(any_text))
    records: list[Record] = [
        Organisation(
            id="1",
            name="1" + draw(any_text),
            skills=tuple(draw(st.lists(any_text, max_size=3))),
            diagnosis=draw(any_text),
            contact=draw(any_text),
        ),
        Organisation(id="2", name="2" + draw(any_text)),
        Stake(id="3", organisation="1", statement=draw(some_text), risk=draw(any_text)),
        Stake(id="4", organisation="2", statement=draw(some_text), gain=draw(any_text)),
        SharedStake(id="5", code="E1" + draw(any_text), title=draw(some_text), stakes=("3", "4")),
        Objective(
            id="6",
            code="O1" + draw(any_text),
            shared_stake="5",
            statement=draw(some_text),
            expected_results=draw(multiline),
            deadline=draw(st.none() | st.dates(D(2000, 1, 1), D(2200, 12, 31))),
            realistic=draw(st.none() | st.booleans()),
        ),
        Action(
            id="7",
            code="A1" + draw(any_text),
            objective="6",
            title=draw(some_text),
            description=draw(multiline),
            skills=(skill,),
            remedies=(Remedy(skill=skill, kind="training", note=draw(any_text)),),
            order=draw(st.floats(-1e6, 1e6)),
        ),
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
