"""The read-only quick commands: status, actions, history. No Textual, no TinyDB."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coop_tui.cli.common import default_plan, load, today
from coop_tui.cli.status_text import history_line, history_record, shell_word, status_lines
from coop_tui.domain import checks, finance
from coop_tui.domain.model import Action
from coop_tui.domain.phases import phase_of
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean, escaped_text

if TYPE_CHECKING:
    import argparse


def action_row(data: PlanData, action: Action, today: dt.date) -> dict[str, Any]:
    """One action as the `actions --json` contract gives it (SPEC §8): stable English words."""
    objective = data.objectives.get(action.objective)
    org = data.lead_organisation(action)
    return {
        "id": action.id,
        "code": action.code,
        "title": action.title,
        "objective": objective.code if objective else "",
        "objective_title": objective.statement if objective else "",
        "status": action.status.value,
        "start": action.start.isoformat() if action.start else None,
        "end": action.end.isoformat() if action.end else None,
        "lead": data.lead_name(action),
        "lead_organisation": org.name if org else "",
        "overdue": checks.is_overdue(action, today),
        "skills": list(action.skills),
        "budget": finance.action_budget(data, action),
        "working_days": action.resources.working_days,
        "phase": _phase_name(data, phase_of(data, action)),
        "depends_on": [data.actions[d].code or d for d in action.depends_on if d in data.actions],
    }


def _phase_name(data: PlanData, phase_id: str) -> str:
    phase = data.phases.get(phase_id)
    return phase.name if phase else ""


def _phase_ids(data: PlanData, ref: str, tr: Translator) -> set[str]:
    """The phase named `ref` (its name, any case and accents, or its id)."""
    from coop_tui.cli.common import Failure
    from coop_tui.text import search_key

    found = {
        p.id for p in data.phases.values() if p.id == ref or search_key(p.name) == search_key(ref)
    }
    if not found:
        names = ", ".join(clean(p.name) for p in data.sorted_phases()) or "—"
        raise Failure(tr.t("cli.unknown_phase", ref=clean(ref), names=names))
    return found


def print_json(value: Any) -> None:
    """JSON for scripts, indented by two spaces: accents as they are, C0 controls escaped by
    the encoder (`\\n`, `\\u001b`), C1, DEL and bidi controls escaped here (`\\u009b`), so a
    terminal never obeys one.

    orjson writes the text `json.dumps(value, ensure_ascii=False, indent=2)` wrote (only a
    tiny float reads 0.00001 where it read 1e-05: the same number), fifteen times faster: the
    standard library's indenting encoder is pure Python, 2/3 of `actions --json` on a big
    plan. Values must be JSON's own: str keys, no NaN, integers within 64 bits."""
    import orjson

    sys.stdout.write(escaped_text(orjson.dumps(value, option=orjson.OPT_INDENT_2)))
    sys.stdout.write("\n")


def status(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = load(args, tr)
    # The commands that list a whole section name the plan as status found it, ready to paste.
    plan = shell_word(str(default_plan(args.plan)))
    print("\n".join(status_lines(data, today(), tr, store.recent_history(10), plan=plan)))
    return 0


def plan_order(data: PlanData) -> list[Action]:
    """Every action as `actions` lists them: objective by objective (code order), each in
    board order, then any whose objective carries no actions of its own, in code order
    (only those few are sorted: the rest already are)."""
    ordered = [a for o in data.operational_objectives() for a in data.actions_of(o.id)]
    if len(ordered) < len(data.actions):
        listed = {a.id for a in ordered}
        ordered += data.sorted_actions(a for a in data.actions.values() if a.id not in listed)
    return ordered


def actions(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = load(args, tr)
    now = today()
    # Filter the actions first, then build a row for each one kept.
    chosen = plan_order(data)
    if args.status:
        chosen = [a for a in chosen if a.status is args.status]
    if args.overdue:
        chosen = [a for a in chosen if checks.is_overdue(a, now)]
    if args.due_soon:
        chosen = [a for a in chosen if checks.is_due_soon(a, now)]
    if args.phase:
        wanted = _phase_ids(data, args.phase, tr)
        chosen = [a for a in chosen if phase_of(data, a) in wanted]
    if args.lead:
        needle = args.lead.casefold()
        chosen = [a for a in chosen if needle in data.lead_name(a).casefold()]
    rows = [action_row(data, a, now) for a in chosen]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(tr.t("cli.no_actions"))
        return 0
    late = tr.t("cli.overdue_mark")
    for row in rows:
        dates = f"{tr.date(_date(row['start']))} → {tr.date(_date(row['end']))}"
        print(
            f"{clean(row['code'] or row['id']):<5} {tr.t('status.' + row['status']):<11} "
            f"{clean(row['objective']):<6} {dates}  {clean(row['lead']) or '—'}  "
            f"{clean(row['title'])}{late if row['overdue'] else ''}"
        )
    return 0


def since_day(data: PlanData, ref: str, tr: Translator) -> dt.date:
    """The day `--since` names: a date, a review's title, or a kind of review (the latest
    one held: "what changed since the last COPIL")."""
    from coop_tui.cli.common import Failure
    from coop_tui.dates import parse_day
    from coop_tui.domain.steering import last_review
    from coop_tui.text import search_key

    day = parse_day(ref)
    if day is not None:
        return day
    wanted = search_key(ref)
    held = [r for r in data.sorted_reviews() if r.date and r.date <= today()]
    titled = [r for r in held if search_key(r.title) == wanted]
    review = titled[-1] if titled else last_review(data, today(), kind=wanted)
    if review is None or review.date is None:
        raise Failure(tr.t("cli.unknown_review", ref=clean(ref)))
    return review.date


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def history(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = load(args, tr)
    entries = store.history()
    if args.since:
        since = since_day(data, args.since, tr)
        entries = [e for e in entries if e.time[:10] >= since.isoformat()]
    if args.json:
        print_json([history_record(e, tr) for e in entries])
        return 0
    for entry in entries:
        print(history_line(entry, tr))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "status": status,
    "actions": actions,
    "history": history,
}
