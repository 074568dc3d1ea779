"""The filled-in worksheet as a `Document`: the one place that decides what it says.

The project and its partners, its phases, then the worksheet's three steps with
its own table columns (SPEC §2), the skill gaps and the external partners, the
projected budget and the financing plan, the « Suivi » (reviews, decisions,
drift, indicators on their path) and room for the partners to sign — in the
plan's language with that language's dates and money. Every renderer
(Markdown, DOCX, ODT, PDF) prints this same Document, so the files agree line
for line.

Each section is one function from a `Sheet` to blocks, and `SECTIONS` lists
them in order: a new part of the plan is one more function and one more line
there. A part the plan does not have (phases, reviews) shows nothing, or one
sentence where a funder would look for it (the budget).
"""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.action_plan import gaps, step3
from coop_tui.interchange.document import (
    Approvals,
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Section,
    Signatory,
    TitlePage,
    plain,
    spans,
)
from coop_tui.interchange.follow_up import follow_up
from coop_tui.interchange.money import budget, contributions, financing
from coop_tui.interchange.phasing import phases
from coop_tui.interchange.sheet import Builder, Sheet
from coop_tui.interchange.steps import step1, step2
from coop_tui.interchange.typeset import DocumentTranslator


def cover(sheet: Sheet) -> list[Block]:
    """The title page: the project, its territory and period, its partners, the date."""
    plan, t, tr = sheet.data.plan, sheet.t, sheet.tr
    facts = (
        sheet.label_spans(t("field.territory"), sheet.or_none(plan.territory), bold=True),
        sheet.label_spans(t("exports.md.period"), sheet.period(plan.start, plan.end), bold=True),
    )
    dated = t("exports.md.generated", date=tr.date(sheet.today, long=True),
              revision=sheet.data.revision)  # fmt: skip
    page = TitlePage(
        title=sheet.or_none(plan.title),
        description=plain(plan.description),
        facts=facts,
        partners_label=t("documents.cover.partners"),
        partners=tuple(sheet.or_none(o.name) for o in sheet.organisations()),
        dated=dated,
    )
    return [page]


def partners(sheet: Sheet) -> list[Block]:
    """The partner organisations, then the people who lead actions."""
    t, data = sheet.t, sheet.data
    headers = [t("field.name"), t("field.org_kind"), t("field.role"), t("field.contact"),
               t("field.skills_held")]  # fmt: skip
    rows = [
        (
            sheet.bold(o.name),
            plain(o.kind),
            sheet.word("role", o.role),
            plain(o.contact),
            plain(", ".join(o.skills)),
        )
        for o in sheet.organisations()
    ]
    blocks: list[Block] = [
        Heading(1, t("exports.md.partners")),
        sheet.table(headers, rows, (3, 1.4, 2, 3, 4)),
    ]
    if data.people:
        people = sorted(data.people.values(), key=lambda p: p.name.casefold())
        headers = [t("field.name"), t("field.organisation"), t("field.person_role"),
                   t("field.contact")]  # fmt: skip
        listed = [
            (sheet.or_none(p.name), sheet.org_name(p.organisation), plain(p.role), plain(p.contact))
            for p in people
        ]
        blocks += [Heading(2, t("exports.md.people")), sheet.table(headers, listed)]
    return blocks


def register(sheet: Sheet) -> list[Block]:
    """The external partners: what each brings, what it expects, what it is mobilised for."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(2, t("exports.md.register"))]
    found = sorted(data.partners.values(), key=lambda p: p.name.casefold())
    if not found:
        return [*blocks, Paragraph(spans(t("exports.md.no_partners")))]
    used: dict[str, list[str]] = {}
    for action in data.sorted_actions():
        for pid in action.partners:
            used.setdefault(pid, []).append(plain(action.code or action.title))
    headers = [t("field.name"), t("field.partner_kind"), t("field.brings"), t("field.expects"),
               t("field.contact"), t("exports.md.col.mobilised")]  # fmt: skip
    rows = [(sheet.bold(p.name), sheet.word("partner_kind", p.kind),
             plain(p.brings), plain(p.expects), plain(p.contact), ", ".join(used.get(p.id, [])))
            for p in found]  # fmt: skip
    return [*blocks, sheet.table(headers, rows, (3, 2, 4, 4, 3, 2))]


def approvals(sheet: Sheet) -> list[Block]:
    """Room for each partner organisation to sign, on a page of its own."""
    t = sheet.t
    labels = (t("documents.approvals.organisation"), t("documents.approvals.person"),
              t("documents.approvals.date"), t("documents.approvals.signature"))  # fmt: skip
    people = tuple(Signatory(sheet.or_none(o.name), plain(o.contact).split("\n")[0])
                   for o in sheet.organisations())  # fmt: skip
    intro = t("documents.approvals.intro", revision=sheet.data.revision)
    return [PageBreak(), Approvals(t("documents.approvals.title"), intro, labels, people)]


def _landscape(sheet: Sheet) -> list[Block]:
    return [Section(landscape=True)]


def _portrait(sheet: Sheet) -> list[Block]:
    return [Section(landscape=False)]


def _new_page(sheet: Sheet) -> list[Block]:
    return [PageBreak()]


SECTIONS: tuple[Builder, ...] = (
    cover,
    partners,
    phases,
    _new_page,
    step1,
    _new_page,
    step2,
    _landscape,  # the action plan's six columns and the funders' years need the width
    step3,
    gaps,
    register,
    budget,
    financing,
    contributions,
    _portrait,
    follow_up,
    approvals,
)
"""The worksheet, in order."""


def build(data: PlanData, language: str, today: dt.date) -> Document:
    """The filled-in worksheet of `data` in `language` ('fr' or 'en'), as of `today`."""
    tr = DocumentTranslator(language)
    sheet = Sheet(data, tr, today)
    blocks: list[Block] = []
    for section in SECTIONS:
        blocks.extend(section(sheet))
    title = " ".join(sheet.or_none(data.plan.title).split())
    return Document(
        title=title,
        language=tr.language,
        header=tr.t("documents.header", title=title, revision=data.revision),
        page_label=tr.t("documents.page"),
        blocks=tuple(blocks),
        day=today,
    )


__all__ = ["SECTIONS", "build"]
