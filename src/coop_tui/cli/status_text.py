"""`coop-tui status` and `coop-tui history` as plain text, and history as JSON data.

Pure functions over a `PlanData` and history entries: the CLI prints them; nothing
here imports Textual, so a status check stays fast. Each history entry is read in
one place (`history_line`, `history_record`), so a change in how storage records
history touches only these two functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coop_tui.domain import checks
from coop_tui.domain import totals as plan_totals
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.describe import contradiction_text, describe_entry, local_time
from coop_tui.storage.store import HistoryEntry
from coop_tui.text import clean


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
            latest = checks.latest_measurement(data, indicator)
            value = latest.value if latest else indicator.baseline
            lines.append(
                "  "
                + t(
                    "cli.status.indicator_line",
                    code=clean(objective.code),
                    name=clean(indicator.name),
                    value=tr.number(value, 2),
                    target=tr.number(indicator.target, 2),
                    unit=clean(indicator.unit),
                    percent=tr.percent(checks.indicator_progress(data, indicator)),
                ).rstrip()
            )
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

    if history:
        lines.append("")
        lines.append(t("cli.status.recent"))
        for entry in history[-limit:][::-1]:
            lines.append("  " + history_line(entry, tr, compact=True))
    return lines


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
