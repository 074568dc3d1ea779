"""`coop-tui status` and `coop-tui history` as plain text, and history as JSON data.

Pure functions over a `PlanData` and history entries: the CLI prints them; nothing
here imports Textual, so a status check stays fast. Each history entry is read in
one place (`history_line`, `history_record`), so a change in how storage records
history touches only these two functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coop_tui.describe import (
    contradiction_text,
    describe_entry,
    indicator_values,
    local_time,
    path_word,
)
from coop_tui.domain import checks, finance, indicators
from coop_tui.domain import totals as plan_totals
from coop_tui.domain.model import Action, Indicator, Objective
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.storage.store import HistoryEntry
from coop_tui.text import clean


def indicators_in_order(data: PlanData) -> list[tuple[Objective, Indicator]]:
    """Every indicator with its objective, objective by objective in code order (shared
    objectives' own indicators included): how `coop-tui indicators` lists them."""
    objectives = sorted(data.objectives.values(), key=lambda o: natural_key(o.code))
    return [(o, i) for o in objectives for i in data.indicators_of(o.id)]


def indicator_line(
    data: PlanData, objective: Objective, indicator: Indicator, today: dt.date, tr: Translator
) -> str:
    """« O1.1 Marchés attribués : 1 / 2 marchés (50 %) — en avance »."""
    line = tr.t(
        "cli.status.indicator_line",
        code=clean(objective.code),
        name=clean(indicator.name),
        values=indicator_values(data, indicator, tr),
        percent=tr.percent(checks.indicator_progress(data, indicator)),
    )
    path = path_word(indicators.path_status(data, indicator, today), tr)
    return line + (f" — {path}" if path else "")


def gap_line(data: PlanData, gap: checks.SkillGap, tr: Translator) -> str:
    """« « CRM » pour A10 — Formation »."""
    action = data.actions[gap.action]
    return tr.t(
        "cli.status.gap",
        skill=clean(gap.skill),
        action=clean(action.code or action.title),
        remedy=tr.t(f"remedy.{gap.remedy.kind if gap.remedy else ''}"),
    )


def smart_reasons(missing: list[checks.SmartLetter], tr: Translator) -> str:
    """« A : pas encore approuvé par : Cycl'Avenir ; R : pas encore jugé réaliste… »."""
    return clean(
        tr.t("cli.separator").join(
            tr.t("cli.status.smart_reason", letter=x.letter, reason=tr.t(x.reason, **x.values))
            for x in missing
        )
    )


def smart_missing(data: PlanData, objective: Objective) -> list[checks.SmartLetter]:
    return [x for x in checks.smart_check(data, objective) if not x.ok]


def record_code(data: PlanData, record_id: str) -> str:
    """The code of the action or objective `record_id` names (its id without a code)."""
    record = data.actions.get(record_id) or data.objectives.get(record_id)
    return (record.code or record_id) if record else record_id


def status_lines(
    data: PlanData,
    today: dt.date,
    tr: Translator,
    history: list[HistoryEntry] | None = None,
    *,
    limit: int = 5,
) -> list[str]:
    """The dashboard in a few lines of plain text."""
    t = tr.t
    lines = [
        t(
            "cli.status.title",
            title=clean(data.plan.title),
            date=tr.date(today),
            revision=data.revision,
        )
    ]
    done, counted = checks.done_count(data.actions.values())
    roots = data.children("")
    progress = [p for o in roots if (p := checks.objective_progress(data, o)) is not None]
    lines.append(
        t(
            "cli.status.progress",
            done=done,
            total=counted,
            percent=tr.percent(done / counted if counted else None),
            objectives=tr.percent(sum(progress) / len(progress) if progress else None),
        )
    )

    def action_lines(title: str, actions: list[Action]) -> None:
        lines.append("")
        lines.append(title)
        for action in actions[:limit] or []:
            lines.append("  " + _action_line(data, action, tr))
        if not actions:
            lines.append("  " + t("cli.status.none"))
        elif len(actions) > limit:
            lines.append(f"  … (+{len(actions) - limit})")

    lines.extend(_phase_lines(data, today, tr))
    lines.extend(_steering_lines(data, today, tr, limit))

    overdue = checks.overdue_actions(data, today)
    action_lines(t("cli.status.overdue", count=len(overdue)), overdue)
    blocked = checks.blocked_actions(data)
    action_lines(t("cli.status.blocked", count=len(blocked)), blocked)
    soon = checks.due_soon_actions(data, today)
    action_lines(t("cli.status.due_soon", days=checks.DUE_SOON_DAYS, count=len(soon)), soon)

    lines.append("")
    lines.append(t("cli.status.deadlines"))
    deadlines = checks.next_deadlines(data, today, limit)
    for item in deadlines:
        objective = data.objectives[item.id]
        lines.append(
            "  "
            + t(
                "cli.status.deadline_line",
                date=tr.date(item.date),
                code=clean(objective.code),
                statement=clean(objective.statement),
            )
        )
    if not deadlines:
        lines.append("  " + t("cli.status.none"))

    lines.append("")
    lines.append(t("cli.status.indicators"))
    shown = 0
    for objective in data.operational_objectives():
        for indicator in data.indicators_of(objective.id):
            share = checks.indicator_progress(data, indicator)
            path = path_word(indicators.path_status(data, indicator, today), tr)
            line = t(
                "cli.status.indicator_line",
                code=clean(objective.code),
                name=clean(indicator.name),
                values=indicator_values(data, indicator, tr),
                percent=tr.percent(share),
            )
            lines.append("  " + line + (f" — {path}" if path else ""))
            shown += 1
    if not shown:
        lines.append("  " + t("cli.status.none"))

    gaps = checks.skill_gaps(data)
    lines.append("")
    lines.append(t("cli.status.gaps", count=len(gaps)))
    for gap in gaps:
        action = data.actions[gap.action]
        lines.append(
            "  "
            + t(
                "cli.status.gap",
                skill=clean(gap.skill),
                action=clean(action.code or action.title),
                remedy=t(f"remedy.{gap.remedy.kind if gap.remedy else ''}"),
            )
        )
    if not gaps:
        lines.append("  " + t("cli.status.none"))

    incomplete = []
    for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
        missing = [x for x in checks.smart_check(data, objective) if not x.ok]
        if missing:
            incomplete.append((objective, missing))
    if incomplete:
        lines.append("")
        lines.append(t("cli.status.smart", count=len(incomplete)))
        for objective, missing in incomplete[:limit]:
            reasons = t("cli.separator").join(
                t("cli.status.smart_reason", letter=x.letter, reason=t(x.reason, **x.values))
                for x in missing
            )
            lines.append(f"  {clean(objective.code)} — {clean(reasons)}")
        if len(incomplete) > limit:
            lines.append(f"  … (+{len(incomplete) - limit})")

    contradictions = checks.date_contradictions(data)
    if contradictions:
        lines.append("")
        lines.append(t("cli.status.contradictions", count=len(contradictions)))
        for contradiction in contradictions[:limit]:
            lines.append("  " + contradiction_text(data, contradiction, tr))
        if len(contradictions) > limit:
            lines.append(f"  … (+{len(contradictions) - limit})")

    total = plan_totals.overall(data)
    lines.append("")
    lines.append(
        t("cli.status.budget", budget=tr.money(total.budget), days=tr.days(total.working_days))
    )
    if data.budget_lines or data.funders:
        plan = finance.financing_plan(data)
        key = "cli.status.financing_gap" if plan.gap > 0.005 else "cli.status.financing_ok"
        lines.append(t(key, funded=tr.money(plan.funding.total), secured=tr.money(plan.secured),
                       gap=tr.money(abs(plan.gap))))  # fmt: skip

    if history:
        lines.append("")
        lines.append(t("cli.status.recent"))
        for entry in history[-limit:][::-1]:
            lines.append("  " + history_line(entry, tr, compact=True))
    return lines


def _phase_lines(data: PlanData, today: dt.date, tr: Translator) -> list[str]:
    """The phase under way, how far it has gone, and the next milestone."""
    from coop_tui.domain import phases

    current = phases.current_phase(data, today)
    if current is None:
        return []
    ordered = data.sorted_phases()
    out = [tr.t("cli.status.phase", name=clean(current.name), number=ordered.index(current) + 1,
                count=len(ordered), percent=tr.percent(phases.phase_progress(data, current.id)))]  # fmt: skip
    milestone = phases.next_milestone(data, today)
    if milestone is not None:
        out.append(tr.t("cli.status.milestone", date=tr.date(milestone.date),
                        name=clean(milestone.name)))  # fmt: skip
    return out


def _steering_lines(data: PlanData, today: dt.date, tr: Translator, limit: int) -> list[str]:
    """The next review, the decisions due, and the drift since the latest baseline."""
    from coop_tui.domain import steering

    out: list[str] = []
    review = steering.next_review(data, today)
    if review is not None:
        kind = (
            tr.t(f"review_kind.{review.kind}")
            if tr.has(f"review_kind.{review.kind}")
            else review.kind
        )
        out.append(tr.t("cli.status.next_review", date=tr.date(review.date),
                        title=clean(review.title) or kind))  # fmt: skip
    baseline = steering.latest_baseline(data)
    if baseline is not None:
        found = steering.drift(data, baseline)
        slips = [d for d in found if d.kind == "slipped" and (d.days or 0) > 0]
        out.append(tr.t("cli.status.drift", name=clean(baseline.name), slips=len(slips),
                        added=sum(d.kind == "added" for d in found),
                        changed=sum(d.kind in ("budget", "target", "deadline") for d in found)))  # fmt: skip
    due = steering.decisions_due(data, today)
    if due:
        out.append("")
        out.append(tr.t("cli.status.decisions", count=len(due)))
        for decision in due[:limit]:
            owner = data.people.get(decision.owner)
            out.append("  " + tr.t("cli.status.decision_line", text=clean(decision.text),
                                   owner=clean(owner.name) if owner else "—",
                                   due=tr.date(decision.due)))  # fmt: skip
    return out


def _action_line(data: PlanData, action: Action, tr: Translator) -> str:
    return tr.t(
        "cli.status.action_line",
        code=clean(action.code),
        title=clean(action.title),
        lead=clean(data.lead_name(action)) or "—",
        end=tr.date(action.end),
    )


def history_line(entry: HistoryEntry, tr: Translator, compact: bool = False) -> str:
    """One history entry as a line of text (`compact`: without its revision, for status)."""
    when = local_time(entry.time)
    summary = describe_entry(entry, tr)
    if compact:
        return tr.t("cli.status.history_line", time=when, user=clean(entry.user), summary=summary)
    return tr.t(
        "cli.history_line",
        revision=entry.revision,
        time=when,
        user=clean(entry.user),
        summary=summary,
    )


def history_record(entry: HistoryEntry, tr: Translator) -> dict[str, Any]:
    """One history entry as `history --json` gives it: what it did as data (`what`), in
    words (`summary`, the reader's language), why, and every record's before/after."""
    import msgspec

    return {
        "revision": entry.revision,
        "time": entry.time,
        "user": entry.user,
        "what": msgspec.to_builtins(entry.what) if entry.what is not None else None,
        "summary": describe_entry(entry, tr),
        "reason": entry.reason,
        "undoes": entry.undoes,
        "changes": msgspec.to_builtins(entry.changes),
    }
