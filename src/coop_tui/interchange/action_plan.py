"""Step 3 of the worksheet: the action plan, then the skill gaps and their answers.

Per operational objective, the worksheet's six columns (actions, required
skills, resources and means, external partners, schedule, lead person). Each
action says its phase and what it depends on; its "Ressources et moyens" are
fed from its budget lines (the total, then the amount of each year, and what
of it is contributed in kind) and its other means. Then each skill no partner
organisation holds, with the answer chosen for it (formation, accompagnement
par un expert, recrutement: « réponse envisagée », never « remède »), the
action created to carry it out and the partner organisation that comes closest.
"""

from __future__ import annotations

from coop_tui.domain import checks, finance
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import natural_key
from coop_tui.interchange.document import (
    Block,
    Heading,
    Paragraph,
    Span,
    Spans,
    Table,
    plain,
    spans,
)
from coop_tui.interchange.sheet import NONE, Sheet


def step3(sheet: Sheet) -> list[Block]:
    """The action plan of each operational objective, then actions without one."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("exports.md.step3"))]
    listed = data.operational_objectives()
    with_actions = {a.objective for a in data.actions.values()}
    extra = [o for o in data.objectives.values() if o.id in with_actions and o not in listed]
    for objective in sorted([*listed, *extra], key=lambda o: natural_key(o.code)):
        blocks.append(Heading(2, sheet.coded(objective.code, objective.statement)))
        blocks.append(action_table(sheet, data.actions_of(objective.id)))
    orphans = data.sorted_actions(a for a in data.actions.values()
                                  if a.objective not in data.objectives)  # fmt: skip
    if orphans:
        blocks += [Heading(2, t("exports.md.unassigned")), action_table(sheet, orphans)]
    return blocks


def action_table(sheet: Sheet, actions: list[Action]) -> Table | Paragraph:
    """The worksheet's action-plan table (or a sentence when there is no action)."""
    t = sheet.t
    if not actions:
        return Paragraph(spans(t("exports.md.no_actions")))
    headers = [t("exports.md.col.actions"), t("field.required_skills"), t("field.resources"),
               t("field.external_partners"), t("exports.md.col.schedule"), t("field.lead")]  # fmt: skip
    return sheet.table(headers, [action_row(sheet, a) for a in actions], (5, 3, 3.6, 3, 2.4, 2.6))


def action_row(sheet: Sheet, action: Action) -> tuple[Spans | str, ...]:
    """One action: code, title, status, phase, dependencies; skills; means; partners;
    dates; lead person."""
    t, data = sheet.t, sheet.data
    notes = []
    if data.phases:
        notes.append(sheet.labelled(t("field.phase"), sheet.action_phase(action)))
    if action.depends_on:
        codes = ", ".join(sheet.action_code(d) for d in action.depends_on)
        notes.append(t("exports.md.depends", codes=codes))
    title = (*sheet.code_spans(action.code, action.title),
             *spans(" ", Span(f"({sheet.status(action)})", italic=True)),
             *(Span("\n" + note, italic=True) for note in notes))  # fmt: skip
    partners = [plain(data.partners[p].name) if p in data.partners else plain(p)
                for p in action.partners]  # fmt: skip
    schedule = sheet.period(action.start, action.end)
    if action.start is None and action.end is None:
        schedule = NONE
    return (title, plain(", ".join(action.skills)), "\n".join(means(sheet, action)),
            ", ".join(partners), schedule, lead(sheet, action))  # fmt: skip


def lead(sheet: Sheet, action: Action) -> str:
    """The lead person and their organisation: "Julien Perrin (Cycl'Avenir)"."""
    name = plain(sheet.data.lead_name(action))
    org = sheet.data.lead_organisation(action)
    return f"{name} ({plain(org.name)})" if name and org is not None else name


def means(sheet: Sheet, action: Action) -> list[str]:
    """Resources and means, one a line: the budget from its lines, days, places, equipment."""
    t, tr, data = sheet.t, sheet.tr, sheet.data
    out = []
    lines = data.budget_lines_of(action.id)
    if lines:
        years: dict[str, float] = {}
        in_kind = 0.0
        for line in lines:
            for year, amount in finance.by_year(line, action).items():
                years[year] = years.get(year, 0.0) + amount
            if line.in_kind:
                in_kind += finance.line_total(line, action)
        text = t("exports.md.budget", amount=tr.money(finance.action_budget(data, action)))
        text += " (" + sheet.by_year(years) + ")"
        if in_kind:
            text += ", " + t("documents.means.in_kind", amount=tr.money(in_kind))
        out.append(text)
    res = action.resources
    if res.working_days is not None:
        out.append(tr.days(res.working_days))
    for key, value in (("places", res.places), ("equipment", res.equipment),
                       ("other_resources", res.other)):  # fmt: skip
        if value.strip():
            out.append(sheet.labelled(t(f"field.{key}"), plain(value)))
    return out


def gaps(sheet: Sheet) -> list[Block]:
    """One row per missing skill: its answer, note, the action created, the closest partner."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(2, t("documents.gaps"))]
    found = checks.skill_gaps(data)
    if not found:
        return [*blocks, Paragraph(spans(t("exports.md.no_gaps")))]
    headers = [t("exports.md.col.action"), t("exports.md.col.missing_skill"),
               t("documents.col.remedy"), t("documents.col.remedy_note"),
               t("documents.col.remedy_action"), t("documents.col.closest")]  # fmt: skip
    rows = []
    for gap in found:
        action = data.actions[gap.action]
        chosen = gap.remedy
        remedy = (sheet.word("remedy", chosen.kind) if chosen and chosen.kind
                  else t("documents.remedy.none"))  # fmt: skip
        created = data.actions.get(chosen.action) if chosen and chosen.action else None
        rows.append((sheet.coded(action.code, action.title), sheet.or_none(gap.skill), remedy,
                     plain(chosen.note if chosen else ""),
                     sheet.coded(created.code, created.title) if created else "",
                     sheet.org_name(gap.closest) if gap.closest else ""))  # fmt: skip
    return [*blocks, sheet.table(headers, rows, (3, 2, 2, 4, 3, 2.2))]


__all__ = ["action_row", "action_table", "gaps", "lead", "means", "step3"]
