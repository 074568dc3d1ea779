"""The filled-in worksheet as Markdown, for partners and funders (SPEC §8).

The project and its partners, then the worksheet's three steps with its own
table columns, in one language with that language's dates and money. User
text is data: `inline()` escapes everything Markdown (or GitHub's renderer)
would interpret, so a title like ``| # [x](y) `z` $a$`` prints as typed and
never breaks a table. No Textual or Rich here: the fast CLI imports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from coop_tui.domain import checks, finance
from coop_tui.domain.approvals import partners_expected
from coop_tui.domain.model import Action, Objective
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean

NONE = "—"
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
"""Backslash, code, emphasis, links, HTML, headings, table cells, strikethrough, maths."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
"""A list item, a setext underline or a numbered item, when a line starts with it."""


def inline(text: str, *, block: bool = False) -> str:
    """User text as inert, one-line Markdown: lines joined by ``<br>``, nothing interpreted.

    `block`: the text starts a paragraph, where a leading ``-``, ``+``, ``=`` or
    ``1.`` would make a list, a heading underline or a numbered item.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        line = _SPECIAL.sub(r"\\\1", clean(line)).strip()
        out.append(_ENTITY.sub(r"\\&", line))
    joined = "<br>".join(out).strip()
    if block:
        joined = _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                                  else m.group(2) + "\\" + m.group(3), joined)  # fmt: skip
    return joined


def _or_none(text: str) -> str:
    return inline(text) or NONE


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GitHub-flavoured table; every cell is already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(cell or NONE for cell in row) + " |" for row in rows)
    return [*lines, ""]


class _Worksheet:
    """Builds the document one section at a time (each method appends lines)."""

    def __init__(self, data: PlanData, tr: Translator, today: dt.date) -> None:
        self.data = data
        self.tr = tr
        self.t = tr.t
        self.today = today
        self.lines: list[str] = []

    # --- small formats ------------------------------------------------------------

    def number(self, value: float | None) -> str:
        if value is None:
            return NONE
        return self.tr.number(value, 0 if float(value).is_integer() else 2)

    def org_name(self, org_id: str) -> str:
        org = self.data.organisations.get(org_id)
        return inline(org.name) if org else inline(org_id)

    def objective_label(self, objective: Objective) -> str:
        code = f"**{inline(objective.code)}** " if objective.code else ""
        return code + _or_none(objective.statement)

    def heading(self, level: int, text: str) -> None:
        self.lines.extend(["#" * level + " " + text, ""])

    def word(self, prefix: str, value: str) -> str:
        """A catalog word for a stored choice (an unknown choice shows escaped, as typed)."""
        key = f"{prefix}.{value}"
        return self.t(key) if self.tr.has(key) else inline(value)

    def labelled(self, label: str, value: str) -> str:
        """`label: value` with the language's spacing before the colon."""
        return self.t("exports.md.label", label=label, value=value)

    def coded(self, code: str, text: str) -> str:
        """`code — text`, or the text alone when there is no code."""
        text = _or_none(text)
        return f"{inline(code)} — {text}" if code.strip() else text

    # --- the document -------------------------------------------------------------

    def build(self) -> str:
        self.project()
        self.partners()
        self.step1()
        self.step2()
        self.step3()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def project(self) -> None:
        plan, t = self.data.plan, self.t
        self.heading(1, _or_none(plan.title))
        if plan.description.strip():
            self.lines.extend([inline(plan.description, block=True), ""])
        facts = [
            (t("field.territory"), _or_none(plan.territory)),
            (t("exports.md.period"), f"{self.tr.date(plan.start)} → {self.tr.date(plan.end)}"),
        ]
        self.lines.extend(f"- {self.labelled(f'**{label}**', value)}" for label, value in facts)
        generated = t("exports.md.generated", date=self.tr.date(self.today, long=True),
                      revision=self.data.revision)  # fmt: skip
        self.lines.extend(["", f"*{generated}*", ""])
        if self.data.phases:
            self.heading(3, t("exports.md.phases"))
            rows = [(_or_none(p.name), self.tr.date(p.start), self.tr.date(p.end))
                    for p in self.data.sorted_phases()]  # fmt: skip
            self.lines.extend(_table([t("field.phase"), t("field.start"), t("field.end")], rows))

    def partners(self) -> None:
        t, data = self.t, self.data
        self.heading(2, t("exports.md.partners"))
        orgs = sorted(data.organisations.values(), key=lambda o: (o.role != "lead", o.name))
        headers = [t("field.name"), t("field.org_kind"), t("field.role"), t("field.contact"),
                   t("field.skills_held")]  # fmt: skip
        rows = [
            (f"**{_or_none(o.name)}**", inline(o.kind), self.word("role", o.role),
             inline(o.contact), inline(", ".join(o.skills)))  # fmt: skip
            for o in orgs
        ]
        self.lines.extend(_table(headers, rows))
        if data.people:
            self.heading(3, t("exports.md.people"))
            people = sorted(data.people.values(), key=lambda p: p.name.casefold())
            headers = [t("field.name"), t("field.organisation"), t("field.person_role"),
                       t("field.contact")]  # fmt: skip
            rows = [(_or_none(p.name), self.org_name(p.organisation), inline(p.role),
                     inline(p.contact)) for p in people]  # fmt: skip
            self.lines.extend(_table(headers, rows))

    def step1(self) -> None:
        t, data = self.t, self.data
        self.heading(2, t("exports.md.step1"))
        self.heading(3, t("exports.md.individual_stakes"))
        headers = [t("field.category"), t("field.stake_statement"), t("field.risk"),
                   t("field.gain")]  # fmt: skip
        for org in sorted(data.organisations.values(), key=lambda o: (o.role != "lead", o.name)):
            self.heading(4, _or_none(org.name))
            if org.diagnosis.strip():
                self.lines.extend([f"*{t('field.diagnosis')}* — {inline(org.diagnosis)}", ""])
            stakes = sorted(data.stakes_of(org.id), key=lambda s: (s.category, s.statement))
            if not stakes:
                self.lines.extend([t("exports.md.no_stakes"), ""])
                continue
            rows = [(self.word("category", s.category), _or_none(s.statement), inline(s.risk),
                     inline(s.gain)) for s in stakes]  # fmt: skip
            self.lines.extend(_table(headers, rows))
        self.heading(3, t("exports.md.shared_stakes"))
        shared = data.sorted_shared_stakes()
        if not shared:
            self.lines.extend([t("exports.md.no_shared_stakes"), ""])
            return
        headers = [t("field.code"), t("field.title"), t("field.statement"),
                   t("field.pooled_stakes")]  # fmt: skip
        rows = []
        for s in shared:
            pooled = [
                self.labelled(self.org_name(stake.organisation), inline(stake.statement))
                for sid in s.stakes
                if (stake := data.stakes.get(sid)) is not None
            ]
            rows.append((inline(s.code), _or_none(s.title), inline(s.statement),
                         "<br>".join(pooled)))  # fmt: skip
        self.lines.extend(_table(headers, rows))

    def step2(self) -> None:
        t, data = self.t, self.data
        self.heading(2, t("exports.md.step2"))
        roots = data.children("")
        stakes = data.sorted_shared_stakes()
        known = {s.id for s in stakes}
        orphans = [o for o in roots if o.shared_stake not in known]
        for stake in stakes:
            self.heading(3, self.coded(stake.code, stake.title))
            objectives = [o for o in roots if o.shared_stake == stake.id]
            if not objectives:
                self.lines.extend([t("exports.md.no_objectives"), ""])
            for objective in objectives:
                self.shared_objective(objective)
        for objective in orphans:
            self.shared_objective(objective)

    def shared_objective(self, objective: Objective) -> None:
        t = self.t
        self.heading(4, t("exports.md.shared_objective",
                          label=self.coded(objective.code, objective.statement)))  # fmt: skip
        operational = self.data.children(objective.id) or [objective]
        headers = [t("exports.md.col.objectives"), t("exports.md.col.indicators"),
                   t("exports.md.col.results"), t("exports.md.col.deadline")]  # fmt: skip
        rows = [(self.objective_label(o), self.indicators(o), inline(o.expected_results),
                 self.tr.date(o.deadline)) for o in operational]  # fmt: skip
        self.lines.extend(_table(headers, rows))
        self.lines.extend([f"**{t('exports.md.approval_title')}**", ""])
        headers = [t("exports.md.col.objective"), t("field.approvals"),
                   t("exports.md.col.not_approved"), t("field.realistic"),
                   t("exports.md.col.smart")]  # fmt: skip
        scope = [objective, *self.data.children(objective.id)]
        self.lines.extend(_table(headers, [self.approval_row(o) for o in scope]))

    def indicators(self, objective: Objective) -> str:
        t, tr = self.t, self.tr
        parts = []
        for ind in self.data.indicators_of(objective.id):
            text = t("exports.md.indicator", name=_or_none(ind.name),
                     kind=self.word("indicator_kind", ind.kind), baseline=self.number(ind.baseline),
                     target=self.number(ind.target), unit=inline(ind.unit),
                     date=tr.date(ind.target_date))  # fmt: skip
            latest = checks.latest_measurement(self.data, ind)
            if latest is not None:
                text += " — " + t("exports.md.latest", value=self.number(latest.value),
                                  date=tr.date(latest.date))  # fmt: skip
            parts.append(text)
        return "<br>".join(parts)

    def approval_row(self, objective: Objective) -> tuple[str, ...]:
        t, data = self.t, self.data
        approved = [
            f"{self.org_name(org_id)} ({self.tr.date(approval.date)})"
            for org_id, approval in sorted(objective.approvals.items())
        ]
        waiting = [
            inline(o.name)
            for o in sorted(partners_expected(data, objective), key=lambda o: o.name)
            if o.id not in objective.approvals
        ]
        realistic = {None: "unknown", True: "yes", False: "no"}[objective.realistic]
        judged = t(f"exports.md.realistic.{realistic}")
        if objective.realistic_note.strip():
            judged += " — " + inline(objective.realistic_note)
        letters = checks.smart_check(data, objective)
        if checks.smart_ok(letters):
            smart = t("exports.md.smart_ok")
        else:
            smart = "<br>".join(
                "✗ " + self.labelled(t(f"smart.{letter.letter}"),
                                     inline(t(letter.reason, **letter.values)))  # fmt: skip
                for letter in letters
                if not letter.ok
            )
        return (self.objective_label(objective), "<br>".join(approved), ", ".join(waiting),
                judged, smart)  # fmt: skip

    def step3(self) -> None:
        t, data = self.t, self.data
        self.heading(2, t("exports.md.step3"))
        listed = data.operational_objectives()
        with_actions = {a.objective for a in data.actions.values()}
        extra = [o for o in data.objectives.values()
                 if o.id in with_actions and o not in listed]  # fmt: skip
        objectives = sorted([*listed, *extra], key=lambda o: natural_key(o.code))
        for objective in objectives:
            self.heading(3, self.coded(objective.code, objective.statement))
            self.action_table(data.actions_of(objective.id))
        orphans = data.sorted_actions(a for a in data.actions.values()
                                      if a.objective not in data.objectives)  # fmt: skip
        if orphans:
            self.heading(3, t("exports.md.unassigned"))
            self.action_table(orphans)
        self.gaps()
        self.register()

    def action_table(self, actions: list[Action]) -> None:
        t = self.t
        if not actions:
            self.lines.extend([t("exports.md.no_actions"), ""])
            return
        headers = [t("exports.md.col.actions"), t("field.required_skills"),
                   t("field.resources"), t("field.external_partners"),
                   t("exports.md.col.schedule"), t("field.lead")]  # fmt: skip
        self.lines.extend(_table(headers, [self.action_row(a) for a in actions]))

    def action_row(self, action: Action) -> tuple[str, ...]:
        t, tr, data = self.t, self.tr, self.data
        code = f"**{inline(action.code)}** " if action.code else ""
        status = self.word("status", action.status.value)
        if checks.is_overdue(action, self.today):
            status += ", " + t("exports.md.overdue")
        title = f"{code}{_or_none(action.title)} *({status})*"
        if action.depends_on:
            codes = ", ".join(inline(data.actions[d].code or d) if d in data.actions else inline(d)
                              for d in action.depends_on)  # fmt: skip
            title += "<br>" + t("exports.md.depends", codes=codes)
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
                means.append(self.labelled(t(f"field.{key}"), inline(value)))
        partners = [inline(data.partners[p].name) if p in data.partners else inline(p)
                    for p in action.partners]  # fmt: skip
        schedule = f"{tr.date(action.start)} → {tr.date(action.end)}"
        if action.start is None and action.end is None:
            schedule = NONE
        lead = inline(data.lead_name(action))
        org = data.lead_organisation(action)
        if lead and org is not None:
            lead += f" ({inline(org.name)})"
        return (title, inline(", ".join(action.skills)), " · ".join(means), ", ".join(partners),
                schedule, lead)  # fmt: skip

    def gaps(self) -> None:
        t, data = self.t, self.data
        self.heading(3, t("exports.md.gaps"))
        gaps = checks.skill_gaps(data)
        if not gaps:
            self.lines.extend([t("exports.md.no_gaps"), ""])
            return
        headers = [t("exports.md.col.action"), t("exports.md.col.missing_skill"),
                   t("field.remedy"), t("field.remedy_note")]  # fmt: skip
        rows = []
        for gap in gaps:
            action = data.actions[gap.action]
            remedy = gap.remedy
            rows.append((self.coded(action.code, action.title), _or_none(gap.skill),
                         self.word("remedy", remedy.kind if remedy else ""),
                         inline(remedy.note if remedy else "")))  # fmt: skip
        self.lines.extend(_table(headers, rows))

    def register(self) -> None:
        t, data = self.t, self.data
        self.heading(3, t("exports.md.register"))
        partners = sorted(data.partners.values(), key=lambda p: p.name.casefold())
        if not partners:
            self.lines.extend([t("exports.md.no_partners"), ""])
            return
        used: dict[str, list[str]] = {}
        for action in data.sorted_actions():
            for pid in action.partners:
                used.setdefault(pid, []).append(inline(action.code or action.title))
        headers = [t("field.name"), t("field.partner_kind"), t("field.brings"), t("field.expects"),
                   t("field.contact"), t("exports.md.col.mobilised")]  # fmt: skip
        rows = [(f"**{_or_none(p.name)}**", self.word("partner_kind", p.kind), inline(p.brings),
                 inline(p.expects), inline(p.contact), ", ".join(used.get(p.id, [])))
                for p in partners]  # fmt: skip
        self.lines.extend(_table(headers, rows))


def to_markdown(data: PlanData, language: str, today: dt.date) -> str:
    """The filled-in worksheet in `language` ('fr' or 'en'), as of `today`."""
    return _Worksheet(data, Translator(language), today).build()


__all__ = ["inline", "to_markdown"]
