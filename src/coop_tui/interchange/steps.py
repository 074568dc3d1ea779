"""The worksheet's three steps (SPEC §2), each with the worksheet's own table columns.

Step 1: each organisation's diagnosis and individual stakes, then the shared
stakes that pool them. Step 2: per shared stake, its objectives with their
indicators, results and deadline, then who approved them and the SMART check.
Step 3: per operational objective, its actions (required skills, resources and
means, external partners, schedule, lead person). Each function returns blocks
of a `Document`; see `worksheet.SECTIONS` for the order.
"""

from __future__ import annotations

from coop_tui.domain import checks, finance
from coop_tui.domain.approvals import partners_expected
from coop_tui.domain.model import Action, Objective
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

# --- step 1 -------------------------------------------------------------------------


def step1(sheet: Sheet) -> list[Block]:
    """Individual stakes, organisation by organisation, then the shared stakes."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [
        Heading(1, t("exports.md.step1")),
        Heading(2, t("exports.md.individual_stakes")),
    ]
    headers = [t("field.category"), t("field.stake_statement"), t("field.risk"),
               t("field.gain")]  # fmt: skip
    for org in sheet.organisations():
        blocks.append(Heading(3, sheet.or_none(org.name)))
        if org.diagnosis.strip():
            label = Span(t("field.diagnosis"), italic=True)
            blocks.append(Paragraph(spans(label, " — " + plain(org.diagnosis))))
        stakes = sorted(data.stakes_of(org.id), key=lambda s: (s.category, s.statement))
        if not stakes:
            blocks.append(Paragraph(spans(t("exports.md.no_stakes"))))
            continue
        rows = [(sheet.word("category", s.category), sheet.or_none(s.statement), plain(s.risk),
                 plain(s.gain)) for s in stakes]  # fmt: skip
        blocks.append(sheet.table(headers, rows, (2, 3, 4, 4)))
    blocks.append(Heading(2, t("exports.md.shared_stakes")))
    shared = data.sorted_shared_stakes()
    if not shared:
        return [*blocks, Paragraph(spans(t("exports.md.no_shared_stakes")))]
    headers = [t("field.code"), t("field.title"), t("field.statement"),
               t("field.pooled_stakes")]  # fmt: skip
    rows = []
    for s in shared:
        pooled = [
            sheet.labelled(sheet.org_name(stake.organisation), plain(stake.statement))
            for sid in s.stakes
            if (stake := data.stakes.get(sid)) is not None
        ]
        rows.append((plain(s.code), sheet.or_none(s.title), plain(s.statement),
                     "\n".join(pooled)))  # fmt: skip
    return [*blocks, sheet.table(headers, rows, (1, 3, 4, 5))]


# --- step 2 -------------------------------------------------------------------------


def step2(sheet: Sheet) -> list[Block]:
    """Per shared stake, its shared objectives (objectives without a stake come last)."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("exports.md.step2"))]
    roots = data.children("")
    stakes = data.sorted_shared_stakes()
    known = {s.id for s in stakes}
    for stake in stakes:
        blocks.append(Heading(2, sheet.coded(stake.code, stake.title)))
        objectives = [o for o in roots if o.shared_stake == stake.id]
        if not objectives:
            blocks.append(Paragraph(spans(t("exports.md.no_objectives"))))
        for objective in objectives:
            blocks.extend(shared_objective(sheet, objective))
    for objective in roots:
        if objective.shared_stake not in known:
            blocks.extend(shared_objective(sheet, objective))
    return blocks


def shared_objective(sheet: Sheet, objective: Objective) -> list[Block]:
    """A shared objective's operational objectives, then their approval and SMART check."""
    t, data = sheet.t, sheet.data
    heading = t("exports.md.shared_objective",
                label=sheet.coded(objective.code, objective.statement))  # fmt: skip
    operational = data.children(objective.id) or [objective]
    headers = [t("exports.md.col.objectives"), t("exports.md.col.indicators"),
               t("exports.md.col.results"), t("exports.md.col.deadline")]  # fmt: skip
    rows = [(sheet.objective_label(o), indicators(sheet, o), plain(o.expected_results),
             sheet.tr.date(o.deadline)) for o in operational]  # fmt: skip
    approval_headers = [t("exports.md.col.objective"), t("field.approvals"),
                        t("exports.md.col.not_approved"), t("field.realistic"),
                        t("exports.md.col.smart")]  # fmt: skip
    scope = [objective, *data.children(objective.id)]
    return [
        Heading(3, heading),
        sheet.table(headers, rows, (3, 4, 3, 1.5)),
        Paragraph((Span(t("exports.md.approval_title"), bold=True),)),
        sheet.table(approval_headers, [approval_row(sheet, o) for o in scope], (3, 3, 2, 2.5, 3)),
    ]


def indicators(sheet: Sheet, objective: Objective) -> str:
    """An objective's indicators, one a line: baseline → target by a date, latest value."""
    t, tr = sheet.t, sheet.tr
    parts = []
    for ind in sheet.data.indicators_of(objective.id):
        text = t("exports.md.indicator", name=sheet.or_none(ind.name),
                 kind=sheet.word("indicator_kind", ind.kind), baseline=sheet.number(ind.baseline),
                 target=sheet.number(ind.target), unit=plain(ind.unit),
                 date=tr.date(ind.target_date))  # fmt: skip
        latest = checks.latest_measurement(sheet.data, ind)
        if latest is not None:
            text += " — " + t("exports.md.latest", value=sheet.number(latest.value),
                              date=tr.date(latest.date))  # fmt: skip
        parts.append(text)
    return "\n".join(parts)


def approval_row(sheet: Sheet, objective: Objective) -> tuple[Spans | str, ...]:
    """Who approved (and when), who has not yet, the judgement, what SMART still lacks."""
    t, data = sheet.t, sheet.data
    approved = [
        f"{sheet.org_name(org_id)} ({sheet.tr.date(approval.date)})"
        for org_id, approval in sorted(objective.approvals.items())
    ]
    waiting = [
        plain(o.name)
        for o in sorted(partners_expected(data, objective), key=lambda o: o.name)
        if o.id not in objective.approvals
    ]
    realistic = {None: "unknown", True: "yes", False: "no"}[objective.realistic]
    judged = t(f"exports.md.realistic.{realistic}")
    if objective.realistic_note.strip():
        judged += " — " + plain(objective.realistic_note)
    letters = checks.smart_check(data, objective)
    if checks.smart_ok(letters):
        smart = t("exports.md.smart_ok")
    else:
        smart = "\n".join(
            "✗ " + sheet.labelled(t(f"smart.{letter.letter}"), t(letter.reason, **letter.values))
            for letter in letters
            if not letter.ok
        )
    return (sheet.objective_label(objective), "\n".join(approved), ", ".join(waiting), judged,
            smart)  # fmt: skip


# --- step 3 -------------------------------------------------------------------------


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
    return sheet.table(headers, [action_row(sheet, a) for a in actions], (5, 3, 3, 3, 2.4, 2.6))


def action_row(sheet: Sheet, action: Action) -> tuple[Spans | str, ...]:
    """One action: code, title and status; skills; means; partners; dates; lead person."""
    t, tr, data = sheet.t, sheet.tr, sheet.data
    status = sheet.word("status", action.status.value)
    if checks.is_overdue(action, sheet.today):
        status += ", " + t("exports.md.overdue")
    depends = ""
    if action.depends_on:
        codes = ", ".join(plain(data.actions[d].code or d) if d in data.actions else plain(d)
                          for d in action.depends_on)  # fmt: skip
        depends = "\n" + t("exports.md.depends", codes=codes)
    title = (*sheet.code_spans(action.code, action.title), *spans(" ", Span(f"({status})",
             italic=True), depends))  # fmt: skip
    res = action.resources
    means = []
    if data.budget_lines_of(action.id):
        budget = finance.action_budget(data, action)
        means.append(t("exports.md.budget", amount=tr.money(budget)))
    if res.working_days is not None:
        means.append(tr.days(res.working_days))
    for key, value in (("places", res.places), ("equipment", res.equipment),
                       ("other_resources", res.other)):  # fmt: skip
        if value.strip():
            means.append(sheet.labelled(t(f"field.{key}"), plain(value)))
    partners = [plain(data.partners[p].name) if p in data.partners else plain(p)
                for p in action.partners]  # fmt: skip
    schedule = sheet.period(action.start, action.end)
    if action.start is None and action.end is None:
        schedule = NONE
    lead = plain(data.lead_name(action))
    org = data.lead_organisation(action)
    if lead and org is not None:
        lead += f" ({plain(org.name)})"
    return (title, plain(", ".join(action.skills)), " · ".join(means), ", ".join(partners),
            schedule, lead)  # fmt: skip
