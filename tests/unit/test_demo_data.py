"""The bundled demo plan (src/coop_tui/data/demo.toml) keeps what the demo promises.

A phased, steered and financed three-year project: three phases with their milestones, an
ETTI joining in phase 2, dependencies, types of cooperation, a qualitative indicator, one
answer per missing skill, reviews and their decisions, a baseline and the drift since it,
an approval to renew, budget lines and funders with a small funding gap, and an indicator
behind its path. Statuses are as of the demo day (17/11/2025 in the data).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from msgspec import Struct

from coop_tui.demo import DEMO_TODAY, demo_plan
from coop_tui.domain import approvals, finance, indicators
from coop_tui.domain.checks import (
    blocked_actions,
    date_contradictions,
    overdue_actions,
    skill_gaps,
    smart_check,
)
from coop_tui.domain.model import ENTITY_TYPES, Action, Objective, Phase, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.toml_io import ImportedPlan, parse_toml, to_toml
from coop_tui.storage.store import PlanStore
from tests.helpers import TODAY

D = dt.date
NBSP = "\u00a0"
NNBSP = "\u202f"


def _text() -> str:
    return (importlib.resources.files("coop_tui") / "data" / "demo.toml").read_text("utf-8")


def _data(imported: ImportedPlan) -> PlanData:
    tables: dict[str, dict[str, object]] = {name: {} for name in ENTITY_TYPES}
    for record in imported.records:
        tables[record.TABLE][record.id] = record
    return PlanData(plan=imported.plan, **tables)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def imported() -> ImportedPlan:
    return demo_plan(DEMO_TODAY)  # raises TomlImportError on any problem


@pytest.fixture(scope="module")
def data(imported: ImportedPlan) -> PlanData:
    return _data(imported)


def _action(data: PlanData, code: str) -> Action:
    (found,) = data.find_by_code("actions", code)
    assert isinstance(found, Action)
    return found


def _objective(data: PlanData, code: str) -> Objective:
    (found,) = data.find_by_code("objectives", code)
    assert isinstance(found, Objective)
    return found


def _org(data: PlanData, kind: str) -> str:
    (found,) = [o.id for o in data.organisations.values() if o.kind == kind]
    return found


def _phase_of(data: PlanData, day: dt.date | None) -> Phase:
    assert day is not None
    (found,) = [p for p in data.sorted_phases() if p.start and p.end and p.start <= day <= p.end]
    return found


def _codes(data: PlanData, ids: tuple[str, ...] | list[str]) -> list[str]:
    return sorted(data.actions[i].code for i in ids)


# --- the file itself ---------------------------------------------------------------


def test_parses_cleanly(imported: ImportedPlan) -> None:
    assert re.search(r"^schema = 2$", _text(), re.MULTILINE)
    assert imported.plan.title == "Coop'Vernière – Logistique & services inclusifs"
    assert imported.plan.language == "fr"
    assert imported.plan.mode == "phased"
    assert imported.plan.start == D(2025, 1, 1)
    assert imported.plan.end == D(2027, 12, 31)


def test_export_round_trip(data: PlanData) -> None:
    imported = parse_toml(_text())
    text = to_toml(_data(imported))
    again = parse_toml(text)
    assert again.plan == imported.plan
    assert again.records == imported.records
    assert to_toml(_data(again)) == text


def test_counts(data: PlanData) -> None:
    counts = {name: len(data.table(name)) for name in ENTITY_TYPES}
    assert counts == {
        "phases": 3,
        "milestones": 3,
        "organisations": 4,
        "people": 6,
        "stakes": 12,
        "shared_stakes": 3,
        "objectives": 9,
        "indicators": 11,
        "measurements": 20,
        "partners": 15,
        "actions": 21,
        "budget_lines": 16,
        "funders": 6,
        "reviews": 5,
        "decisions": 3,
        "baselines": 1,
    }


# --- stakes, objectives, organisations ----------------------------------------------


def test_shared_stakes_and_objectives(data: PlanData) -> None:
    assert sorted(s.code for s in data.shared_stakes.values()) == ["E1", "E2", "E3"]
    roots = data.children("")
    assert [o.code for o in roots] == ["O1", "O2", "O3"]
    assert all(o.shared_stake for o in roots)
    children = [c.code for o in roots for c in data.children(o.id)]
    assert children == ["O1.1", "O1.2", "O2.1", "O2.2", "O3.1", "O3.2"]


def test_organisations(data: PlanData) -> None:
    kinds = sorted(o.kind for o in data.organisations.values())
    assert kinds == ["ACI", "AI", "EI", "ETTI"]
    leads = [o.name for o in data.organisations.values() if o.role == "lead"]
    assert leads == ["Les Jardins de la Vernière"]


def test_cooperation_types(data: PlanData) -> None:
    types = {o.code: o.cooperation for o in data.objectives.values() if o.cooperation}
    assert types == {
        "O1": ("gme",),
        "O2": ("employer_group", "shared_support"),
        "O3": ("partnership_agreement",),
    }


# --- phases ---------------------------------------------------------------------------


def test_three_phases_with_their_milestones(data: PlanData) -> None:
    phases = data.sorted_phases()
    assert [(p.name, p.start, p.end) for p in phases] == [
        ("Amorçage", D(2025, 1, 1), D(2025, 12, 31)),
        ("Structuration", D(2026, 1, 1), D(2026, 12, 31)),
        ("Consolidation", D(2027, 1, 1), D(2027, 12, 31)),
    ]
    milestones = [[(m.date, m.name) for m in data.milestones_of(p.id)] for p in phases]
    assert milestones == [
        [(D(2025, 6, 30), "Convention de GME signée")],
        [(D(2026, 6, 30), "Premier marché attribué et entrepôt opérationnel")],
        [(D(2027, 12, 31), f"Bilan final{NBSP}: 15{NBSP}000 h d'insertion")],
    ]
    assert all(m.criteria for m in data.milestones.values())
    passed = [m for m in data.milestones.values() if m.date and m.date < DEMO_TODAY]
    assert [m.outcome for m in passed] == ["go"]


def test_the_etti_joins_in_phase_2(data: PlanData) -> None:
    second = data.sorted_phases()[1]
    joining = {o.kind: o.phase for o in data.organisations.values()}
    assert joining == {"ACI": "", "AI": "", "EI": "", "ETTI": second.id}


def test_actions_take_the_phase_they_end_in(data: PlanData) -> None:
    for action in data.actions.values():
        assert action.phase == _phase_of(data, action.end).id, action.code
    by_phase = {
        p.name: [a.code for a in data.sorted_actions() if a.phase == p.id]
        for p in data.sorted_phases()
    }
    assert by_phase["Amorçage"] == ["A1", "A2", "A3", "A8", "A12", "A15"]
    assert {"A4", "A9", "A13", "A16"} <= set(by_phase["Structuration"])  # A4 put off to phase 2
    assert by_phase["Consolidation"] == ["A11", "A14", "A18", "A20"]


def test_objectives_take_the_phase_their_action_plan_starts_in(data: PlanData) -> None:
    for objective in data.operational_objectives():
        first = min(a.start for a in data.actions_of(objective.id) if a.start)
        assert objective.phase == _phase_of(data, first).id, objective.code
    order = {p.id: n for n, p in enumerate(data.sorted_phases())}
    for root in data.children(""):
        assert order[root.phase] == min(order[c.phase] for c in data.children(root.id))
    names = {p.id: p.name for p in data.phases.values()}
    assert {o.code: names[o.phase] for o in data.objectives.values()} == {
        "O1": "Amorçage", "O1.1": "Amorçage", "O1.2": "Structuration",
        "O2": "Amorçage", "O2.1": "Amorçage", "O2.2": "Amorçage",
        "O3": "Amorçage", "O3.1": "Amorçage", "O3.2": "Structuration",
    }  # fmt: skip


def test_the_etti_is_absent_from_phase_1_approvals(data: PlanData) -> None:
    etti = _org(data, "ETTI")
    first = data.sorted_phases()[0].id
    for objective in data.objectives.values():
        expected = {o.id for o in approvals.partners_expected(data, objective)}
        if objective.phase == first:
            assert etti not in objective.approvals, objective.code
            assert etti not in expected
        else:
            assert etti in expected
    assert etti in _objective(data, "O1.2").approvals
    assert etti not in _objective(data, "O3.2").approvals  # still to approve its own pathways


# --- actions ----------------------------------------------------------------------------


def test_action_codes_and_statuses(data: PlanData) -> None:
    by_code = {a.code: a for a in data.actions.values()}
    assert set(by_code) == {f"A{n}" for n in range(1, 22)}
    expected = dict.fromkeys(by_code, Status.TODO)
    expected.update(dict.fromkeys(("A1", "A2", "A8"), Status.DONE))
    expected.update(dict.fromkeys(("A3", "A12", "A15"), Status.IN_PROGRESS))
    expected["A9"] = Status.BLOCKED
    assert {code: a.status for code, a in by_code.items()} == expected


def test_a21_trains_two_people_on_the_crm(data: PlanData) -> None:
    a21 = _action(data, "A21")
    assert a21.title == "Former deux salarié·e·s à l'outil CRM"
    assert data.objectives[a21.objective].code == "O2.1"
    assert (a21.start, a21.end, a21.status) == (D(2026, 4, 1), D(2026, 5, 31), Status.TODO)
    assert data.lead_name(a21) == "Thomas Girard"
    assert [data.partners[p].name for p in a21.partners] == ["OPCO"]
    assert finance.action_budget(data, a21) == 900.0


def test_a3_overdue_and_a9_blocked_on_the_demo_day(data: PlanData) -> None:
    assert [a.code for a in overdue_actions(data, DEMO_TODAY)] == ["A3"]
    assert [a.code for a in blocked_actions(data)] == ["A9"]


def test_a_created_demo_keeps_its_statuses_on_any_day(demo_path: Path) -> None:
    created = PlanStore(demo_path).read()
    assert created.plan.mode == "phased"
    assert [a.code for a in overdue_actions(created, TODAY)] == ["A3"]
    assert [a.code for a in blocked_actions(created)] == ["A9"]
    assert _phase_of(created, TODAY).name == "Amorçage"
    a3 = _action(created, "A3")
    assert a3.end == D(2025, 11, 14) + (TODAY - DEMO_TODAY)
    assert _lapsed(created) == [("O2.2", "Cycl'Avenir")]


def _lapsed(data: PlanData) -> list[tuple[str, str]]:
    return sorted(
        (o.code, data.organisations[org].name)
        for o in data.objectives.values()
        for org, a in o.approvals.items()
        if approvals.approval_lapsed(data, o, a)
    )


@pytest.mark.parametrize("days", [0, 105, 400, -800])
def test_the_shifted_demo_tells_the_same_story(data: PlanData, days: int) -> None:
    """Moving every date (and, past half a year, every year) changes nothing that matters:
    approvals still match what they approved, money and paths stay as they were."""
    today = DEMO_TODAY + dt.timedelta(days=days)
    shifted = _data(demo_plan(today))
    assert _lapsed(shifted) == [("O2.2", "Cycl'Avenir")]
    assert [a.code for a in overdue_actions(shifted, today)] == ["A3"]
    before, after = finance.financing_plan(data), finance.financing_plan(shifted)
    assert (after.total, after.gap) == (before.total, before.gap)
    assert sorted(after.by_year.values()) == sorted(before.by_year.values())
    status = {
        i.name: indicators.path_status(shifted, i, today) for i in shifted.indicators.values()
    }
    assert status == {
        i.name: indicators.path_status(data, i, DEMO_TODAY) for i in data.indicators.values()
    }


def test_dependencies(data: PlanData) -> None:
    pairs = sorted(
        (data.actions[dep].code, a.code) for a in data.actions.values() for dep in a.depends_on
    )
    assert pairs == sorted([
        ("A2", "A3"), ("A12", "A13"), ("A13", "A14"), ("A15", "A16"),
        ("A16", "A18"), ("A17", "A18"), ("A19", "A20"), ("A10", "A21"),
    ])  # fmt: skip
    kinds = {c.kind for c in date_contradictions(data)}
    assert "starts_before_dependency" not in kinds


def test_one_answer_per_missing_skill(data: PlanData) -> None:
    gaps = [
        (
            data.actions[g.action].code,
            g.skill,
            g.remedy.kind if g.remedy else None,
            data.actions[g.remedy.action].code if g.remedy and g.remedy.action else "",
        )
        for g in skill_gaps(data)
    ]
    assert gaps == [
        ("A10", "CRM", "training", "A21"),
        ("A11", "relation entreprises", "recruitment", "A9"),
        ("A13", "informatique", "expert", ""),
    ]
    assert "relation entreprises" in _action(data, "A11").skills
    assert all(g.remedy and g.remedy.note for g in skill_gaps(data))


# --- indicators -------------------------------------------------------------------------


def test_satisfaction_is_qualitative_on_a_scale(data: PlanData) -> None:
    (satisfaction,) = [i for i in data.indicators.values() if i.kind == "qualitative"]
    assert satisfaction.name == "Satisfaction des acheteurs"
    assert satisfaction.scale == ("insuffisant", "moyen", "bon", "très bon")
    assert (satisfaction.baseline_level, satisfaction.target_level) == ("", "bon")
    assert satisfaction.target is None and satisfaction.baseline is None
    assert data.objectives[satisfaction.objective].code == "O3.1"


def test_an_indicator_is_behind_its_path(data: PlanData) -> None:
    stepped = [i for i in data.indicators.values() if i.steps]
    assert len(stepped) >= 3
    status = {i.name: indicators.path_status(data, i, DEMO_TODAY) for i in data.indicators.values()}
    assert status["Coûts des fonctions support"] == "behind"
    assert status["Marchés attribués"] == "ahead"
    assert sum(s == "on_track" for s in status.values()) >= 5


def test_measurements_before_demo_today(data: PlanData) -> None:
    dates = [m.date for m in data.measurements.values()]
    assert dates and all(d is not None and d <= DEMO_TODAY for d in dates)
    (markets,) = [i for i in data.indicators.values() if i.name == "Marchés attribués"]
    assert [m.value for m in data.measurements_of(markets.id)] == [0.0, 1.0]


def test_smart_check_flags_what_the_demo_means_to_show(data: PlanData) -> None:
    failing = {
        o.code: [(letter.letter, letter.reason) for letter in smart_check(data, o) if not letter.ok]
        for o in data.objectives.values()
    }
    assert failing.pop("O2.2") == [("A", "smart.to_renew"), ("R", "smart.not_judged")]
    assert failing.pop("O3.2") == [("A", "smart.not_approved")]
    assert all(not letters for letters in failing.values())


def test_cycl_avenir_approval_of_o2_2_is_to_renew(data: PlanData) -> None:
    assert _lapsed(data) == [("O2.2", "Cycl'Avenir")]
    o22 = _objective(data, "O2.2")
    assert approvals.lapsed_because(data, o22, o22.approvals[_org(data, "EI")]) == ["targets"]
    (costs,) = [i for i in data.indicators_of(o22.id) if i.name == "Coûts des fonctions support"]
    old = o22.approvals[_org(data, "EI")]
    assert old.targets[costs.id].value == 85000.0
    assert approvals.approved_target(costs).value == 80000.0


# --- steering -------------------------------------------------------------------------


def test_reviews_and_decisions(data: PlanData) -> None:
    reviews = [(r.date, r.kind, r.title) for r in data.sorted_reviews()]
    assert [(d, k) for d, k, _ in reviews] == [
        (D(2025, 4, 15), "copil"),
        (D(2025, 9, 10), "cotech"),
        (D(2025, 11, 12), "cotech"),
        (D(2025, 12, 11), "copil"),
        (D(2026, 6, 15), "midterm"),
    ]
    assert reviews[0][2] == "COPIL 1" and reviews[3][2] == "COPIL 2"
    midterm = data.sorted_reviews()[-1]
    assert all(who in midterm.guests for who in ("DDETS", "Département", "Agglo"))
    assert len(data.sorted_reviews()[0].organisations) == 4
    decisions = {
        data.reviews[d.review].date: (d.text, d.done is not None) for d in data.decisions.values()
    }
    assert decisions == {
        D(2025, 4, 15): ("Lancer l'étude de marché réemploi", True),
        D(2025, 9, 10): (
            "Reporter A4 d'environ trois mois, pour l'achever au premier trimestre de la phase 2",
            True,
        ),
        D(2025, 11, 12): ("Relancer le Département sur le cofinancement du poste (A9)", False),
    }
    (open_decision,) = [d for d in data.decisions.values() if d.done is None]
    assert data.people[open_decision.owner].name == "Nadia Benali"
    assert open_decision.due == D(2025, 11, 30)
    assert _codes(data, list(open_decision.actions)) == ["A9"]


def test_baseline_copil_1_and_the_drift_since(data: PlanData) -> None:
    (baseline,) = data.baselines.values()
    assert baseline.name == "COPIL 1"
    assert data.reviews[baseline.review].title == "COPIL 1"
    assert baseline.date == D(2025, 4, 15)
    frozen = {b.code: b for b in baseline.actions.values()}
    assert set(frozen) == {f"A{n}" for n in range(1, 22)} - {"A10", "A21"}
    assert all(aid in data.actions for aid in baseline.actions)
    a3, a4, a9 = (_action(data, c) for c in ("A3", "A4", "A9"))
    assert frozen["A3"].end == D(2025, 10, 15) and a3.end is not None
    assert (a3.end - frozen["A3"].end).days == 30
    assert frozen["A4"].end == D(2025, 10, 31) and a4.end is not None
    assert 85 <= (a4.end - frozen["A4"].end).days <= 100  # about three months
    assert frozen["A9"].budget == 2 * 42_000.0
    assert finance.action_budget(data, a9) == 2 * 48_000.0
    for code, action in frozen.items():
        if code not in ("A3", "A4", "A9"):
            current = _action(data, code)
            assert (action.start, action.end) == (current.start, current.end), code
            assert action.budget == finance.action_budget(data, current), code
    costs = {i.name: (i.target, baseline.indicators[i.id].target) for i in data.indicators.values()}
    assert costs["Coûts des fonctions support"] == (80_000.0, 85_000.0)
    assert sorted(o.code for o in baseline.objectives.values()) == sorted(
        o.code for o in data.objectives.values()
    )


# --- money ----------------------------------------------------------------------------


def test_budget_total_matches_the_description(data: PlanData) -> None:
    plan = finance.financing_plan(data)
    found = re.search(r"environ ([\d\u00a0\u202f ]+)\u00a0€", data.plan.description)
    assert found, data.plan.description
    stated = int(re.sub(r"\D", "", found.group(1)))
    assert 300_000 <= plan.total <= 320_000
    assert abs(plan.total - stated) <= 500


def test_budget_lines_as_listed(data: PlanData) -> None:
    def lines(code: str) -> list[tuple[Any, ...]]:
        action = _action(data, code)
        return sorted(
            (
                line.nature,
                line.amount,
                line.quantity,
                line.yearly,
                line.first_year,
                line.last_year,
                line.in_kind,
            )
            for line in data.budget_lines_of(action.id)
        )

    assert lines("A9") == [("personnel", 48_000.0, 1.0, True, 2026, 2027, "")]
    (a9_line,) = data.budget_lines_of(_action(data, "A9").id)
    kinds = sorted(data.organisations[s.organisation].kind for s in a9_line.shares)
    assert kinds == ["ACI", "AI", "EI", "ETTI"]
    assert all(s.percent == 25.0 for s in a9_line.shares)
    assert lines("A13") == [
        ("investment", 7_500.0, 1.0, False, 2026, None, ""),
        ("running_costs", 2_400.0, 1.0, True, 2026, 2027, ""),
    ]
    assert lines("A16") == [
        ("investment", 85_000.0, 1.0, False, 2026, None, ""),
        ("running_costs", 12_000.0, 1.0, True, 2026, 2027, "premises"),
    ]
    assert [line for line in lines("A18") if line[-1] == ""] == [
        ("running_costs", 4_000.0, 1.0, True, 2026, 2027, "")
    ]
    assert sorted(line[-1] for line in lines("A18")) == ["", "equipment"]
    assert lines("A11") == [("running_costs", 1_500.0, 2.0, True, 2026, 2027, "")]
    providers = {x.in_kind: x.provider for x in data.budget_lines.values() if x.in_kind}
    in_kind = {kind: data.organisations[org].kind for kind, org in providers.items()}
    assert in_kind == {"staff": "ACI", "premises": "EI", "equipment": "ACI"}
    (coordination,) = [line for line in data.budget_lines.values() if line.in_kind == "staff"]
    assert [s.fte for s in coordination.shares] == [0.5]


def test_funders_and_a_small_gap(data: PlanData) -> None:
    funders = {f.name: f for f in data.funders.values()}
    assert len(funders) >= 3
    assert len({f.status for f in funders.values()}) >= 2
    ddets = funders["DDETS – FDI amorçage"]
    assert (ddets.amounts, ddets.status, ddets.paid) == ({"2025": 40_000.0}, "granted", 20_000.0)
    assert funders["Région Auvergne-Rhône-Alpes"].status == "paid"
    departement = funders["Département du Puy-de-Dôme"]
    assert departement.amounts == {"2026": 12_000.0, "2027": 12_000.0}
    assert departement.status == "requested"
    assert _codes(data, list(departement.actions)) == ["A9"]
    france_active = funders["France Active"]
    assert (france_active.status, sum(france_active.amounts.values())) == ("granted", 60_000.0)
    assert _codes(data, list(funders["OPCO"].actions)) == ["A20", "A21"]
    assert sum(funders["OPCO"].amounts.values()) == 14_400.0 + 900.0
    assert any(f.kind == "own_funds" for f in funders.values())
    linked = {p.name: data.funders[p.funder].name for p in data.partners.values() if p.funder}
    assert linked["DDETS"] == "DDETS – FDI amorçage"
    plan = finance.financing_plan(data)
    assert 0 < plan.gap < 10_000


# --- texts ------------------------------------------------------------------------------

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DATE_LIKE = [
    re.compile(r"\b202[4-9]\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE),
    re.compile(r"\bT[1-4]\b"),
]
#: The only words that may carry a middle dot: people (inclusive writing), never things.
_PEOPLE = {
    "salarié·e·s", "chargé·e", "un·e", "partagé·e", "candidat·e·s", "qualifié·e·s",
    "formé·e·s", "recruté·e", "recruté·e·s",
}  # fmt: skip


def _strings(value: Any) -> Iterator[str]:
    """Every text of a record; not its ids, nor the targets an approval froze."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Struct):
        for name in value.__struct_fields__:
            if name not in ("id", "rev", "targets"):
                yield from _strings(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _texts(imported: ImportedPlan) -> list[str]:
    texts = [*_strings(imported.plan)]
    for record in imported.records:
        texts += _strings(record)
    return [t for t in texts if t and not t.isdecimal()]  # references are whole numbers


def test_no_text_holds_a_date_or_a_year(imported: ImportedPlan) -> None:
    dated = [t for t in _texts(imported) if any(p.search(t) for p in _DATE_LIKE)]
    assert dated == []


def test_french_typography(imported: ImportedPlan) -> None:
    for text in _texts(imported):
        for found in re.finditer(r"[:;!?»]", text):
            assert found.start() > 0 and text[found.start() - 1] in (NBSP, NNBSP), text
        for found in re.finditer(r"«", text):
            assert text[found.end()] in (NBSP, NNBSP), text
        assert not re.search(r"\d \d{3}\b", text), text  # thousands keep together
        assert not re.search(r"\d [€%]", text), text
        for word in re.findall(r"[\w·]*·[\w·]*", text):
            assert word.casefold() in _PEOPLE, (word, text)
