"""`p` on an objective: the partners approve it, one after another, until escape.

Each partner organisation whose approval the objective needs, with its
approval in words (given: when, by whom, at which review; to renew: what
changed since; not yet). `enter` (or `space`) on a partner approves, renews a
lapsed approval, or withdraws a current one; below the list, who approves for
the organisation under the cursor (its first person unless chosen) and at
which review (the latest held unless chosen). The dialog never writes: it
hands each choice to `on_toggle`, and shows the plan again as it comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from coop_tui.domain.approvals import partners_expected
from coop_tui.domain.model import Objective
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.fields_steering import review_choices
from coop_tui.tui.widgets import approval_words as words
from coop_tui.tui.widgets.line_table import LineTable, cell

Toggle = Callable[[str, str, str], None]
"""(organisation id, person id, review id) -> the caller changes that approval."""


class ApprovalDialog(ModalScreen[None]):
    """The approvals of one objective, changed one partner at a time; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("space", "approve", show=False),
    ]
    DEFAULT_CSS = """
    ApprovalDialog { align: center middle; }
    ApprovalDialog > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    ApprovalDialog #approval-title { text-style: bold; color: $primary; padding: 1 0 0 0; }
    ApprovalDialog #approval-hint { color: $text-muted; padding: 0 0 1 0; }
    ApprovalDialog LineTable { height: auto; max-height: 12; }
    ApprovalDialog .approval-label { margin-top: 1; color: $text-muted; }
    ApprovalDialog #approval-detail { height: auto; margin-top: 1; }
    ApprovalDialog #approval-foot { height: 1; }
    """

    def __init__(
        self,
        objective: Objective,
        data: PlanData,
        tr: Translator,
        on_toggle: Toggle,
        *,
        org_id: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.objective_id = objective.id
        self.data = data
        self.tr = tr
        self.on_toggle = on_toggle
        self.start_org = org_id
        self.person_for: dict[str, str] = {}
        """Organisation id -> the person chosen to approve for it."""
        self.review = words.default_review(data, today) if today else ""
        """The review approvals are given at ("" for none)."""

    @property
    def objective(self) -> Objective | None:
        return self.data.objectives.get(self.objective_id)

    def compose(self) -> ComposeResult:
        t = self.tr.t
        objective = self.objective
        label = f"{objective.code} {objective.statement}".strip() if objective else ""
        with Vertical():
            yield Static(Content(clean(t("reviews.approval.title", objective=label))),
                         id="approval-title")  # fmt: skip
            yield Static(Content(t("reviews.approval.hint")), id="approval-hint")
            yield LineTable(id="approval-partners")
            yield Static("", id="approval-detail")
            yield Label("", id="approval-person-label", classes="approval-label")
            yield Select[str]([], id="approval-person", prompt=t("form.none"), compact=True)
            yield Label(Content(t("reviews.approval.review")), classes="approval-label")
            yield Select[str]([], id="approval-review", prompt=t("form.none"), compact=True)
            yield Static("", id="approval-foot")

    def on_mount(self) -> None:
        t = self.tr.t
        table = self.query_one(LineTable)
        table.add_column(cell(t("reviews.approval.col.org")), width=26)
        table.add_column(cell(t("reviews.approval.col.state")))
        reviews = self.query_one("#approval-review", Select)
        with self.prevent(Select.Changed):
            reviews.set_options(
                [(Content(clean(text)), rid) for text, rid in review_choices(self.data, self.tr)]
            )
            if self.review in self.data.reviews:
                reviews.value = self.review
        self.show_plan(self.data)
        keys = [table.row_key_at(i) for i in range(table.row_count)]
        if self.start_org in keys:
            table.move_cursor(row=keys.index(self.start_org))
        table.focus()
        self.watch(self.app, "plan_data", self.show_plan, init=False)

    # --- showing the plan -----------------------------------------------------------------

    def show_plan(self, data: PlanData) -> None:
        """The approvals as the plan has them now (after each change, or another user's)."""
        self.data = data
        objective = self.objective
        if objective is None:  # deleted meanwhile
            self.dismiss(None)
            return
        table = self.query_one(LineTable)
        table.refill(
            (org.id, (org.name, words.approval_state(data, objective, org.id, self.tr)))
            for org in partners_expected(data, objective)
        )
        self._show_person()

    def _show_person(self) -> None:
        """The approval of the organisation under the cursor in full, and who approves."""
        objective = self.objective
        org_id = self.query_one(LineTable).selected_key
        detail = ""
        if objective is not None and org_id:
            detail = words.approval_line(self.data, objective, org_id, self.tr)
        self.query_one("#approval-detail", Static).update(Content(detail))
        org = self.data.organisations.get(org_id or "")
        label = self.query_one("#approval-person-label", Label)
        name = clean(org.name) if org else "—"
        label.update(Content(self.tr.t("reviews.approval.person", org=name)))
        select = self.query_one("#approval-person", Select)
        people = words.people_of(self.data, org_id or "")
        chosen = self.person_for.get(org_id or "")
        if chosen is None and objective is not None and org_id:
            chosen = words.default_person(self.data, objective, org_id)
        with self.prevent(Select.Changed):
            select.set_options([(Content(clean(p.name)), p.id) for p in people])
            if chosen and any(p.id == chosen for p in people):
                select.value = chosen

    @on(LineTable.RowHighlighted, "#approval-partners")
    def _partner_moved(self) -> None:
        self._show_person()

    @on(Select.Changed, "#approval-person")
    def _person_chosen(self, event: Select.Changed) -> None:
        org_id = self.query_one(LineTable).selected_key
        if org_id:
            self.person_for[org_id] = "" if event.value is Select.NULL else str(event.value)

    @on(Select.Changed, "#approval-review")
    def _review_chosen(self, event: Select.Changed) -> None:
        self.review = "" if event.value is Select.NULL else str(event.value)

    # --- approving ----------------------------------------------------------------------------

    @on(LineTable.RowSelected, "#approval-partners")
    def _partner_selected(self) -> None:
        self.action_approve()

    def action_approve(self) -> None:
        """Approve, renew or withdraw the approval of the partner under the cursor."""
        org_id = self.query_one(LineTable).selected_key
        if not org_id:
            self.app.bell()
            return
        person = self.query_one("#approval-person", Select).value
        self.on_toggle(org_id, "" if person is Select.NULL else str(person), self.review)

    def action_close(self) -> None:
        self.dismiss(None)
