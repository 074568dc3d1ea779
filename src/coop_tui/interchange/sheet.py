"""`Sheet`: the plan, its language and the day, with the formats every section shares.

The worksheet's sections (`worksheet.py`, `steps.py`) are functions of a Sheet.
Every piece of user text goes through `plain()` here or in a section before it
enters the Document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from coop_tui.domain.checks import is_overdue
from coop_tui.domain.model import Action, Objective, Organisation
from coop_tui.domain.phases import phase_of
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.interchange.document import Block, Span, Spans, Table, plain, spans

NONE = "—"
"""What an empty cell or a missing value shows."""


class Sheet:
    """The plan, its language and the day, with the small formats every section uses."""

    def __init__(self, data: PlanData, tr: Translator, today: dt.date) -> None:
        self.data = data
        self.tr = tr
        self.t = tr.t
        self.today = today

    # --- values -------------------------------------------------------------------

    def or_none(self, text: str) -> str:
        """User text, or a dash where there is none."""
        return plain(text) or NONE

    def number(self, value: float | None) -> str:
        if value is None:
            return NONE
        return self.tr.number(value, 0 if float(value).is_integer() else 2)

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        return f"{self.tr.date(start)} → {self.tr.date(end)}"

    def money(self, value: float | None) -> str:
        return self.tr.money(value)

    def date(self, value: dt.date | None) -> str:
        return self.tr.date(value)

    def phase_name(self, phase_id: str) -> str:
        """A phase's name, or a dash for none (or one that no longer exists)."""
        phase = self.data.phases.get(phase_id)
        return self.or_none(phase.name) if phase else NONE

    def action_phase(self, action: Action) -> str:
        """The phase an action belongs to (its own, else its objective's)."""
        return self.phase_name(phase_of(self.data, action))

    def person_name(self, person_id: str) -> str:
        person = self.data.people.get(person_id)
        return plain(person.name) if person else ""

    def action_code(self, action_id: str) -> str:
        """An action's code (its title where it has none), for lists of references."""
        action = self.data.actions.get(action_id)
        if action is None:
            return plain(action_id)
        return plain(action.code) or self.or_none(action.title)

    def objective_code(self, objective_id: str) -> str:
        objective = self.data.objectives.get(objective_id)
        if objective is None:
            return plain(objective_id)
        return plain(objective.code) or self.or_none(objective.statement)

    def status(self, action: Action, day: dt.date | None = None) -> str:
        """An action's status word, with "overdue" when its end has passed by `day`."""
        word = self.word("status", action.status.value)
        if is_overdue(action, day or self.today):
            word += ", " + self.t("exports.md.overdue")
        return word

    def by_year(self, amounts: dict[str, float]) -> str:
        """Euros per year, in year order: "2026 : 48 000 € ; 2027 : 48 000 €"."""
        ordered = sorted(amounts.items(), key=lambda kv: (kv[0] == "", kv[0]))
        return self.t("documents.separator").join(
            self.labelled(year or self.t("documents.no_year"), self.money(amount))
            for year, amount in ordered
        )

    def org_name(self, org_id: str) -> str:
        org = self.data.organisations.get(org_id)
        return plain(org.name) if org else plain(org_id)

    def organisations(self) -> list[Organisation]:
        """Lead organisation first, then by name: the worksheet's order."""
        return sorted(self.data.organisations.values(), key=lambda o: (o.role != "lead", o.name))

    def word(self, prefix: str, value: str) -> str:
        """A catalog word for a stored choice (an unknown choice shows as typed)."""
        key = f"{prefix}.{value}"
        return self.t(key) if self.tr.has(key) else plain(value)

    def labelled(self, label: str, value: str) -> str:
        """`label: value` with the language's spacing before the colon."""
        return plain(self.t("exports.md.label", label=label, value=value))

    def label_spans(self, label: str, value: str, *, bold: bool = False) -> Spans:
        """`label: value` as spans, the label in bold if asked."""
        separator = self.t("exports.md.label", label="", value="")
        return spans(Span(label, bold=bold), separator, value)

    def bold(self, text: str) -> Spans:
        """User text (or a dash) in bold: a name that heads its row."""
        return (Span(self.or_none(text), bold=True),)

    def coded(self, code: str, text: str) -> str:
        """`code — text`, or the text alone when there is no code."""
        text = self.or_none(text)
        return f"{plain(code)} — {text}" if code.strip() else text

    def code_spans(self, code: str, text: str) -> Spans:
        """The code in bold, then the text (or a dash)."""
        code = plain(code)
        return spans(Span(code, bold=True), " " if code else "", self.or_none(text))

    def objective_label(self, objective: Objective) -> Spans:
        return self.code_spans(objective.code, objective.statement)

    # --- blocks -------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str | Spans]],
        widths: Sequence[float] = (),
    ) -> Table:
        """A table; a plain string is one span, an empty cell shows a dash."""
        cells = tuple(tuple(self._cell(cell) for cell in row) for row in rows)
        return Table(tuple(headers), cells, tuple(widths))

    @staticmethod
    def _cell(cell: str | Spans) -> Spans:
        content = spans(cell) if isinstance(cell, str) else cell
        return content or (Span(NONE),)


Builder = Callable[[Sheet], list[Block]]
"""A section of a document: blocks from a Sheet."""


__all__ = ["NONE", "Builder", "Sheet"]
