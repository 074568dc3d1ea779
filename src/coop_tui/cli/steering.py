"""Steering from the command line: `backplan`, `baseline`, `drift`, `budget`.

`backplan` works out the latest dates backwards from an objective's deadline
(or a milestone) and, with `--apply`, writes them in one transaction that `undo`
takes back. `baseline` freezes the plan as validated; `drift` lists what moved
since. `budget` prints the financing plan. JSON for scripts, text for people.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coop_tui.cli.common import Failure, load, today
from coop_tui.cli.reading import print_json
from coop_tui.domain.model import Objective
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def resolve_objective(data: PlanData, ref: str, tr: Translator) -> Objective:
    """An objective by code (O3.1, any case) or id."""
    if ref in data.objectives:
        return data.objectives[ref]
    found = data.find_by_code("objectives", ref)
    if len(found) == 1:
        assert isinstance(found[0], Objective)
        return found[0]
    if not found:
        raise Failure(tr.t("cli.unknown_objective", ref=clean(ref)))
    raise Failure(tr.t("cli.ambiguous_objective", ref=clean(ref), count=len(found)))


def _milestone_date(data: PlanData, name: str, tr: Translator) -> Any:
    wanted = name.strip().casefold()
    for milestone in data.milestones.values():
        if milestone.name.strip().casefold() == wanted:
            return milestone.date
    raise Failure(tr.t("cli.unknown_milestone", name=clean(name)))


def backplan(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.domain import backplan as bp

    store, data, tr = load(args, tr, writes=args.apply)
    objective = resolve_objective(data, args.objective, tr)
    deadline = _milestone_date(data, args.milestone, tr) if args.milestone else objective.deadline
    if deadline is None:
        raise Failure(tr.t("cli.backplan.no_deadline", code=clean(objective.code)))
    result = bp.backplan(data, objective.id, today(), deadline)
    if result.cycle:
        raise Failure(tr.t("cli.backplan.cycle", cycle=" → ".join(clean(c) for c in result.cycle)))
    if args.apply:
        _apply(store, objective, result, tr)
    if args.json:
        print_json(_backplan_json(data, objective, result))
        return 0
    print(tr.t("cli.backplan.title", code=clean(objective.code), deadline=tr.date(deadline)))
    for slot in result.slots:
        action = data.actions[slot.action]
        marks = "".join(
            (" " + tr.t(key)) for key, on in (
                ("cli.backplan.critical", slot.critical),
                ("cli.backplan.late", slot.should_have_started),
                ("cli.backplan.guessed", slot.guessed),
            ) if on
        )  # fmt: skip
        print(tr.t(
            "cli.backplan.line", code=clean(action.code or action.id), title=clean(action.title),
            start=tr.date(slot.latest_start), end=tr.date(slot.latest_end), slack=slot.slack,
        ) + marks)  # fmt: skip
    if not result.slots:
        print(tr.t("cli.backplan.empty"))
    if args.apply:
        print(tr.t("cli.backplan.applied", count=len(result.slots)), file=sys.stderr)
    return 0


def _backplan_json(data: PlanData, objective: Objective, result: Any) -> dict[str, Any]:
    return {
        "objective": objective.code or objective.id,
        "deadline": result.deadline.isoformat(),
        "critical_path": [data.actions[a].code or a for a in result.critical_path],
        "actions": [
            {
                "id": s.action,
                "code": s.code,
                "title": data.actions[s.action].title,
                "start": _iso(data.actions[s.action].start),
                "end": _iso(data.actions[s.action].end),
                "latest_start": s.latest_start.isoformat(),
                "latest_end": s.latest_end.isoformat(),
                "earliest_start": s.earliest_start.isoformat(),
                "earliest_end": s.earliest_end.isoformat(),
                "duration": s.duration,
                "slack": s.slack,
                "critical": s.critical,
                "should_have_started": s.should_have_started,
                "depends_on": [
                    data.actions[d].code or d
                    for d in data.actions[s.action].depends_on
                    if d in data.actions
                ],
            }
            for s in result.slots
        ],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _apply(store: Any, objective: Objective, result: Any, tr: Translator) -> None:
    """Every proposed date in one transaction (one `undo` takes them all back)."""
    from coop_tui.domain import backplan as bp
    from coop_tui.domain.model import Action
    from coop_tui.storage.history import What

    slots = {s.action: s for s in result.slots}

    def change(txn: Any) -> None:
        for action_id, slot in slots.items():
            current = txn.current("actions", action_id)
            if isinstance(current, Action):
                txn.update(bp.proposed(current, slot))
        txn.what = What(op="backplan", table="objectives", record=objective.id,
                        label=objective.code)  # fmt: skip

    store.transact(change)


def baseline(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.domain import steering
    from coop_tui.storage.history import What

    store, data, tr = load(args, tr, writes=True)
    name = args.name.strip()
    if steering.baseline_named(data, name) is not None:
        raise Failure(tr.t("cli.baseline.taken", name=clean(name)))

    def change(txn: Any) -> None:
        frozen = steering.freeze(txn.data, name, today(), review=args.review or "")
        saved = txn.insert(frozen)
        txn.what = What(op="baseline", table="baselines", record=saved.id, label=name)

    store.transact(change)
    print(tr.t("cli.baseline.done", name=clean(name), count=len(data.actions)))
    return 0


def drift(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.domain import steering

    _, data, tr = load(args, tr)
    if args.baseline:
        base = steering.baseline_named(data, args.baseline)
        if base is None:
            raise Failure(tr.t("cli.drift.unknown_baseline", name=clean(args.baseline)))
    else:
        base = steering.latest_baseline(data)
        if base is None:
            raise Failure(tr.t("cli.drift.no_baseline"))
    found = steering.drift(data, base)
    if args.json:
        print_json([
            {"code": d.code, "kind": d.kind, "days": d.days, "title": d.title, "table": d.table,
             "id": d.record, "before": d.before, "after": d.after, "at_risk": d.at_risk}
            for d in found
        ])  # fmt: skip
        return 0
    print(tr.t("cli.drift.title", name=clean(base.name), date=tr.date(base.date)))
    for item in found:
        print("  " + drift_text(item, tr, data, base))
    if not found:
        print("  " + tr.t("cli.drift.none"))
    return 0


def drift_text(item: Any, tr: Translator, data: Any = None, baseline: Any = None) -> str:
    """One drift in words, as the Reviews screen says it, with its code and title:
    "A3 — Glissement de 30 jours (28/01/2026 → 27/02/2026) : Répondre au marché…"."""
    from coop_tui.describe import drift_words

    words = drift_words(item, tr, data, baseline)
    return tr.t(
        "cli.drift.line", code=clean(item.code) or "—", words=words, title=clean(item.title)
    )


def budget(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.domain import finance

    _, data, tr = load(args, tr)
    year = str(args.year) if args.year else ""
    plan = finance.financing_plan(data, year)
    if args.json:
        print_json(budget_json(data, plan))
        return 0
    for line in budget_lines(data, plan, tr):
        print(line)
    return 0


def _key(data: PlanData, table: str, record_id: str) -> str:
    """A code (O2.1) or a name where the record has one, else its id ('' for none)."""
    record = data.table(table).get(record_id)
    if record is None:
        return record_id
    return getattr(record, "code", "") or getattr(record, "name", "") or record_id


def budget_json(data: PlanData, plan: Any) -> dict[str, Any]:
    return {
        "year": plan.year or None,
        "total": plan.total,
        "by_year": plan.by_year,
        "by_nature": plan.by_nature,
        "by_partner": {_key(data, "organisations", k): v for k, v in plan.by_partner.items()},
        "by_objective": {_key(data, "objectives", k): v for k, v in plan.by_objective.items()},
        "in_kind": plan.in_kind,
        "funding": {
            "total": plan.funding.total,
            "by_funder": {_key(data, "funders", k): v for k, v in plan.funding.by_funder.items()},
            "by_status": plan.funding.by_status,
            "by_year": plan.funding.by_year,
            "in_kind": plan.funding.in_kind,
        },
        "secured": plan.secured,
        "gap": plan.gap,
        "unsecured_gap": plan.unsecured_gap,
    }


def budget_lines(data: PlanData, plan: Any, tr: Translator) -> list[str]:
    t, money = tr.t, tr.money
    title = t("cli.budget.title_year", year=plan.year) if plan.year else t("cli.budget.title")
    out = [title, t("cli.budget.total", amount=money(plan.total), in_kind=money(plan.in_kind))]

    def section(
        heading: str, rows: dict[str, float], name: Callable[[str], str], by_key: bool = False
    ) -> None:
        out.append("")
        out.append(heading)
        ordered = sorted(rows.items()) if by_key else sorted(rows.items(), key=lambda kv: -kv[1])
        for key, value in ordered:
            out.append(f"  {name(key):<40} {money(value):>14}")

    unknown = t("cli.budget.unassigned")
    section(t("cli.budget.by_year"), plan.by_year, lambda k: k or unknown, by_key=True)
    section(t("cli.budget.by_nature"), plan.by_nature,
            lambda k: t(f"nature.{k}") if tr.has(f"nature.{k}") else clean(k))  # fmt: skip
    section(t("cli.budget.by_partner"), plan.by_partner,
            lambda k: clean(_key(data, "organisations", k)) or unknown)  # fmt: skip
    section(t("cli.budget.by_objective"), plan.by_objective,
            lambda k: clean(_key(data, "objectives", k)) or unknown)  # fmt: skip
    out.append("")
    out.append(t("cli.budget.funding", amount=money(plan.funding.total)))
    for funder_id, value in sorted(plan.funding.by_funder.items(), key=lambda kv: -kv[1]):
        funder = data.funders[funder_id]
        status = t(f"funder_status.{funder.status}")
        out.append(f"  {clean(funder.name):<40} {money(value):>14}  {status}")
    for status in ("requested", "granted", "paid"):
        out.append("  " + t("cli.budget.by_status", status=t(f"funder_status.{status}"),
                            amount=money(plan.funding.by_status.get(status, 0.0))))  # fmt: skip
    out.append("")
    key = "cli.budget.gap" if plan.gap > 0.005 else "cli.budget.balanced"
    out.append(t(key, amount=money(abs(plan.gap)), unsecured=money(max(plan.unsecured_gap, 0))))
    return out


HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "backplan": backplan,
    "baseline": baseline,
    "drift": drift,
    "budget": budget,
}
