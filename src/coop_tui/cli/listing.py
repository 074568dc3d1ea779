"""What `status` shows a few of, listed whole: objectives, indicators, skill gaps and
dates that contradict each other.

Each command lists every item in the plan's order, as `actions` does (`status` is the one
that picks the worst first), as text for people, or as JSON for scripts with stable
English keys (`--json`). No Textual, no TinyDB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coop_tui.cli.common import load, today
from coop_tui.cli.reading import print_json
from coop_tui.cli.status_text import (
    gap_line,
    indicator_line,
    indicators_in_order,
    record_code,
    smart_missing,
    smart_reasons,
)
from coop_tui.describe import contradiction_text
from coop_tui.domain import checks, indicators
from coop_tui.domain.model import Indicator, Objective
from coop_tui.domain.snapshot import PlanData, id_key, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- objectives ---------------------------------------------------------------------------


def objective_row(
    data: PlanData, objective: Objective, missing: list[checks.SmartLetter], tr: Translator
) -> dict[str, Any]:
    """One objective as `objectives --json` gives it: `smart_missing` names each SMART
    letter that fails, by a stable word (`check`) and in the reader's words (`reason`)."""
    parent = data.objectives.get(objective.parent)
    return {
        "id": objective.id,
        "code": objective.code,
        "statement": objective.statement,
        "parent": (parent.code or parent.id) if parent else "",
        "deadline": _iso(objective.deadline),
        "progress": checks.objective_progress(data, objective),
        "smart_missing": [
            {
                "letter": x.letter,
                "check": x.reason.removeprefix("smart."),
                "reason": tr.t(x.reason, **x.values),
            }
            for x in missing
        ],
    }


def objectives(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = load(args, tr)
    now = today()
    chosen = sorted(data.objectives.values(), key=lambda o: (natural_key(o.code), id_key(o.id)))
    if args.coming:
        chosen = [o for o in chosen if o.deadline is not None and o.deadline >= now]
        chosen.sort(
            key=lambda o: o.deadline or now
        )  # the nearest first; stable: codes within a day
    rows = [(o, smart_missing(data, o)) for o in chosen]
    if args.incomplete:
        rows = [(o, missing) for o, missing in rows if missing]
    if args.json:
        print_json([objective_row(data, o, missing, tr) for o, missing in rows])
        return 0
    if not rows:
        print(tr.t("cli.no_objectives"))
        return 0
    for objective, missing in rows:
        progress = tr.percent(checks.objective_progress(data, objective))
        smart = tr.t("cli.objectives.incomplete", reasons=smart_reasons(missing, tr))
        print(
            f"{clean(objective.code):<6} {tr.date(objective.deadline):<10}  {progress:>5}  "
            f"{clean(objective.statement)}{smart if missing else ''}"
        )
    return 0


# --- indicators ---------------------------------------------------------------------------


def indicator_row(
    data: PlanData, objective: Objective, indicator: Indicator, now: dt.date
) -> dict[str, Any]:
    """One indicator as `indicators --json` gives it: where it started, where it must go,
    its latest measurement, its progress (0..1, null where it would be invented) and where
    it stands on its path (`ahead`, `on_track`, `behind`, null without a path)."""
    latest = indicators.latest_measurement(data, indicator)
    return {
        "id": indicator.id,
        "objective": objective.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "baseline_level": indicator.baseline_level,
        "target_level": indicator.target_level,
        "target_date": _iso(indicator.target_date),
        "latest": None
        if latest is None
        else {"date": _iso(latest.date), "value": latest.value, "level": latest.level},
        "progress": checks.indicator_progress(data, indicator),
        "path": indicators.path_status(data, indicator, now),
    }


def indicators_command(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = load(args, tr)
    now = today()
    pairs = indicators_in_order(data)
    if args.behind:
        pairs = [(o, i) for o, i in pairs if indicators.path_status(data, i, now) == "behind"]
    if args.json:
        print_json([indicator_row(data, o, i, now) for o, i in pairs])
        return 0
    if not pairs:
        print(tr.t("cli.no_indicators"))
        return 0
    for objective, indicator in pairs:
        print(indicator_line(data, objective, indicator, now, tr))
    return 0


# --- skill gaps and contradictions --------------------------------------------------------


def gaps(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = load(args, tr)
    found = checks.skill_gaps(data)
    if args.json:
        print_json([_gap_row(data, gap) for gap in found])
        return 0
    if not found:
        print(tr.t("cli.no_gaps"))
        return 0
    for gap in found:
        print(gap_line(data, gap, tr))
    return 0


def _gap_row(data: PlanData, gap: checks.SkillGap) -> dict[str, Any]:
    action = data.actions[gap.action]
    closest = data.organisations.get(gap.closest)
    return {
        "action": action.code or action.id,
        "action_id": action.id,
        "title": action.title,
        "skill": gap.skill,
        "remedy": (gap.remedy.kind or None) if gap.remedy else None,
        "closest": closest.name if closest else "",
    }


def contradictions(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = load(args, tr)
    found = checks.date_contradictions(data)
    if args.json:
        print_json([
            {"kind": c.kind, "record": record_code(data, c.record),
             "other": record_code(data, c.other) if c.other else "", "days": c.days}
            for c in found
        ])  # fmt: skip
        return 0
    if not found:
        print(tr.t("cli.no_contradictions"))
        return 0
    for item in found:
        print(contradiction_text(data, item, tr))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "objectives": objectives,
    "indicators": indicators_command,
    "gaps": gaps,
    "contradictions": contradictions,
}
