"""The bundled demo plan (src/coop_tui/data/demo.toml) is complete and consistent."""

from __future__ import annotations

import importlib.resources

import pytest

from coop_tui.domain.checks import skill_gaps, smart_check
from coop_tui.domain.model import ENTITY_TYPES, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.toml_io import ImportedPlan, parse_toml, to_toml


def _text() -> str:
    return (importlib.resources.files("coop_tui") / "data" / "demo.toml").read_text("utf-8")


def _data(imported: ImportedPlan) -> PlanData:
    tables: dict[str, dict[str, object]] = {name: {} for name in ENTITY_TYPES}
    for record in imported.records:
        tables[record.TABLE][record.id] = record
    return PlanData(plan=imported.plan, **tables)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def imported() -> ImportedPlan:
    return parse_toml(_text())  # raises TomlImportError on any problem


@pytest.fixture(scope="module")
def data(imported: ImportedPlan) -> PlanData:
    return _data(imported)


def test_parses_cleanly(imported: ImportedPlan) -> None:
    assert imported.plan.title == "Coop'Vernière – Logistique & services inclusifs"
    assert imported.plan.language == "fr"
    assert imported.plan.mode == "simple"
    assert str(imported.plan.start) == "2025-01-01"
    assert str(imported.plan.end) == "2027-12-31"


def test_export_round_trip(imported: ImportedPlan, data: PlanData) -> None:
    text = to_toml(data)
    again = parse_toml(text)
    assert again.plan == imported.plan
    assert again.records == imported.records
    assert to_toml(_data(again)) == text


def test_counts(data: PlanData) -> None:
    assert len(data.organisations) == 4
    assert len(data.people) == 6
    assert len(data.stakes) == 12
    assert len(data.shared_stakes) == 3
    assert len(data.indicators) == 11
    assert len(data.partners) == 15
    assert len(data.actions) == 21


def test_shared_stakes_and_objectives(data: PlanData) -> None:
    assert sorted(s.code for s in data.shared_stakes.values()) == ["E1", "E2", "E3"]
    roots = data.children("")
    assert [o.code for o in roots] == ["O1", "O2", "O3"]
    assert all(o.shared_stake for o in roots)
    children = [c.code for o in roots for c in data.children(o.id)]
    assert children == ["O1.1", "O1.2", "O2.1", "O2.2", "O3.1", "O3.2"]
    assert len(data.objectives) == 3 + 6


def test_organisations(data: PlanData) -> None:
    kinds = sorted(o.kind for o in data.organisations.values())
    assert kinds == ["ACI", "AI", "EI", "ETTI"]
    leads = [o.name for o in data.organisations.values() if o.role == "lead"]
    assert leads == ["Les Jardins de la Vernière"]


def test_action_codes_and_statuses(data: PlanData) -> None:
    by_code = {a.code: a for a in data.actions.values()}
    assert set(by_code) == {f"A{n}" for n in range(1, 22)}
    expected = {code: Status.TODO for code in by_code}
    expected.update({c: Status.DONE for c in ("A1", "A2", "A8")})
    expected.update({c: Status.IN_PROGRESS for c in ("A3", "A12", "A15")})
    expected["A9"] = Status.BLOCKED
    assert {code: a.status for code, a in by_code.items()} == expected


def test_skill_gaps_are_crm_and_informatique(data: PlanData) -> None:
    gaps = [(data.actions[g.action].code, g.skill, g.remedy) for g in skill_gaps(data)]
    assert gaps == [("A10", "CRM", "training"), ("A13", "informatique", "expert")]


def test_smart_check_flags_what_the_demo_means_to_show(data: PlanData) -> None:
    failing = {
        o.code: [letter.letter for letter in smart_check(data, o) if not letter.ok]
        for o in data.objectives.values()
    }
    assert failing.pop("O2.2") == ["R"]
    assert failing.pop("O3.2") == ["A"]
    assert all(not letters for letters in failing.values())


def test_measurements_before_demo_today(data: PlanData) -> None:
    dates = [m.date for m in data.measurements.values()]
    assert dates and all(d is not None and str(d) <= "2025-11-17" for d in dates)
