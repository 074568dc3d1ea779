"""`coop-tui status` and `coop-tui history` as plain text, and history as JSON data.

Pure functions over a `PlanData` and history entries: the CLI prints them; nothing
here imports Textual, so a status check stays fast. Each history entry is read in
one place (`history_line`, `history_record`), so a change in how storage records
history touches only these two functions.

`status` stays a ten-second read at any size: each section shows its `limit` worst
items (what "worst" means is said where each section chooses), and a section cut
short ends with how many more there are and the command that lists them all:
« … et 7 523 de plus : coop-tui actions plan.json --overdue ». What it does not
print, it does not work out: one pass over the actions gathers their sections,
`heapq.nsmallest` keeps the worst few where a sort would order thousands, and the
budget's bottom line is summed without the financing plan's tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from coop_tui.describe import (
    contradiction_text,
    describe_entry,
    indicator_values,
    local_time,
    path_word,
)
from coop_tui.domain import checks, finance, indicators
from coop_tui.domain.model import Action, Indicator, Objective, Status
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.storage.store import HistoryEntry
from coop_tui.text import clean

T = TypeVar("T")

_FAR = dt.date.max
"""Sorts what has no date after what has one."""

PATH_RANK = {"behind": 0, "on_track": 1, "ahead": 2, None: 3}
"""Indicators from the worst placed on their path to those with no path to judge by."""


_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")
"""A word no shell reads as anything but itself (letters of any script included)."""


def shell_word(text: str) -> str:
    """`text` as a command line to paste would hold it: as it is when it can stand alone
    (plan.json, /home/léa/plan.json, bloquée), else quoted ('mon plan.json')."""
    if _PLAIN_WORD.fullmatch(text):
        return text
    import shlex  # here: most plan names need no quotes

    return shlex.quote(text)


class _ActionScan:
    """What status needs of every action, gathered in a single pass: the counts of the
    progress line, the working days of the budget line, and the open actions that are
    overdue, blocked or due soon (unsorted: each section picks its worst).

    The tests hold these to `checks.done_count`, `overdue_actions`, `blocked_actions` and
    `due_soon_actions`, whose rules are written out here to spare 100,000 calls."""

    def __init__(self, data: PlanData, today: dt.date) -> None:
        self.done = self.counted = 0
        self.days = 0.0
        self.overdue: list[Action] = []
        self.blocked: list[Action] = []
        self.soon: list[Action] = []
        horizon = today + dt.timedelta(days=checks.DUE_SOON_DAYS)
        done, dropped, blocked = Status.DONE, Status.DROPPED, Status.BLOCKED
        for action in data.actions.values():
            status = action.status
            if status is dropped:
                continue  # counted nowhere
            self.counted += 1
            self.days += action.resources.working_days or 0.0
            if status is done:
                self.done += 1
                continue
            # still open from here on
            if status is blocked:
                self.blocked.append(action)
            end = action.end
            if end is None:
                continue
            if end < today:
                self.overdue.append(action)
            elif end <= horizon:
                self.soon.append(action)


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
    plan: str = "PLAN",
) -> list[str]:
    """The dashboard in a few lines of plain text: at most `limit` lines a section, the
    worst first. `plan` is the plan as the commands that list a whole section name it
    (`shell_word`)."""
    t, number = tr.t, tr.number
    plan = clean(plan)
    lines = [
        t(
            "cli.status.title",
            title=clean(data.plan.title),
            date=tr.date(today),
            revision=data.revision,
        )
    ]
    scan = _ActionScan(data, today)
    roots = data.children("")
    progress = [p for o in roots if (p := checks.objective_progress(data, o)) is not None]
    lines.append(
        t(
            "cli.status.progress",
            done=number(scan.done),
            total=number(scan.counted),
            percent=tr.percent(scan.done / scan.counted if scan.counted else None),
            objectives=tr.percent(sum(progress) / len(progress) if progress else None),
        )
    )

    def more(hidden: int, command: str) -> None:
        if hidden > 0:
            lines.append("  " + t("cli.status.more", count=number(hidden), command=command))

    def section(
        title: str,
        items: list[T],
        key: Callable[[T], Any],
        then: Callable[[T], Any],
        line: Callable[[T], str],
        command: str,
        *,
        always: bool = True,
    ) -> None:
        """A title, the `limit` worst items by `key` then `then`, "… and N more: command";
        `always`: shown with "—" when empty, else left out."""
        if not items and not always:
            return
        shown = checks.first_by(items, limit, key, then)
        lines.append("")
        lines.append(title)
        lines.extend("  " + line(item) for item in shown)
        if not shown:
            lines.append("  " + t("cli.status.none"))
        more(len(items) - len(shown), command)

    def action_line(action: Action) -> str:
        return _action_line(data, action, tr)

    lines.extend(_phase_lines(data, today, tr))
    lines.extend(_steering_lines(data, today, tr, limit, plan))

    def code_order(action: Action) -> tuple[Any, ...]:
        return natural_key(action.code)

    # The most overdue first: the end furthest in the past.
    section(t("cli.status.overdue", count=number(len(scan.overdue))), scan.overdue,
            lambda a: a.end, code_order, action_line,
            f"coop-tui actions {plan} --overdue")  # fmt: skip
    # A blockage costs most where the action should already have ended, or ends soonest.
    blocked_word = shell_word(t("status.blocked").lower())
    section(t("cli.status.blocked", count=number(len(scan.blocked))), scan.blocked,
            lambda a: a.end or _FAR, code_order, action_line,
            f"coop-tui actions {plan} --status {blocked_word}")  # fmt: skip
    # The nearest end first.
    section(t("cli.status.due_soon", days=checks.DUE_SOON_DAYS, count=number(len(scan.soon))),
            scan.soon, lambda a: a.end, code_order, action_line,
            f"coop-tui actions {plan} --due-soon")  # fmt: skip

    # The nearest deadline first.
    coming = [o for o in data.objectives.values() if o.deadline is not None and o.deadline >= today]
    section(t("cli.status.deadlines"), coming, lambda o: o.deadline,
            lambda o: natural_key(o.code),
            lambda o: t("cli.status.deadline_line", date=tr.date(o.deadline),
                        code=clean(o.code), statement=clean(o.statement)),
            f"coop-tui objectives {plan} --coming")  # fmt: skip

    # The furthest behind its path first (by how much of the way it lags), then those on
    # track, ahead, and last those without a path to judge by; else in the listing's order.
    def indicator_rank(item: tuple[int, Objective, Indicator]) -> tuple[int, float]:
        indicator = item[2]
        found = indicators.path_status(data, indicator, today)
        return PATH_RANK[found], -(indicators.path_lag(data, indicator, today) or 0.0)

    listed = [(n, o, i) for n, (o, i) in enumerate(indicators_in_order(data))]
    section(t("cli.status.indicators", count=number(len(listed))), listed, indicator_rank,
            lambda item: item[0], lambda item: indicator_line(data, item[1], item[2], today, tr),
            f"coop-tui indicators {plan}")  # fmt: skip

    # A gap without an answer (training, expert, recruitment) first, in action-code order.
    gaps = checks.skill_gaps(data, closest=False)
    section(t("cli.status.gaps", count=number(len(gaps))), gaps,
            lambda gap: gap.remedy is not None, lambda gap: code_order(data.actions[gap.action]),
            lambda gap: gap_line(data, gap, tr), f"coop-tui gaps {plan}")  # fmt: skip

    # The most incomplete first: the most SMART letters missing.
    incomplete = [(o, m) for o in data.objectives.values() if (m := smart_missing(data, o))]
    section(t("cli.status.smart", count=number(len(incomplete))), incomplete,
            lambda pair: -len(pair[1]), lambda pair: natural_key(pair[0].code),
            lambda pair: f"{clean(pair[0].code)} — {smart_reasons(pair[1], tr)}",
            f"coop-tui objectives {plan} --incomplete", always=False)  # fmt: skip

    # The two dates furthest apart first: the most days to move to make them agree.
    found = checks.date_contradictions(data, ordered=False)
    section(t("cli.status.contradictions", count=number(len(found))), found,
            lambda c: -c.days, lambda c: natural_key(record_code(data, c.record)),
            lambda c: contradiction_text(data, c, tr),
            f"coop-tui contradictions {plan}", always=False)  # fmt: skip

    money = finance.balance(data)
    lines.append("")
    lines.append(t("cli.status.budget", budget=tr.money(money.total), days=tr.days(scan.days)))
    if data.budget_lines or data.funders:
        key = "cli.status.financing_gap" if money.gap > 0.005 else "cli.status.financing_ok"
        lines.append(t(key, funded=tr.money(money.funded), secured=tr.money(money.secured),
                       gap=tr.money(abs(money.gap))))  # fmt: skip

    if history:
        # The latest first. Every revision since the plan's first has one entry (the
        # oldest ones in the archive beside the plan, which status does not read): the
        # entries before the oldest shown are its revision less one.
        shown = history[-limit:][::-1]
        lines.append("")
        lines.append(t("cli.status.recent"))
        lines.extend("  " + history_line(entry, tr, compact=True) for entry in shown)
        more(shown[-1].revision - 1, f"coop-tui history {plan}")
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


def _steering_lines(
    data: PlanData, today: dt.date, tr: Translator, limit: int, plan: str
) -> list[str]:
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
    # The soonest due first (the most overdue); no command lists only the decisions due:
    # the progress report lists every open decision, these among them.
    due = steering.decisions_due(data, today)
    if due:
        out.append("")
        out.append(tr.t("cli.status.decisions", count=tr.number(len(due))))
        for decision in due[:limit]:
            owner = data.people.get(decision.owner)
            out.append("  " + tr.t("cli.status.decision_line", text=clean(decision.text),
                                   owner=clean(owner.name) if owner else "—",
                                   due=tr.date(decision.due)))  # fmt: skip
        if len(due) > limit:
            out.append("  " + tr.t("cli.status.more", count=tr.number(len(due) - limit),
                                   command=f"coop-tui report {plan} --format md"))  # fmt: skip
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
