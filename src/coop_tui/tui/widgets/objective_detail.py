"""The words of the objectives detail pane, as `Content` built from cleaned user text.

Pure functions of a `PlanData` and a `Translator`: the screen puts what they
return into its Statics. User text is cleaned and never parsed as markup; the
only styles are ours.
"""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from coop_tui.describe import path_word
from coop_tui.domain import checks, indicators
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
    if parent is None and objective.cooperation:
        types = ", ".join(tr.t(f"cooperation.{t}") for t in objective.cooperation)
        kind += "\n" + tr.t("objectives.cooperation", types=types)
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


def indicator_way(indicator: Indicator, tr: Translator) -> str:
    """Where the indicator goes, as its kind says it: "de 5 à 3 mois", "de « moyen » à
    « bon »", "attendu le 30/06/2026"."""
    if indicator.kind == "qualitative":
        return tr.t(
            "objectives.way.levels",
            baseline=clean(indicator.baseline_level) or "—",
            target=clean(indicator.target_level) or "—",
        )
    if indicator.target is None:
        return tr.t("indicator.expected_on", date=tr.date(indicator.target_date))
    return tr.t(
        "objectives.way.numbers",
        baseline=tr.number(indicator.baseline if indicator.baseline is not None else 0.0, 2),
        target=tr.number(indicator.target, 2),
        unit=clean(indicator.unit),
    ).rstrip()


def indicator_summary(
    data: PlanData, indicator: Indicator, tr: Translator, today: dt.date | None = None
) -> Content:
    """Everything about one indicator in a sentence (what a narrow table cannot show):
    where it goes, its latest measurement, its progress and its path, its steps."""
    from coop_tui.tui.widgets.indicator_table import measured_text

    latest = checks.latest_measurement(data, indicator)
    progress = checks.indicator_progress(data, indicator)
    kind_key = f"indicator_kind.{indicator.kind}"
    summary = tr.t(
        "objectives.indicator_summary",
        name=clean(indicator.name),
        kind=tr.t(kind_key) if tr.has(kind_key) else clean(indicator.kind),
        way=indicator_way(indicator, tr),
        date=tr.date(indicator.target_date),
        latest=clean(measured_text(latest, indicator, tr)) if latest else "—",
        when=tr.date(latest.date if latest else None),
        bar=bar(progress, 10),
        percent=tr.percent(progress),
    )
    status = indicators.path_status(data, indicator, today or dt.date.today())
    if status:
        summary += " · " + path_word(status, tr)
    if indicator.steps:
        steps = " · ".join(
            f"{tr.date(step.date)} {clean(step.level) or tr.number(step.value, 2)}"
            for step in sorted(indicator.steps, key=lambda s: s.date)
        )
        summary += "\n" + tr.t("objectives.steps", steps=steps)
    if not data.measurements_of(indicator.id):
        summary += "\n" + tr.t("objectives.no_measurement")
    return Content(summary)
