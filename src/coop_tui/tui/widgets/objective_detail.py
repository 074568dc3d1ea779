"""The words of the objectives detail pane, as `Content` built from cleaned user text.

Pure functions of a `PlanData` and a `Translator`: the screen puts what they
return into its Statics. User text is cleaned and never parsed as markup; the
only styles are ours.
"""

from __future__ import annotations

from textual.content import Content

from coop_tui.domain import checks
from coop_tui.domain.model import Indicator, Objective, SharedStake
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import bar, clean

Part = str | tuple[str, str]


def heading(code: str, text: str) -> Content:
    """`O1.2 Statement`: the code in the accent colour, the text in bold."""
    return Content.assemble(
        (clean(code), "bold $accent"), " ", (clean(text, multiline=True), "bold")
    )


def _field(parts: list[Part], tr: Translator, label_key: str, value: str) -> None:
    """Append `Label: value` on a new line (the label in bold, the value as data)."""
    if parts:
        parts.append("\n")
    parts.append((tr.t(label_key) + tr.t("objectives.colon"), "bold"))
    parts.append(value)


def stake_facts(data: PlanData, stake: SharedStake, tr: Translator) -> Content:
    """A shared stake: its statement, the individual stakes it pools, its objectives."""
    parts: list[Part] = []
    _field(parts, tr, "objectives.label.statement", clean(stake.statement, multiline=True) or "—")
    _field(parts, tr, "objectives.label.pooled", "")
    for sid in stake.stakes:
        individual = data.stakes.get(sid)
        if individual is not None:
            org = data.organisations.get(individual.organisation)
            category = tr.t(f"category.{individual.category}")
            line = f"{org.name if org else '?'} — {category} — {individual.statement}"
            parts.append("\n  • " + clean(line))
    roots = data.objectives_of_stake(stake.id)
    _field(parts, tr, "objectives.label.objectives", str(len(roots)))
    parts.append("\n\n")
    parts.append((tr.t("objectives.stake_hint"), "$text-muted"))
    return Content.assemble(*parts)


def objective_kind(data: PlanData, objective: Objective, tr: Translator) -> Content:
    """`Operational objective · part of O1 · E1 Title`."""
    parent = data.objectives.get(objective.parent)
    stake = data.shared_stake_of(objective)
    kind = tr.t("objectives.kind.shared" if parent is None else "objectives.kind.operational")
    if parent is not None:
        kind += " · " + tr.t("objectives.part_of", label=clean(parent.code or parent.statement))
    if stake is not None:
        kind += " · " + clean(f"{stake.code} {stake.title}".strip())
    return Content(kind)


def objective_facts(data: PlanData, objective: Objective, tr: Translator) -> Content:
    """Expected results, deadline, phase, progress and the realistic judgement."""
    parts: list[Part] = []
    results = clean(objective.expected_results, multiline=True) or "—"
    _field(parts, tr, "objectives.label.results", results)
    _field(parts, tr, "objectives.label.deadline", tr.date(objective.deadline))
    phases = {p.id: p.name for p in data.phases.values()}
    phase = clean(phases.get(objective.phase, objective.phase)) or "—"
    _field(parts, tr, "objectives.label.phase", phase)
    progress = checks.objective_progress(data, objective)
    _field(parts, tr, "objectives.label.progress", f"{bar(progress, 16)} {tr.percent(progress)}")
    judged = {True: "yes", False: "no", None: "unknown"}[objective.realistic]
    verdict = tr.t(f"objectives.realistic.{judged}")
    if objective.realistic_note.strip():
        verdict += " — " + clean(objective.realistic_note, multiline=True)
    _field(parts, tr, "objectives.label.realistic", verdict)
    return Content.assemble(*parts)


def indicator_summary(data: PlanData, indicator: Indicator, tr: Translator) -> Content:
    """Everything about one indicator in a sentence (what a narrow table cannot show)."""
    latest = checks.latest_measurement(data, indicator)
    progress = checks.indicator_progress(data, indicator)
    kind_key = f"indicator_kind.{indicator.kind}"
    summary = tr.t(
        "objectives.indicator_summary",
        name=clean(indicator.name),
        kind=tr.t(kind_key) if tr.has(kind_key) else clean(indicator.kind),
        baseline=tr.number(indicator.baseline, 2),
        target=tr.number(indicator.target, 2),
        unit=clean(indicator.unit),
        date=tr.date(indicator.target_date),
        latest=tr.number(latest.value if latest else None, 2),
        when=tr.date(latest.date if latest else None),
        bar=bar(progress, 10),
        percent=tr.percent(progress),
    )
    if not data.measurements_of(indicator.id):
        summary += "\n" + tr.t("objectives.no_measurement")
    return Content(summary)
