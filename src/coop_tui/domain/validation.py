"""What is wrong with a record, in words a catalog can translate.

`validate(record, data)` returns `Problem`s: a field, a message key from the
i18n catalogs (``problem.<code>``) and the values it needs. Forms show them as
you type; the storage refuses to save a record that has any; the TOML import
reports them with where they are. Every write path goes through here, so this
is where untrusted text, dates and numbers are held to the rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

from msgspec import Struct

from coop_tui.domain import refs
from coop_tui.domain.model import (
    BUDGET_NATURES,
    COOPERATION_TYPES,
    FUNDER_KINDS,
    FUNDER_STATUSES,
    IN_KIND,
    INDICATOR_KINDS,
    MILESTONE_OUTCOMES,
    ORG_KINDS,
    ORG_ROLES,
    PARTNER_KINDS,
    PLAN_MODES,
    REMEDY_KINDS,
    REVIEW_KINDS,
    STAKE_CATEGORIES,
    Action,
    Baseline,
    BudgetLine,
    Decision,
    ExternalPartner,
    Funder,
    Indicator,
    Measurement,
    Milestone,
    Objective,
    Organisation,
    Person,
    Phase,
    Plan,
    Record,
    Review,
    SharedStake,
    Stake,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import describe_char, forbidden_char

#: Longest text accepted in any field (a long diagnosis fits; a pasted book does not).
MAX_TEXT = 20_000
MAX_SHORT = 300
MAX_NUMBER = 1e15
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
"""Dates outside these are typing mistakes (and break calendars and exports)."""

_SHORT_FIELDS = frozenset(
    {"name", "title", "code", "unit", "kind", "role", "category", "status", "label", "skill"}
)


class Problem(Struct, frozen=True):
    """One thing wrong with a record."""

    field: str
    code: str
    values: dict[str, Any] = {}

    @property
    def key(self) -> str:
        return f"problem.{self.code}"


# --- what every record is held to ---------------------------------------------------


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(field, value) for every plain value inside a record, dict keys included; a field
    of a nested struct is named `resources.working_days`."""
    if isinstance(value, Struct):
        for name in value.__struct_fields__:
            yield from _leaves(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _leaves(item, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path, key
            yield from _leaves(item, path)
    else:
        yield path, value


def _common(record: Record, out: list[Problem]) -> None:
    """Text without control characters and within length, dates and numbers in range."""
    seen: set[tuple[str, str]] = set()
    for name in record.__struct_fields__:
        if name in ("id", "rev"):
            continue
        multiline = name in record.MULTILINE
        for field, value in _leaves(getattr(record, name), name):
            problem: Problem | None = None
            if isinstance(value, str):
                bad = forbidden_char(value, multiline=multiline)
                limit = MAX_SHORT if field.rsplit(".", 1)[-1] in _SHORT_FIELDS else MAX_TEXT
                if bad is not None:
                    problem = Problem(field, "control_char", {"char": describe_char(bad)})
                elif len(value) > limit:
                    problem = Problem(field, "too_long", {"max": limit})
            elif isinstance(value, dt.date):
                if not MIN_DATE <= value <= MAX_DATE:
                    problem = Problem(field, "date_out_of_range", {"min": 1900, "max": 2200})
            elif (
                isinstance(value, float | int)
                and not isinstance(value, bool)
                and (not math.isfinite(value) or abs(value) > MAX_NUMBER)
            ):
                problem = Problem(field, "number_out_of_range", {"max": "10^15"})
            if problem is not None and (field, problem.code) not in seen:
                seen.add((field, problem.code))
                out.append(problem)


def _references(record: Record, data: PlanData, out: list[Problem]) -> None:
    for path, table, ref in refs.references(record):
        if ref not in data.table(table):
            field = path.split(".")[0]
            out.append(Problem(field, "unknown_reference", {"value": ref}))


# --- small helpers ------------------------------------------------------------------


def _required(out: list[Problem], name: str, value: str) -> None:
    if not value.strip():
        out.append(Problem(name, "required"))


def _choice(out: list[Problem], name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        out.append(Problem(name, "unknown_choice", {"value": value}))


def _dates(out: list[Problem], start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        out.append(Problem("end", "end_before_start"))


def fold(text: object) -> str:
    """The form in which two codes or names count as the same ("a3 " is A3)."""
    return str(text).strip().casefold()


def _kept(record: Any, before: Record | None, field: str) -> bool:
    """Whether a change keeps `field` as it was."""
    return before is not None and getattr(before, field, None) == getattr(record, field)


def _unique_code(out: list[Problem], record: Any, data: PlanData, before: Record | None) -> None:
    if _kept(record, before, "code"):
        return
    code = record.code.strip()
    # Case- and space-insensitive: the CLI finds "a3" as A3, so A3 and "a3 " would clash.
    if code and any(rid != record.id for rid in data.owners(record.TABLE, "code", fold, code)):
        out.append(Problem("code", "code_taken", {"code": code}))


def _unique_name(
    out: list[Problem], record: Any, data: PlanData, before: Record | None, field: str = "name"
) -> None:
    if _kept(record, before, field):
        return
    value = getattr(record, field)
    if value.strip() and any(
        rid != record.id for rid in data.owners(record.TABLE, field, fold, value)
    ):
        out.append(Problem(field, "name_taken", {"name": value}))


def _not_negative(out: list[Problem], name: str, value: float | None) -> None:
    if value is not None and value < 0:
        out.append(Problem(name, "negative"))


# --- per record ----------------------------------------------------------------------


def _plan(p: Plan, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", p.title)
    _dates(out, p.start, p.end)
    _choice(out, "mode", p.mode, PLAN_MODES)
    if p.language not in ("", "fr", "en"):
        out.append(Problem("language", "unknown_choice", {"value": p.language}))
    return out


def _phase(p: Phase, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", p.name)
    _unique_name(out, p, data, before)
    _dates(out, p.start, p.end)
    return out


def _milestone(m: Milestone, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", m.name)
    if m.date is None:
        out.append(Problem("date", "required"))
    _choice(out, "outcome", m.outcome, MILESTONE_OUTCOMES)
    return out


def _organisation(o: Organisation, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", o.name)
    _choice(out, "kind", o.kind, ORG_KINDS)
    _choice(out, "role", o.role, ORG_ROLES)
    _unique_name(out, o, data, before)
    return out


def _person(p: Person, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", p.name)
    if not p.organisation:
        out.append(Problem("organisation", "required"))
    return out


def _stake(s: Stake, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    if not s.organisation:
        out.append(Problem("organisation", "required"))
    _choice(out, "category", s.category, STAKE_CATEGORIES)
    _required(out, "statement", s.statement)
    return out


def _shared_stake(s: SharedStake, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", s.title)
    _unique_code(out, s, data, before)
    orgs = {data.stakes[sid].organisation for sid in s.stakes if sid in data.stakes}
    if len(orgs) < 2:
        out.append(Problem("stakes", "too_few_organisations", {"count": len(orgs)}))
    return out


def _objective(o: Objective, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "statement", o.statement)
    _unique_code(out, o, data, before)
    if o.parent:
        if o.parent == o.id or _is_descendant(data, o.parent, o.id):
            out.append(Problem("parent", "parent_cycle"))
    elif not o.shared_stake:
        out.append(Problem("shared_stake", "required"))
    for kind in o.cooperation:
        _choice(out, "cooperation", kind, COOPERATION_TYPES)
    return out


def _is_descendant(data: PlanData, start: str, target: str) -> bool:
    seen: set[str] = set()
    current = data.objectives.get(start)
    while current is not None and current.id not in seen:
        if current.id == target:
            return True
        seen.add(current.id)
        current = data.objectives.get(current.parent)
    return False


def _indicator(i: Indicator, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", i.name)
    if not i.objective:
        out.append(Problem("objective", "required"))
    _choice(out, "kind", i.kind, INDICATOR_KINDS)
    if i.kind == "qualitative":
        if len(i.scale) == 1:
            out.append(Problem("scale", "scale_too_short"))
        for name in ("baseline_level", "target_level"):
            level = getattr(i, name)
            if level and i.scale and level not in i.scale:
                out.append(Problem(name, "not_in_scale", {"value": level}))
        if not i.target_level:
            out.append(Problem("target_level", "required"))
        elif i.baseline_level == i.target_level:
            out.append(Problem("target_level", "target_equals_baseline"))
    elif i.kind == "time_based" and i.target is None:
        if i.target_date is None:
            out.append(Problem("target_date", "required"))
    elif i.target is None:
        out.append(Problem("target", "required"))
    elif i.baseline is not None and i.target == i.baseline:
        out.append(Problem("target", "target_equals_baseline"))
    for step in i.steps:
        if step.level and i.scale and step.level not in i.scale:
            out.append(Problem("steps", "not_in_scale", {"value": step.level}))
    return out


def _measurement(m: Measurement, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    if not m.indicator:
        out.append(Problem("indicator", "required"))
    if m.date is None:
        out.append(Problem("date", "required"))
    indicator = data.indicators.get(m.indicator)
    kind = indicator.kind if indicator else "quantitative"
    if kind == "qualitative":
        if not m.level:
            out.append(Problem("level", "required"))
        elif indicator is not None and indicator.scale and m.level not in indicator.scale:
            out.append(Problem("level", "not_in_scale", {"value": m.level}))
    elif kind == "time_based":
        pass  # the date itself is the value; a number (a delay) may come with it
    elif m.value is None:
        out.append(Problem("value", "required"))
    return out


def _partner(p: ExternalPartner, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", p.name)
    _choice(out, "kind", p.kind, PARTNER_KINDS)
    return out


def _action(a: Action, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "title", a.title)
    _unique_code(out, a, data, before)
    if not a.objective:
        out.append(Problem("objective", "required"))
    if a.id and a.id in a.depends_on:
        out.append(Problem("depends_on", "depends_on_itself"))
    elif cycle := dependency_cycle(data, a):
        out.append(Problem("depends_on", "dependency_cycle", {"cycle": " → ".join(cycle)}))
    _dates(out, a.start, a.end)
    if a.duration is not None and a.duration < 1:
        out.append(Problem("duration", "not_positive"))
    _not_negative(out, "working_days", a.resources.working_days)
    skills = {s.strip().casefold() for s in a.skills}
    for remedy in a.remedies:
        _choice(out, "remedies", remedy.kind, ("", *REMEDY_KINDS))
        if remedy.skill.strip().casefold() not in skills:
            out.append(Problem("remedies", "remedy_without_skill", {"skill": remedy.skill}))
    return out


def dependency_cycle(data: PlanData, action: Action) -> list[str]:
    """The codes along a dependency cycle through `action` as it would be saved, or [].

    A new action (no id yet) cannot close a cycle: nothing depends on it.
    """
    if not action.id:
        return []

    def deps(aid: str) -> tuple[str, ...]:
        if aid == action.id:
            return action.depends_on
        other = data.actions.get(aid)
        return other.depends_on if other else ()

    def code(aid: str) -> str:
        other = action if aid == action.id else data.actions.get(aid)
        return (other.code or aid) if other else aid

    stack = [(dep, [action.id, dep]) for dep in action.depends_on]
    seen: set[str] = set()
    while stack:
        aid, path = stack.pop()
        if aid == action.id:
            return [code(a) for a in path]
        if aid in seen:
            continue
        seen.add(aid)
        stack.extend((nxt, [*path, nxt]) for nxt in deps(aid))
    return []


def _budget_line(b: BudgetLine, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    if not b.action:
        out.append(Problem("action", "required"))
    _choice(out, "nature", b.nature, BUDGET_NATURES)
    _choice(out, "in_kind", b.in_kind, IN_KIND)
    _not_negative(out, "amount", b.amount)
    if b.quantity <= 0:
        out.append(Problem("quantity", "not_positive"))
    for name in ("first_year", "last_year"):
        year = getattr(b, name)
        if year is not None and not MIN_DATE.year <= year <= MAX_DATE.year:
            out.append(Problem(name, "date_out_of_range", {"min": 1900, "max": 2200}))
    if b.first_year and b.last_year and b.last_year < b.first_year:
        out.append(Problem("last_year", "end_before_start"))
    if b.in_kind and not b.provider:
        out.append(Problem("provider", "required"))
    percent = sum(s.percent or 0.0 for s in b.shares)
    amounts = sum(s.amount or 0.0 for s in b.shares)
    each = b.amount * b.quantity
    if percent > 100.000001:
        out.append(Problem("shares", "shares_over_100", {"total": round(percent, 2)}))
    elif amounts and percent / 100 * each + amounts > each + 0.005:
        # Shares in euros (with any percentages) beyond the line: a partner would carry
        # more than the line, and the partners' totals would exceed the charges.
        out.append(Problem("shares", "shares_over_amount"))
    orgs = [s.organisation for s in b.shares]
    if len(set(orgs)) != len(orgs):
        out.append(Problem("shares", "duplicate_share"))
    for share in b.shares:
        for value in (share.percent, share.amount, share.fte, share.days):
            _not_negative(out, "shares", value)
    return out


def _funder(f: Funder, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", f.name)
    _choice(out, "kind", f.kind, FUNDER_KINDS)
    _choice(out, "status", f.status, FUNDER_STATUSES)
    for year, amount in f.amounts.items():
        if not (year.isdecimal() and MIN_DATE.year <= int(year) <= MAX_DATE.year):
            out.append(Problem("amounts", "bad_year", {"value": year}))
        _not_negative(out, "amounts", amount)
    _not_negative(out, "paid", f.paid)
    return out


def _review(r: Review, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _choice(out, "kind", r.kind, REVIEW_KINDS)
    if r.date is None:
        out.append(Problem("date", "required"))
    return out


def _decision(d: Decision, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "text", d.text)
    if not d.review:
        out.append(Problem("review", "required"))
    return out


def _baseline(b: Baseline, data: PlanData, before: Any = None) -> list[Problem]:
    out: list[Problem] = []
    _required(out, "name", b.name)
    _unique_name(out, b, data, before)
    return out


_VALIDATORS: dict[type, Callable[[Any, PlanData, Any], list[Problem]]] = {
    Plan: _plan,
    Phase: _phase,
    Milestone: _milestone,
    Organisation: _organisation,
    Person: _person,
    Stake: _stake,
    SharedStake: _shared_stake,
    Objective: _objective,
    Indicator: _indicator,
    Measurement: _measurement,
    ExternalPartner: _partner,
    Action: _action,
    BudgetLine: _budget_line,
    Funder: _funder,
    Review: _review,
    Decision: _decision,
    Baseline: _baseline,
}


def validate(record: Record, data: PlanData, before: Record | None = None) -> list[Problem]:
    """Every problem with `record`, were it saved into `data`.

    `before`: the record as it is now, when this is a change of it. A code or a name the
    change keeps cannot have become taken by it, so its uniqueness is not looked up again
    (a plan of 5,000 actions would look through all their codes at every card move).
    """
    problems = _VALIDATORS[type(record)](record, data, before)
    _references(record, data, problems)
    _common(record, problems)
    return problems
