"""What the action plan shows: table rows and detail panes built from a `PlanData`.

Kept apart from the screen so the screen only wires widgets. Every piece of
user text goes through `clean` into `rich.text.Text` (table cells) or
`textual.content.Content` (detail panes): shown as typed, never parsed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.text import Text
from textual.content import Content

from coop_tui.domain import checks, finance
from coop_tui.domain import totals as plan_totals
from coop_tui.domain.model import Action, ExternalPartner, Person
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets.list_pane import Row

#: (i18n key or literal header, width) of the action table's columns, worksheet order.
ACTION_COLUMNS: tuple[tuple[str, int], ...] = (
    ("!", 1),
    ("actions.col.action", 22),
    ("actions.col.skills", 15),
    ("actions.col.resources", 12),
    ("actions.col.partners", 13),
    ("actions.col.schedule", 12),
    ("actions.col.lead", 14),
    ("actions.col.status", 11),
)
PARTNER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("field.name", 22),
    ("field.partner_kind", 14),
    ("field.brings", 24),
    ("field.expects", 22),
    ("field.contact", 14),
    ("actions.col.mobilised", 10),
)
PEOPLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("field.name", 22),
    ("field.organisation", 26),
    ("field.person_role", 22),
    ("field.contact", 18),
    ("actions.col.leads", 16),
)
GAP_MARK = "!"
SEPARATOR = " · "


def lines(*parts: str) -> Text:
    """A cell of one line per part, each cut with … at the column's edge."""
    return Text("\n".join(clean(p) for p in parts), no_wrap=True, overflow="ellipsis")


def clamp(text: str, width: int, console: Console, count: int = 2) -> Text:
    """`text` wrapped to `width` on at most `count` lines, the last one ending in … if cut.

    The same arguments give the same `Text`, kept (an objective's rows are made again on
    each refresh, and wrapping is most of their cost): read it, never change it."""
    return _clamped(text, width, console, count)


@functools.lru_cache(maxsize=4096)
def _clamped(text: str, width: int, console: Console, count: int) -> Text:
    wrapped = Text(clean(text)).wrap(console, width)
    if len(wrapped) <= count:
        return Text("\n").join(wrapped)
    rest = [line.copy() for line in wrapped[count - 1 :]]
    for line in rest:
        line.rstrip()
    last = Text(" ").join(rest)
    last.truncate(width, overflow="ellipsis")
    return Text("\n").join([*wrapped[: count - 1], last])


def _row(key: str, cells: Sequence[str | Text], search: str = "") -> Row:
    """A list row whose filter searches its cells and `search`."""
    plain = (c.plain if isinstance(c, Text) else c for c in cells)
    return key, cells, " ".join([search, *plain])


def _codes(actions: Sequence[Action]) -> str:
    return ", ".join(a.code for a in actions)


DETAIL_ACTIONS = 6
"""The actions a person's or a partner's detail names at most, the others counted: the
pane shows three lines or so of them (someone who leads 2,000 actions is not listed
whole, to be wrapped and cut on every refresh)."""


def group_text(
    data: PlanData, index: str, key: str, words: Callable[[Sequence[Action]], str]
) -> str:
    """`words(the actions of one group)` (a person's, a partner's), kept from one snapshot
    to the next while the group is the very same (`PlanData.action_group`): a person who
    leads 2,000 actions has their codes joined once, not on every refresh."""
    group = data.action_group(index, key)
    cache = data.carried(f"action_rows:{index}:{words.__name__}")
    kept = cache.get(key)
    if kept is None or kept[0] is not group:
        kept = cache[key] = (group, words(group))
    return kept[1]


class ActionPlanView:
    """Builds rows and details for one plan, in one language, on one day."""

    def __init__(self, data: PlanData, tr: Translator, today: dt.date, console: Console) -> None:
        self.data = data
        self.tr = tr
        self.today = today
        self.console = console
        self.gaps: dict[str, list[checks.SkillGap]] = {}
        for gap in checks.skill_gaps(data):
            self.gaps.setdefault(gap.action, []).append(gap)

    # --- actions ----------------------------------------------------------------------

    def missing(self, action: Action) -> list[str]:
        """The action's required skills that no partner organisation holds."""
        return [g.skill for g in self.gaps.get(action.id, [])]

    def remedy_label(self, action: Action) -> str:
        kinds = [r.kind for r in action.remedies if r.kind and r.skill in self.missing(action)]
        if not kinds:
            return self.tr.t("actions.no_remedy")
        return ", ".join(dict.fromkeys(self.tr.t(f"remedy.{k}") for k in kinds))

    def answer(self, action: Action, skill: str) -> str:
        """`soudure → Recrutement (A22) — note`: the answer to one missing skill."""
        remedy = checks.remedy_for(action, skill)
        said = self.tr.t(f"remedy.{remedy.kind}") if remedy and remedy.kind else ""
        said = said or self.tr.t("actions.no_remedy")
        linked = self.data.actions.get(remedy.action) if remedy and remedy.action else None
        if linked is not None:
            said += f" ({linked.code})"
        if remedy and remedy.note.strip():
            said += f" — {remedy.note.strip()}"
        return self.tr.t("actions.detail.gap_skill", skill=skill, remedy=said)

    def resources(self, action: Action) -> tuple[str, str]:
        """(budget, working days · places · equipment · other)."""
        res = action.resources
        rest = [self.tr.days(res.working_days)] if res.working_days is not None else []
        rest += [p for p in (res.places, res.equipment, res.other) if p.strip()]
        budget = (
            finance.action_budget(self.data, action)
            if self.data.budget_lines_of(action.id)
            else None
        )
        return self.tr.money(budget), SEPARATOR.join(rest)

    def partner_names(self, action: Action) -> str:
        names = [self.data.partners[p].name for p in action.partners if p in self.data.partners]
        return ", ".join(names)

    def lead(self, action: Action) -> tuple[str, str]:
        """(name, organisation) of the lead person."""
        org = self.data.lead_organisation(action)
        return self.data.lead_name(action) or "—", org.name if org else ""

    def action_row(self, action: Action) -> Row:
        tr = self.tr
        missing = self.missing(action)
        width = dict(ACTION_COLUMNS)
        if missing:
            marked = [f"{GAP_MARK}{s}" if s in missing else s for s in action.skills]
            skills = lines(", ".join(marked), f"→ {self.remedy_label(action)}")
        else:
            skills = clamp(
                ", ".join(action.skills) or "—", width["actions.col.skills"], self.console
            )
        overdue = checks.is_overdue(action, self.today)
        status = tr.t(f"status.{action.status.value}")
        cells = [
            Text(GAP_MARK if missing else "", style="bold"),
            clamp(f"{action.code} {action.title}", width["actions.col.action"], self.console),
            skills,
            lines(*self.resources(action)),
            clamp(self.partner_names(action) or "—", width["actions.col.partners"], self.console),
            lines(f"{tr.date(action.start)} →", tr.date(action.end)),
            lines(*self.lead(action)),
            Text.assemble(
                clean(status), "\n", (tr.t("actions.overdue") if overdue else "", "bold")
            ),
        ]
        search = " ".join([action.title, action.description, *missing])
        return _row(action.id, cells, search)

    def action_rows(self, objective_id: str) -> list[Row]:
        return [self.action_row(a) for a in self.data.actions_of(objective_id)]

    def totals(self, objective_id: str) -> Content:
        objective = self.data.objectives.get(objective_id)
        if objective is None:
            return Content(self.tr.t("actions.no_objective_hint"))
        total = plan_totals.totals(self.data).by_objective.get(objective_id, plan_totals.Totals())
        text = self.tr.t(
            "actions.totals",
            code=clean(objective.code),
            budget=self.tr.money(total.budget),
            days=self.tr.days(total.working_days),
            count=total.actions,
        )
        return Content.styled(text, "bold")

    def action_detail(self, action: Action | None) -> Content:
        """Everything about one action, in full (the table cuts long text)."""
        if action is None:
            return Content("")
        tr = self.tr
        label = tr.t("field.lead") + tr.t("actions.colon")
        name, org = self.lead(action)
        head = [
            tr.t(f"status.{action.status.value}"),
            f"{tr.date(action.start)} → {tr.date(action.end)}",
            label + (f"{name} ({org})" if org else name),
        ]
        parts: list[str | tuple[str, str]] = [
            (clean(f"{action.code} {action.title}"), "bold"),
            "\n",
        ]
        if checks.is_overdue(action, self.today):
            parts += [(tr.t("actions.overdue_long"), "bold reverse"), " "]
        parts += [clean(SEPARATOR.join(head)), "\n"]
        missing = self.missing(action)
        if missing:
            answers = " · ".join(self.answer(action, skill) for skill in missing)
            gap = tr.t("actions.detail.gap", answers=answers)
            parts += [(f"{GAP_MARK} ", "bold reverse"), (clean(gap), "bold"), "\n"]
        budget, extra = self.resources(action)
        rows = (
            ("field.required_skills", ", ".join(action.skills) or "—"),
            ("field.resources", SEPARATOR.join(p for p in (budget, extra) if p)),
            ("field.external_partners", self.partner_names(action) or "—"),
        )
        parts += self._labelled(rows)
        if action.description.strip():
            parts += ["\n", clean(action.description)]
        return Content.assemble(*parts)

    def _labelled(self, rows: Sequence[tuple[str, str]]) -> list[str | tuple[str, str]]:
        colon = self.tr.t("actions.colon")
        out: list[str | tuple[str, str]] = []
        for i, (key, value) in enumerate(rows):
            if i:
                out.append("\n")
            out += [(self.tr.t(key) + colon, "bold"), clean(value)]
        return out

    # --- external partners and people -------------------------------------------------

    def mobilising(self, partner_id: str) -> list[Action]:
        return self.data.actions_mobilising(partner_id)

    def led_by(self, person_id: str) -> list[Action]:
        return self.data.actions_led_by(person_id)

    def partners(self) -> list[ExternalPartner]:
        return sorted(self.data.partners.values(), key=lambda p: (p.name.casefold(), p.id))

    def people(self) -> list[Person]:
        return sorted(self.data.people.values(), key=lambda p: (p.name.casefold(), p.id))

    def kind_label(self, partner: ExternalPartner) -> str:
        key = f"partner_kind.{partner.kind}"
        return self.tr.t(key) if self.tr.has(key) else partner.kind

    def partner_rows(self) -> list[Row]:
        return [
            _row(p.id, [p.name, self.kind_label(p), p.brings, p.expects, p.contact,
                        group_text(self.data, "partner", p.id, _codes)])
            for p in self.partners()
        ]  # fmt: skip

    def organisation_name(self, person: Person) -> str:
        org = self.data.organisations.get(person.organisation)
        return org.name if org else ""

    def people_rows(self) -> list[Row]:
        return [
            _row(
                p.id,
                [
                    p.name,
                    self.organisation_name(p),
                    p.role,
                    p.contact,
                    group_text(self.data, "lead", p.id, _codes),
                ],
            )
            for p in self.people()
        ]

    def listed(self, index: str, key: str) -> str:
        """The first `DETAIL_ACTIONS` actions of one group ("code title", as
        `PlanData.action_group` orders them), then how many more: « … and 1,990 more
        actions »."""
        group = self.data.action_group(index, key)
        text = ", ".join(f"{a.code} {a.title}" for a in group[:DETAIL_ACTIONS])
        more = len(group) - DETAIL_ACTIONS
        if more > 0:
            text += " " + self.tr.t("actions.detail.more", count=self.tr.number(more, 0))
        return text

    def partner_detail(self, partner: ExternalPartner | None) -> Content:
        if partner is None:
            return Content("")
        rows = (
            ("field.brings", partner.brings or "—"),
            ("field.expects", partner.expects or "—"),
            ("field.contact", partner.contact or "—"),
            ("actions.detail.mobilised", self.listed("partner", partner.id) or "—"),
        )
        title = f"{partner.name}{SEPARATOR}{self.kind_label(partner)}"
        return Content.assemble((clean(title), "bold"), "\n", *self._labelled(rows))

    def person_detail(self, person: Person | None) -> Content:
        if person is None:
            return Content("")
        rows = (
            ("field.organisation", self.organisation_name(person) or "—"),
            ("field.person_role", person.role or "—"),
            ("field.contact", person.contact or "—"),
            ("actions.detail.leads", self.listed("lead", person.id) or "—"),
        )
        return Content.assemble((clean(person.name), "bold"), "\n", *self._labelled(rows))
