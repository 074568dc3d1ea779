"""4 — Board: the Kanban of actions, one lane per operational objective.

The board widget (widgets/board_view.py) draws and navigates; this screen
turns keys into storage transactions. Every move or reorder is one
transaction, so it is undoable and in the history with who did it; the new
plan comes back through the app's reload (and, for other users, its polling),
and the board keeps the cursor on the same card.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static

from coop_tui.domain.codes import next_action_code
from coop_tui.domain.model import Action, Record, Status, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.storage.history import What
from coop_tui.storage.transaction import Transaction
from coop_tui.text import clean
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets.board_layout import (
    BoardFilter,
    end_order,
    orders_swapping,
    swapped_orders,
)
from coop_tui.tui.widgets.board_view import BoardView
from coop_tui.tui.widgets.filter_box import FilterBox


class BoardScreen(PlanScreen):
    """Move cards between statuses and within lanes, with the keyboard alone."""

    TITLE_KEY = "board.title"
    DEFAULT_CSS = screen_css(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+left", "move(-1)", "board.key.move_prev", key_display="⇧←"),
        Binding("shift+right", "move(1)", "board.key.move_next", key_display="⇧→"),
        Binding("s", "pick_status", "board.key.status"),
        Binding("shift+up", "reorder(-1)", "board.key.move_up", key_display="⇧↑", show=False),
        Binding("shift+down", "reorder(1)", "board.key.move_down", key_display="⇧↓", show=False),
        Binding("enter,e", "open", "key.open", key_display="e", show=False),
        Binding("a", "add", "key.add"),
        Binding("d,delete", "delete", "key.delete", key_display="d", show=False),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("c", "collapse", "board.key.collapse", show=False),
        Binding("h", "toggle_dropped", "board.key.dropped", show=False),
        Binding("escape", "clear_text", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_dropped = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="board-status")
        yield FilterBox(placeholder=self.tr.t("board.filter.placeholder"), id="board-filter")
        yield BoardView(self.tr, self.today, id="board")
        yield Static("", id="board-detail")

    @property
    def board(self) -> BoardView:
        return self.query_one("#board", BoardView)

    def on_mount(self) -> None:
        self.board.focus()

    def key_target(self, verb: str) -> str:
        """Every key of the board acts on an action (a card, or a new one)."""
        return "actions"

    # --- showing -----------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        self.board.show(data)
        self._show_status()

    def _show_status(self) -> None:
        tr, board, data = self.tr, self.board, self.board.data
        parts = [
            tr.t("board.status.count", shown=board.board_layout.shown, total=len(data.actions))
        ]
        if board.board_layout.hidden_dropped:
            parts.append(
                tr.t("board.status.hidden_dropped", count=board.board_layout.hidden_dropped)
            )
        labels = self._filter_labels(board.board_filter, data)
        if labels:
            parts.append(tr.t("board.status.filters", filters=", ".join(labels)))
        self.query_one("#board-status", Static).update(Content(" · ".join(parts)))
        self._show_detail()

    def _filter_labels(self, board_filter: BoardFilter, data: PlanData) -> list[str]:
        tr = self.tr
        labels = []
        if board_filter.text.strip():
            labels.append(tr.t("board.filter.text", text=clean(board_filter.text.strip())))
        if board_filter.lead:
            person = data.people.get(board_filter.lead)
            labels.append(tr.t("board.filter.lead", name=clean(person.name if person else "?")))
        if board_filter.organisation:
            org = data.organisations.get(board_filter.organisation)
            labels.append(tr.t("board.filter.organisation", name=clean(org.name if org else "?")))
        if board_filter.phase:
            names = {p.id: p.name for p in data.sorted_phases()}
            name = clean(names.get(board_filter.phase, "?"))
            labels.append(tr.t("board.filter.phase", name=name))
        return labels

    def _show_detail(self) -> None:
        """The focused card in full: its titles are cut on the card itself."""
        board, tr = self.board, self.tr
        action = board.focused_action()
        if action is not None:
            lead = board.data.lead_name(action) or "—"
            text = (
                f"{clean(action.code)} {clean(action.title)} — {clean(lead)} · "
                f"{tr.date(action.start)} → {tr.date(action.end)}"
            )
        else:
            objective = board.focused_objective()
            text = (
                f"{clean(objective.code)} {clean(objective.statement)} · "
                f"{tr.t(f'status.{board.focused_status().value}')}"
                if objective
                else ""
            )
        self.query_one("#board-detail", Static).update(Content(text))

    @on(BoardView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._show_detail()

    # --- moving cards ------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """shift+left / shift+right: the previous / next status, at the end of that cell.

        The new status is worked out from the action as it is on disk, so two quick
        presses move the card two columns even before the board has caught up.
        """
        action = self.board.focused_action()
        columns = self.board.columns
        if action is None or action.status not in columns:
            self.app.bell()
            return
        if not 0 <= columns.index(action.status) + step < len(columns):
            self.app.bell()
            return

        def change(txn: Transaction) -> None:
            current = txn.record(Action, action.id)
            if current.status not in columns:
                return
            index = columns.index(current.status) + step
            if 0 <= index < len(columns):
                _move_to(txn, current, columns[index])

        self._apply_now(change)

    def _apply_now(self, change: Callable[[Transaction], Any]) -> None:
        """Show the card where `change` puts it at once, made on the plan in memory, while
        the change is committed in the background; if the commit fails, the board goes
        back to what is on disk and says why (see `PlanScreen.apply`)."""
        preview = self.store.preview(change)
        painted: threading.Event | None = None
        if preview is not None:
            self.board.show(preview)
            self._show_status()
            painted = threading.Event()
            self.call_after_refresh(painted.set)
        self.apply(change, after=painted)

    def action_pick_status(self) -> None:
        """`s`: choose any status in one step (one change in the history: À faire →
        Terminée, not through every column between)."""
        action = self.board.focused_action()
        if action is None:
            self.notify(self.tr.t("board.no_card"), markup=False)
            return
        tr = self.tr
        choices = [(tr.t(f"status.{status.value}"), status) for status in Status]
        label = clean(f"{action.code} {action.title}".strip())
        modal = ChoiceModal(
            tr.t("board.pick.status", action=label),
            tr.t("board.pick.status_now", status=tr.t(f"status.{action.status.value}")),
            choices,
            current=action.status,
            hint=tr.t("board.pick.hint"),
        )

        def chosen(status: Status | None) -> None:
            if status is None or status is action.status:
                return

            def change(txn: Transaction) -> None:
                current = txn.record(Action, action.id)
                if current.status is not status:
                    _move_to(txn, current, status)

            self._apply_now(change)
            self.board.focus_action(action.id)

        self.app.push_screen(modal, chosen)

    def action_reorder(self, delta: int) -> None:
        """shift+up / shift+down: swap the card with its visible neighbour in the cell."""
        action = self.board.focused_action()
        cell = self.board.focused_cell()
        if action is None or not swapped_orders(cell, cell.index(action), delta):
            self.app.bell()
            return
        neighbour = cell[cell.index(action) + delta].id

        def change(txn: Transaction) -> None:
            current = txn.record(Action, action.id)
            fresh = [
                a for a in txn.data.actions_of(current.objective) if a.status is current.status
            ]
            for action_id, order in orders_swapping(fresh, current.id, neighbour).items():
                txn.update(replace(txn.record(Action, action_id), order=order))
            txn.what = What(op="reorder", table="actions", record=current.id,
                            label=current.code or current.title,
                            field="order", after="up" if delta < 0 else "down")  # fmt: skip

        self._apply_now(change)

    # --- add, open, delete ---------------------------------------------------------------

    def action_open(self) -> None:
        action = self.board.focused_action()
        if action is None:
            self.notify(self.tr.t("board.no_card"), markup=False)
            return
        self.edit_record(action)

    def action_add(self) -> None:
        """A new action in the focused lane and column, status and code filled in."""
        board = self.board
        objective = board.focused_objective()
        if objective is None:
            self.notify(self.tr.t("board.no_lane"), markup=False)
            return
        status = board.focused_status()
        in_cell = [a for a in board.data.actions_of(objective.id) if a.status is status]
        record = Action(
            code=next_action_code(board.data),
            objective=objective.id,
            status=status,
            order=end_order(in_cell),
            lead=board.board_filter.lead,
            phase=board.board_filter.phase,
        )
        self.edit_record(record, on_saved=self._added)

    def _added(self, record: Record) -> None:
        self.board.focus_action(record.id)

    def action_delete(self) -> None:
        action = self.board.focused_action()
        if action is None:
            self.app.bell()
            return
        self.delete_record(action)

    # --- filters and view --------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(Input.Changed, "#board-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        self._set_filter(dataclasses.replace(self.board.board_filter, text=event.value))

    @on(FilterBox.Closed)
    def _filter_closed(self) -> None:
        self.board.focus()

    def action_clear_text(self) -> None:
        """escape on the cards: clear the typed filter."""
        box = self.query_one(FilterBox)
        if box.value:
            box.close(clear=True)

    def _set_filter(self, board_filter: BoardFilter) -> None:
        self.board.set_filter(board_filter)
        self._show_status()

    def action_collapse(self) -> None:
        self.board.toggle_lane()
        self._show_detail()

    def action_toggle_dropped(self) -> None:
        self.show_dropped = not self.show_dropped
        self.board.set_show_dropped(self.show_dropped)
        self._show_status()

    def set_collapsed_all(self, collapsed: bool) -> None:
        board = self.board
        lanes = board.board_layout.lanes
        board.collapsed = {lane.objective.id for lane in lanes} if collapsed else set()
        board.show(board.data)

    def clear_filters(self) -> None:
        self.query_one(FilterBox).close(clear=True)
        self._set_filter(BoardFilter())

    def pick_filter(self, kind: str) -> None:
        """Ask for a person, an organisation or a phase, then filter by it."""
        tr, data = self.tr, self.board.data
        current = getattr(self.board.board_filter, kind)
        if kind == "lead":
            everyone = ("board.pick.everyone", "")
            items = sorted((p.name, p.id) for p in data.people.values())
        elif kind == "organisation":
            everyone = ("board.pick.all_organisations", "")
            items = sorted((o.name, o.id) for o in data.organisations.values())
        else:
            everyone = ("board.pick.all_phases", "")
            items = [(p.name, p.id) for p in data.sorted_phases()]
            if not items:
                self.notify(tr.t("board.no_phases"), markup=False)
                return
        choices = [(tr.t(everyone[0]), ""), *items]

        def picked(value: str | None) -> None:
            if value is not None:
                self._set_filter(dataclasses.replace(self.board.board_filter, **{kind: value}))

        modal = ChoiceModal(
            tr.t(f"board.pick.{kind}"), "", choices, current=current, hint=tr.t("board.pick.hint")
        )
        self.app.push_screen(modal, picked)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Filters and lane commands, by name in the palette (ctrl+p)."""
        t = self.tr.t
        for kind in ("lead", "organisation", "phase"):
            yield SystemCommand(
                t(f"board.cmd.filter_{kind}"),
                t(f"board.cmd.filter_{kind}.help"),
                lambda kind=kind: self.pick_filter(kind),
            )
        yield SystemCommand(t("board.cmd.clear"), t("board.cmd.clear.help"), self.clear_filters)
        yield SystemCommand(
            t("board.cmd.collapse_all"),
            t("board.cmd.collapse_all.help"),
            lambda: self.set_collapsed_all(True),
        )
        yield SystemCommand(
            t("board.cmd.expand_all"),
            t("board.cmd.expand_all.help"),
            lambda: self.set_collapsed_all(False),
        )


def _move_to(txn: Transaction, action: Action, status: Status) -> None:
    """Give `action` the status `status`, at the end of its new cell, as one move."""
    cell = [
        a for a in txn.data.actions_of(action.objective)
        if a.status is status and a.id != action.id
    ]  # fmt: skip
    txn.update(replace(action, status=status, order=end_order(cell)))
    txn.what = What(
        op="move", table="actions", record=action.id, label=action.code or action.title,
        field="status", before=action.status.value, after=status.value,
    )  # fmt: skip


__all__ = ["BoardScreen"]
