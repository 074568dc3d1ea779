"""3 — Action plan: per operational objective, the worksheet's table of actions.

Three panes, as tabs: the actions of the chosen objective (with skill gaps,
their remedy, overdue marks and the objective's totals), the external
partners register and the people who lead actions. `tab` walks through the
objective selector and the three tables; `a` / `e` / `d` / `/` act on the
table in focus (`/` opens its filter box, `escape` clears it); `r` sets the
remedy for a skill gap; `b` gives the selected action a budget line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TabbedContent, TabPane, Tabs

from coop_tui.domain import codes
from coop_tui.domain.model import (
    Action,
    BudgetLine,
    ExternalPartner,
    Person,
    Record,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import clean
from coop_tui.tui.screens.action_remedies import RemedyAnswers
from coop_tui.tui.screens.base import screen_css
from coop_tui.tui.widgets.action_rows import (
    ACTION_COLUMNS,
    PARTNER_COLUMNS,
    PEOPLE_COLUMNS,
    ActionPlanView,
)
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.list_pane import ListPane, Row

#: The panes `tab` walks through, in order: (tab pane id, widget id).
PANES: tuple[tuple[str, str], ...] = (
    ("pane-actions", "objective"),
    ("pane-actions", "actions-table"),
    ("pane-partners", "partners-table"),
    ("pane-people", "people-table"),
)
#: Table id -> the plan table its rows come from.
TABLES: dict[str, str] = {
    "actions-table": "actions",
    "partners-table": "partners",
    "people-table": "people",
}
#: The registers' tables -> their tab pane: filled when their pane shows.
REGISTERS: dict[str, str] = {
    "partners-table": "pane-partners",
    "people-table": "pane-people",
}


class ActionPlanScreen(RemedyAnswers):
    """Actions per operational objective, external partners, lead persons."""

    TITLE_KEY = "actions.title"
    DEFAULT_CSS = screen_css(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane", "key.next_pane", show=False),
        Binding("shift+tab", "previous_pane", "actions.key.previous_pane", show=False),
        Binding("a", "add", "key.add"),
        Binding("e", "edit", "key.edit"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("r", "remedy", "actions.key.remedy"),
        Binding("b", "budget_line", "budget.key.line"),
        Binding("less_than_sign", "objective(-1)", "actions.key.previous_objective", show=False),
        Binding("greater_than_sign", "objective(1)", "actions.key.next_objective", show=False),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._objective_id = ""
        self._objective_options: list[tuple[str, str]] = []
        self._pending: dict[str, str] = {}
        """Table id -> id of a record just saved, to put the cursor on once it shows."""
        self._view: ActionPlanView | None = None
        self._switching_to = ""
        """The tab pane our own `tab` is activating (its TabActivated needs no focus move)."""
        self._unfilled: set[str] = set()
        """The registers' tables (`REGISTERS`) not filled from `_view` yet: their pane was
        hidden when the screen, shown, was refreshed; each is filled when it shows
        (`_fill_shown`)."""
        self._details: dict[str, tuple[ActionPlanView, Record | None, str]] = {}
        """Table id -> what its detail pane was last made from (the view, the record...):
        the cursor's messages after a refill do not make the same detail again."""
        self._rows_shown: dict[str, tuple[str, list[Row]]] = {}
        """Table id -> (filter, rows) it shows (`_show_rows`)."""
        self._static_shown: dict[str, Content] = {}
        """Static id -> what it shows (`_update`)."""

    # --- building ---------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        t = self.tr.t
        placeholder = t("filter.placeholder")
        with TabbedContent(id="panes"):
            with TabPane(Content(t("actions.tab.actions")), id="pane-actions"):
                with Horizontal(id="objective-bar"):
                    yield Label(Content(t("actions.objective")), id="objective-label")
                    yield Select[str](
                        [], id="objective", compact=True, prompt=t("actions.no_objective")
                    )
                yield ListPane("actions", row_height=2, header_height=2)
                yield FilterBox(placeholder=placeholder, id="actions-filter")
                yield Static("", id="actions-totals")
                yield Static("", id="actions-detail", classes="detail")
            with TabPane(Content(t("actions.tab.partners")), id="pane-partners"):
                yield ListPane("partners")
                yield FilterBox(placeholder=placeholder, id="partners-filter")
                yield Static("", id="partners-detail", classes="detail")
            with TabPane(Content(t("actions.tab.people")), id="pane-people"):
                yield ListPane("people")
                yield FilterBox(placeholder=placeholder, id="people-filter")
                yield Static("", id="people-detail", classes="detail")

    def on_mount(self) -> None:
        for table_id, columns in (
            ("actions-table", ACTION_COLUMNS),
            ("partners-table", PARTNER_COLUMNS),
            ("people-table", PEOPLE_COLUMNS),
        ):
            labels = [self.tr.t(key) if self.tr.has(key) else key for key, _ in columns]
            self._table(table_id).set_columns(labels, [width for _, width in columns])
        # `tab` walks our panes; the tab strip itself needs no stop of its own.
        self.query_one(Tabs).can_focus = False  # the tab strip of the TabbedContent
        # A register's pane shown (our `tab`, a click, the palette): filled before it paints.
        self.watch(self.query_one(TabbedContent), "active", self._fill_shown, init=False)
        self._table("actions-table").focus()

    def _table(self, table_id: str) -> ListPane:
        return self.query_one(f"#{table_id}", ListPane)

    # --- showing the plan ---------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        self._view = ActionPlanView(data, self.tr, self.today, self.app.console)
        self._fill_objectives(data)
        self._fill_actions()
        self._unfilled = set(REGISTERS)
        if self.building_ahead:  # while the user reads another screen: all now, and the
            for table_id in REGISTERS:  # indexes of actions by lead and by partner with
                self._fill_register(table_id)  # them (a sort of every action)
        else:
            self._fill_shown()

    def _fill_shown(self) -> None:
        """Fill the register whose pane shows, if it is not filled yet (the hidden ones
        wait until they show: a person who leads 2,000 actions costs nothing meanwhile)."""
        active = self.query_one(TabbedContent).active
        for table_id, pane in REGISTERS.items():
            if pane == active and table_id in self._unfilled:
                self._fill_register(table_id)

    def _fill_objectives(self, data: PlanData) -> None:
        options = [(o.id, clean(f"{o.code} {o.statement}")) for o in data.operational_objectives()]
        select = self.query_one("#objective", Select)
        ids = [oid for oid, _ in options]
        if self._objective_id not in ids:
            self._objective_id = ids[0] if ids else ""
        if options != self._objective_options:
            self._objective_options = options
            with select.prevent(Select.Changed):
                select.set_options((Content(label), oid) for oid, label in options)
        with select.prevent(Select.Changed):
            select.value = self._objective_id or Select.NULL

    def _fill_actions(self) -> None:
        if self._view is None:
            return
        self._show_rows("actions-table", self._view.action_rows(self._objective_id))
        self._apply_pending("actions-table")
        self._update("actions-totals", self._view.totals(self._objective_id))
        self._show_detail("actions-table")

    def _fill_register(self, table_id: str) -> None:
        if self._view is None:
            return
        self._unfilled.discard(table_id)
        rows = (
            self._view.partner_rows() if table_id == "partners-table" else self._view.people_rows()
        )
        self._show_rows(table_id, rows)
        self._apply_pending(table_id)
        self._show_detail(table_id)

    def _show_rows(self, table_id: str, rows: list[Row]) -> None:
        """Fill a table, unless it shows these very rows already under the same filter:
        after a change elsewhere in the plan, its lines are not drawn again."""
        table = self._table(table_id)
        shown = (table.filter_text, rows)
        if self._rows_shown.get(table_id) != shown:
            self._rows_shown[table_id] = shown
            table.show_rows(rows)

    def _update(self, widget_id: str, content: Content) -> None:
        """Show `content` in the Static `widget_id`, unless it shows the same already (an
        update lays the screen out again)."""
        shown = self._static_shown.get(widget_id)
        if shown is None or (shown.plain, shown.spans) != (content.plain, content.spans):
            self._static_shown[widget_id] = content
            self.query_one(f"#{widget_id}", Static).update(content)

    def _apply_pending(self, table_id: str) -> None:
        """Put the cursor on a record just saved, once its row exists."""
        key = self._pending.get(table_id)
        if key and self._table(table_id).select(key):
            del self._pending[table_id]

    def _show_detail(self, table_id: str) -> None:
        if self._view is None:
            return
        record = self._selected(table_id)
        view = self._view
        objective = self._objective_id if table_id == "actions-table" else ""
        kept = self._details.get(table_id)
        if kept is not None and kept[0] is view and kept[1] is record and kept[2] == objective:
            return  # the same detail again (the cursor's messages after a refill)
        self._details[table_id] = (view, record, objective)
        if table_id == "actions-table":
            content = view.action_detail(record if isinstance(record, Action) else None)
            if not self._objective_id:
                content = Content(self.tr.t("actions.no_objective_hint"))
            self._update("actions-detail", content)
        elif table_id == "partners-table":
            partner = record if isinstance(record, ExternalPartner) else None
            self._update("partners-detail", view.partner_detail(partner))
        else:
            person = record if isinstance(record, Person) else None
            self._update("people-detail", view.person_detail(person))

    @on(LineTable.RowHighlighted)
    def _highlighted(self, event: LineTable.RowHighlighted) -> None:
        if event.table.id in TABLES:
            self._show_detail(event.table.id)

    @on(Select.Changed, "#objective")
    def _objective_changed(self, event: Select.Changed) -> None:
        value = self.query_one("#objective", Select).value
        chosen = value if isinstance(value, str) else ""
        if chosen != self._objective_id:
            self._objective_id = chosen
            self._fill_actions()

    def action_objective(self, step: int) -> None:
        """`<` / `>`: the previous / next operational objective."""
        ids = [oid for oid, _ in self._objective_options]
        if not ids:
            return
        index = ids.index(self._objective_id) if self._objective_id in ids else -1
        self._objective_id = ids[(index + step) % len(ids)]
        select = self.query_one("#objective", Select)
        with select.prevent(Select.Changed):
            select.value = self._objective_id
        self._fill_actions()

    # --- panes and selection ----------------------------------------------------------

    def _current_pane(self) -> int:
        """Index in PANES of the widget holding the focus (the table by default)."""
        node: Widget | None = self.focused
        while node is not None:
            for index, (_, widget_id) in enumerate(PANES):
                if node.id == widget_id:
                    return index
            node = node.parent if isinstance(node.parent, Widget) else None
        active = self.query_one(TabbedContent).active
        tables = (i for i, (pane, wid) in enumerate(PANES) if pane == active and wid != "objective")
        return next(tables, 1)

    def _go_to_pane(self, index: int) -> None:
        pane, widget_id = PANES[index % len(PANES)]
        tabs = self.query_one(TabbedContent)
        if tabs.active != pane:
            self._switching_to = pane
            tabs.active = pane
        self.call_after_refresh(self.query_one(f"#{widget_id}").focus)

    def action_next_pane(self) -> None:
        self._go_to_pane(self._current_pane() + 1)

    def action_previous_pane(self) -> None:
        self._go_to_pane(self._current_pane() - 1)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab chosen another way (the palette, a click): focus its table."""
        self.refresh_bindings()
        pane = event.pane.id
        if pane == self._switching_to:
            self._switching_to = ""  # our own `tab`: it focuses what it means to
            return
        if PANES[self._current_pane()][0] != pane:
            widget_id = next(w for p, w in PANES if p == pane and w != "objective")
            self.call_after_refresh(self._table(widget_id).focus)

    def _focused_table_id(self) -> str:
        widget_id = PANES[self._current_pane()][1]
        return "actions-table" if widget_id == "objective" else widget_id

    def _selected(self, table_id: str) -> Record | None:
        key = self._table(table_id).selected_key
        records: Any = self.data.table(TABLES[table_id])
        return records.get(key) if key else None

    # --- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`r`, `b` and `<` / `>` belong to the actions pane: hidden on the other two."""
        if action in ("remedy", "objective", "budget_line") and self.is_mounted:
            return self.query_one(TabbedContent).active == "pane-actions"
        return True

    def key_target(self, verb: str) -> str:
        """a / e / d act on the table of the pane in focus."""
        return TABLES[self._focused_table_id()] if self.is_mounted else ""

    def action_add(self) -> None:
        table_id = self._focused_table_id()
        record: Record
        if table_id == "actions-table":
            if not self._objective_id:
                self.notify(self.tr.t("actions.no_objective_hint"), markup=False)
                return
            siblings = self.data.actions_of(self._objective_id)
            record = Action(
                code=codes.next_action_code(self.data),
                objective=self._objective_id,
                order=max((a.order for a in siblings), default=0.0) + 1,
            )
        elif table_id == "partners-table":
            record = ExternalPartner()
        else:
            record = Person()
        self.edit_record(record, on_saved=lambda saved: self._remember(table_id, saved))

    def action_budget_line(self) -> None:
        """`b`: a budget line for the selected action (its money, without leaving the plan)."""
        action = self._selected("actions-table")
        if not isinstance(action, Action):
            self.notify(self.tr.t("actions.select_first"), markup=False)
            return
        self.edit_record(BudgetLine(action=action.id))

    def _remember(self, table_id: str, saved: Record) -> None:
        """Follow a record just saved: its objective (an action may have moved), its row."""
        self._pending[table_id] = saved.id
        if isinstance(saved, Action) and saved.objective != self._objective_id:
            self._objective_id = saved.objective
            self._fill_objectives(self.data)
            self._fill_actions()
        self._apply_pending(table_id)

    def action_edit(self) -> None:
        table_id = self._focused_table_id()
        record = self._selected(table_id)
        if record is None:
            self.notify(self.tr.t("actions.select_first"), markup=False)
            return
        self.edit_record(record, on_saved=lambda saved: self._remember(table_id, saved))

    @on(LineTable.RowSelected)
    def _row_selected(self, event: LineTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        record = self._selected(self._focused_table_id())
        if record is None:
            self.notify(self.tr.t("actions.select_first"), markup=False)
            return
        self.delete_record(record)

    # --- filtering ----------------------------------------------------------------------

    def _filter_box(self, table_id: str) -> FilterBox:
        return self.query_one(f"#{table_id.removesuffix('-table')}-filter", FilterBox)

    def action_filter(self) -> None:
        self._filter_box(self._focused_table_id()).open()

    def action_clear_filter(self) -> None:
        """Escape on a filtered table shows it whole again."""
        box = self._filter_box(self._focused_table_id())
        if box.value:
            box.close(clear=True)

    @on(Input.Changed, "FilterBox")
    def _filter_changed(self, event: Input.Changed) -> None:
        table_id = f"{(event.input.id or '').removesuffix('-filter')}-table"
        if table_id not in TABLES:
            return
        self._table(table_id).filter_text = event.value
        if table_id == "actions-table":
            self._fill_actions()
        else:
            self._fill_register(table_id)

    @on(FilterBox.Closed)
    def _filter_closed(self, event: FilterBox.Closed) -> None:
        table_id = f"{(event.box.id or '').removesuffix('-filter')}-table"
        if table_id in TABLES:
            self._table(table_id).focus()

    # --- the answers to missing skills -------------------------------------------------

    def action_remedy(self) -> None:
        """`r`: an answer (training, expert support, recruitment) and a note for each skill
        of the selected action that no partner holds."""
        action = self._selected("actions-table")
        if not isinstance(action, Action):
            self.notify(self.tr.t("actions.select_first"), markup=False)
            return
        self.ask_remedies(action)

    # --- the palette --------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Reach each pane by name."""
        for index, name in ((1, "actions"), (2, "partners"), (3, "people")):
            yield SystemCommand(
                self.tr.t(f"actions.cmd.{name}"),
                self.tr.t("actions.cmd.help"),
                lambda index=index: self._go_to_pane(index),
            )
