"""The plan in phases: each phase's dates, who takes part, its milestones.

The worksheet asks long projects to "déterminez différentes étapes … avec
l'intégration progressive de nouvelles coopérations, de nouvelles parties
prenantes": so each phase says which partner organisations take part in it and
which join in it, and its milestones (jalons) with their go/no-go criteria and
the decision taken. A plan without phases shows nothing here.
"""

from __future__ import annotations

from coop_tui.domain import phases as phasing
from coop_tui.domain.approvals import joined_by
from coop_tui.domain.model import Phase
from coop_tui.interchange.document import Block, Heading, Paragraph, Span, plain, spans
from coop_tui.interchange.sheet import Sheet


def phases(sheet: Sheet) -> list[Block]:
    """A heading, then each phase in order (nothing for a plan without phases)."""
    found = sheet.data.sorted_phases()
    if not found:
        return []
    blocks: list[Block] = [Heading(1, sheet.t("documents.phases.title"))]
    for number, phase in enumerate(found, start=1):
        blocks.extend(_phase(sheet, number, phase))
    return blocks


def _phase(sheet: Sheet, number: int, phase: Phase) -> list[Block]:
    t, data = sheet.t, sheet.data
    heading = t("documents.phases.heading", number=number, name=sheet.or_none(phase.name))
    blocks: list[Block] = [Heading(2, heading)]
    facts = [sheet.label_spans(t("exports.md.period"), sheet.period(phase.start, phase.end),
                               bold=True)]  # fmt: skip
    present = [o for o in sheet.organisations() if joined_by(data, o.phase, phase.id)]
    facts.append(sheet.label_spans(t("documents.phases.present"),
                                   ", ".join(sheet.or_none(o.name) for o in present) or "—",
                                   bold=True))  # fmt: skip
    index = data.phase_index(phase.id)
    joining = [o for o in present if o.phase == phase.id] if index else []
    if joining:
        label = t("documents.phases.joining", count=len(joining))
        names = ", ".join(sheet.or_none(o.name) for o in joining)
        facts.append(sheet.label_spans(label, names, bold=True))
    done = phasing.phase_progress(data, phase.id)
    if done is not None:
        facts.append(sheet.label_spans(t("documents.phases.progress"),
                                       t("documents.phases.done", share=sheet.tr.percent(done)),
                                       bold=True))  # fmt: skip
    blocks.extend(Paragraph(f) for f in facts)
    if phase.description.strip():
        blocks.append(Paragraph(spans(plain(phase.description))))
    milestones = data.milestones_of(phase.id)
    if not milestones:
        return [*blocks, Paragraph(spans(Span(t("documents.phases.no_milestones"), italic=True)))]
    headers = [t("field.date"), t("documents.col.milestone"), t("documents.col.criteria"),
               t("documents.col.outcome")]  # fmt: skip
    rows = []
    for m in milestones:
        outcome = sheet.word("milestone_outcome", m.outcome)
        decided = spans(Span(outcome, bold=bool(m.outcome)), "\n" + plain(m.note) if m.note else "")
        rows.append((sheet.date(m.date), sheet.bold(m.name), plain(m.criteria), decided))
    return [*blocks, sheet.table(headers, rows, (1.3, 3, 5, 3))]


__all__ = ["phases"]
