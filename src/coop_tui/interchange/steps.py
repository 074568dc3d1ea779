"""Steps 1 and 2 of the worksheet (SPEC §2), with the worksheet's own table columns.

Step 1: each organisation's diagnosis and individual stakes, then the shared
stakes that pool them. Step 2: per shared stake, its objectives with their
phase, types of cooperation, indicators (each as its kind says it), results and
deadline, then who approved them — an approval that has lapsed since shows « à
renouveler » with what changed — and the SMART check. Step 3 is in
`action_plan.py`. Each function returns blocks of a `Document`; see
`worksheet.SECTIONS` for the order.
"""

from __future__ import annotations

from coop_tui.domain import checks
from coop_tui.domain.approvals import lapsed_because, partners_expected
from coop_tui.domain.model import Objective
from coop_tui.interchange.document import (
    Block,
    Heading,
    Paragraph,
    Span,
    Spans,
    plain,
    spans,
    text_of,
)
from coop_tui.interchange.indicator_text import describe
from coop_tui.interchange.sheet import Sheet

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
    rows = [(objective_cell(sheet, o), indicators(sheet, o), plain(o.expected_results),
             sheet.tr.date(o.deadline)) for o in operational]  # fmt: skip
    approval_headers = [t("exports.md.col.objective"), t("field.approvals"),
                        t("exports.md.col.not_approved"), t("field.realistic"),
                        t("exports.md.col.smart")]  # fmt: skip
    scope = [objective, *data.children(objective.id)]
    return [
        Heading(3, heading),
        *(Paragraph(fact) for fact in facts(sheet, objective)),
        sheet.table(headers, rows, (3, 4.5, 3, 1.5)),
        Paragraph((Span(t("exports.md.approval_title"), bold=True),)),
        sheet.table(approval_headers, [approval_row(sheet, o) for o in scope], (3, 3.5, 2, 2.5, 3)),
    ]


def facts(sheet: Sheet, objective: Objective) -> list[Spans]:
    """The objective's phase and types of cooperation, where it has them."""
    t = sheet.t
    out = []
    if objective.phase:
        out.append(sheet.label_spans(t("field.phase"), sheet.phase_name(objective.phase)))
    if objective.cooperation:
        kinds = ", ".join(sheet.word("cooperation", c) for c in objective.cooperation)
        out.append(sheet.label_spans(t("documents.cooperation", count=len(objective.cooperation)),
                                     kinds))  # fmt: skip
    return out


def objective_cell(sheet: Sheet, objective: Objective) -> Spans:
    """Code and statement, then the phase and types of cooperation, one a line."""
    lines = [Span("\n" + text_of(fact), italic=True) for fact in facts(sheet, objective)]
    return (*sheet.objective_label(objective), *lines)


def indicators(sheet: Sheet, objective: Objective) -> str:
    """An objective's indicators, each as its kind says it, a blank line between them."""
    return "\n\n".join(describe(sheet, ind) for ind in sheet.data.indicators_of(objective.id))


def approvals_given(sheet: Sheet, objective: Objective) -> list[str]:
    """Each approval: who, when, at which review; "à renouveler" with what changed since."""
    t, data = sheet.t, sheet.data
    out = []
    order = {o.id: n for n, o in enumerate(sheet.organisations())}
    for org_id, approval in sorted(objective.approvals.items(),
                                   key=lambda kv: (order.get(kv[0], len(order)), kv[0])):  # fmt: skip
        review = data.reviews.get(approval.review)
        details = [sheet.tr.date(approval.date), sheet.person_name(approval.person),
                   plain(review.title) if review else ""]  # fmt: skip
        given = t("documents.approval.given", org=sheet.org_name(org_id),
                  details=", ".join(d for d in details if d))  # fmt: skip
        changed = lapsed_because(data, objective, approval)
        if changed:
            what = ", ".join(t(f"documents.approval.changed.{c}") for c in changed)
            given = t("documents.approval.lapsed", approval=given, what=what)
        out.append(given)
    return out


def approval_row(sheet: Sheet, objective: Objective) -> tuple[Spans | str, ...]:
    """Who approved (and when), who has not yet, the judgement, what SMART still lacks.

    Only the partners present in the objective's phase are waited for: a partner
    joining in phase 2 does not approve a phase-1 objective (`partners_expected`).
    """
    t, data = sheet.t, sheet.data
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
    return (sheet.objective_label(objective), "\n".join(approvals_given(sheet, objective)),
            ", ".join(waiting), judged, smart)  # fmt: skip
