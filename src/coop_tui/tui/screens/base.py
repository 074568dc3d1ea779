"""`PlanScreen`: what every top-level screen shares.

It follows the app's live plan (refreshing when it changes, or when the screen
comes back into view), and it is the one place where screens write: forms
return records, `save_record` / `delete_record` / `apply` commit them in a
worker thread, so a keypress never waits for the disk. A save based on a stale
copy is offered "keep mine / take theirs".
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input
from textual.worker import Worker

from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.storage.errors import ConflictError, StorageError
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from coop_tui.tui.tuning import ScreenTuning, lay_out_ahead, paint_changes_now
from coop_tui.tui.widgets.key_bar import KeyBar
from coop_tui.tui.widgets.title_bar import TitleBar
from coop_tui.tui.writes import writes

if TYPE_CHECKING:
    from coop_tui.storage.transaction import Transaction
    from coop_tui.tui.app import CoopApp


def screen_css(module_file: str) -> str:
    """A screen's rules, from the .tcss file beside its module, for its DEFAULT_CSS.

    So they are parsed when the screen is first shown, and only they (in the
    app's CSS_PATH, every screen's rules would be parsed before the first paint).
    Every rule names its screen (`BoardScreen #board`), so none leaks to another.
    """
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")


PAINT_WAIT = 0.2
"""At most how long a commit waits for its preview's frame (`PlanScreen.apply`)."""


class PlanScreen(ScreenTuning[None]):
    """Base of the six screens."""

    #: i18n key of the screen's name (header, help title).
    TITLE_KEY: ClassVar[str] = ""
    #: The plan's tables what the screen shows is made of ("plan": the plan record), or
    #: None for all of them. A new version of the plan that left these alone (the same
    #: objects: `PlanData.evolve` keeps what a change did not touch) is not shown again.
    READS: ClassVar[frozenset[str] | None] = None

    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so that the key bar shows it even at 80 columns, where it is cut.
        Binding("question_mark", "app.help", "key.help"),
        Binding("tab", "app.focus_next", "key.next_pane", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_revision = -1
        """The plan revision the screen shows (-1 before its first showing)."""
        self._stale = False
        self._shown: PlanData | None = None
        """The version of the plan `refresh_view` last showed."""
        self.building_ahead = False
        """True while `refresh_view` fills the screen built ahead (`show_ahead`), the
        user reading another one: the moment for work a later visit should not wait for."""

    # --- context -----------------------------------------------------------------------

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The screen's own writers: a failure nobody foresaw is said, never fatal."""
        self.coop.worker_failed(event)

    @property
    def tr(self) -> Translator:
        return self.coop.tr

    @property
    def store(self) -> PlanStore:
        return self.coop.store

    @property
    def data(self) -> PlanData:
        return self.coop.plan_data

    @property
    def today(self) -> dt.date:
        return self.coop.today

    @property
    def screen_title(self) -> str:
        return self.tr.t(self.TITLE_KEY) if self.TITLE_KEY else ""

    def compose(self) -> ComposeResult:
        yield TitleBar(self.tr.t("app.user", name=clean(self.store.user)))
        yield from self.compose_body()
        yield KeyBar(self.tr)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets (no IO here: data arrives in `refresh_view`)."""
        yield from ()

    # --- following the live plan -------------------------------------------------------

    def on_mount(self) -> None:
        # Textual calls this after the subclass's own on_mount (handlers run down the
        # MRO), so subclasses do not call it.
        self.sub_title = self.screen_title
        self.watch(self.coop, "plan_data", self._plan_changed, init=True)

    def _plan_changed(self, data: PlanData) -> None:
        if self.is_current:
            self._show(data)
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale or self.shown_revision != self.data.revision:
            self._show(self.data)
        # Once what this filled in has been processed, the app may paint the screen.
        self.call_later(self.coop.screen_ready)

    def bring_up_to_date(self) -> bool:
        """Show the plan's latest version now, hidden, about to be shown (`CoopApp.switch_mode`);
        whether that changed anything."""
        if not self._stale and self.shown_revision == self.data.revision:
            return False
        shown = self._shown
        self._show(self.data)
        return self._shown is not shown

    def show_ahead(self) -> None:
        """Built ahead, before it is shown (`CoopApp.build_ahead`): fill it with the plan
        and lay it out now, so that showing it costs only its painting."""
        if not self.is_current and self.shown_revision != self.data.revision:
            self.building_ahead = True
            try:
                self._show(self.data)
            finally:
                self.building_ahead = False
        lay_out_ahead(self)

    def _show(self, data: PlanData) -> None:
        self._stale = False
        if data.revision == 0 and not data.plan.title:
            return  # not loaded yet
        self.shown_revision = data.revision
        if not self.shows_the_same(data):
            self._shown = data
            self.refresh_view(data)

    def shows_the_same(self, data: PlanData) -> bool:
        """Whether `data` leaves alone every table this screen shows (`READS`)."""
        shown = self._shown
        if shown is None or self.READS is None:
            return False
        if "plan" in self.READS and data.plan is not shown.plan:
            return False
        return all(data.table(name) is shown.table(name) for name in self.READS - {"plan"})

    def refresh_view(self, data: PlanData) -> None:
        """Show `data`, keeping the cursor on the same record where it still exists."""

    @on(Input.Changed)
    def _paint_typed(self) -> None:
        """A letter typed in a filter: the screen's own handler (a subclass's, which Textual
        calls first) has filtered; what it filtered is painted with the letter, now, not a
        frame after it."""
        paint_changes_now(self)

    def key_target(self, verb: str) -> str:
        """What the shared key `verb` ("add", "edit", "open", "delete") acts on now, so
        that the key bar, `?` and the palette say it: « a Ajouter une action ». A catalog
        suffix (`key.<verb>.<target>`), or "" to say the verb alone. A screen whose
        answer changes without the focus moving calls `refresh_bindings()`."""
        return ""

    # --- writing -----------------------------------------------------------------------

    def edit_record(
        self,
        record: Record,
        *,
        title: str | None = None,
        on_saved: Callable[[Record], None] | None = None,
    ) -> None:
        """Open the record's form; save what it returns (a new record has no id)."""
        from coop_tui.domain.model import Plan
        from coop_tui.tui.modals.record_form import RecordForm
        from coop_tui.tui.record_fields import fields_for, record_label

        is_new = not record.id
        table = record.TABLE or "plan"
        if isinstance(record, Plan) and on_saved is None:
            on_saved = self._plan_saved
        if title is None:
            # One title per entity: French agrees in gender (Nouvelle action, Nouvel objectif).
            title = (
                self.tr.t(f"form.new.{table}")
                if is_new
                else self.tr.t(f"form.edit.{table}", label=record_label(self.data, self.tr, record))
            )
        form = RecordForm(
            title, record, fields_for(record, self.data, self.tr, self.today), self.data, self.tr
        )

        def saved(result: Record | None) -> None:
            if result is not None:
                self.save_record(result, is_new=is_new, on_saved=on_saved)

        self.app.push_screen(form, saved)

    def _plan_saved(self, plan: Record) -> None:
        """A plan just made phased, without a phase yet: open the phases manager, which
        invites to add the first one."""
        if getattr(plan, "mode", "") == "phased" and not self.data.phases:
            from coop_tui.tui.screens.phasing import open_phases

            open_phases(self)

    @writes
    def save_record(
        self,
        record: Record,
        *,
        is_new: bool = False,
        force: bool = False,
        on_saved: Callable[[Record], None] | None = None,
    ) -> None:
        """Commit one record (insert, or update based on its `rev`)."""
        from coop_tui.domain.model import Plan

        try:
            if isinstance(record, Plan):
                saved: Record = self.store.set_plan(record)
            elif is_new:
                saved = self.store.add(record)
            elif force:
                saved = self.store.force_save(record)
            else:
                saved = self.store.save(record)
        except ConflictError as exc:
            from coop_tui.tui.modals.conflict import who_changed

            try:  # who changed which field since my copy, for the dialog (read here, off the loop)
                entries = self.store.recent_history()
            except (StorageError, OSError):
                entries = []
            changed = who_changed(entries, exc.table, exc.record_id, record.rev)
            self.coop.from_thread(self._ask_conflict, record, exc, changed, on_saved)
            return
        except (StorageError, OSError) as exc:
            self.coop.from_thread(self.coop.show_error, exc)
            return
        self.coop.reload_in_thread()
        if on_saved is not None:
            self.coop.from_thread(on_saved, saved)

    def _ask_conflict(
        self,
        mine: Record,
        exc: ConflictError,
        changed: dict[str, tuple[str, str]],
        on_saved: Callable[[Record], None] | None,
    ) -> None:
        """Their version and mine, field by field, with who changed it and when."""
        from coop_tui.tui.modals.conflict import ConflictModal, ConflictRow, conflict_rows
        from coop_tui.tui.record_fields import record_label

        tr = self.tr
        table = mine.TABLE or "plan"
        shown: Record = self.data.table(table).get(mine.id, mine) if mine.TABLE else mine
        label = clean(record_label(self.data, tr, shown))  # as it was before my edit
        rows: list[ConflictRow] = []
        if exc.theirs is None:
            body = tr.t("conflict.deleted", what=label)
        else:
            from coop_tui.storage.schema import to_doc

            rows = conflict_rows(self.data, tr, table, exc.theirs, to_doc(mine), changed)
            names = ", ".join(row.field for row in rows)
            body = tr.t("conflict.body", what=label, fields=names or "—")
        modal = ConflictModal(
            tr.t("conflict.title"),
            body,
            tr.t("conflict.keep_mine"),
            tr.t("conflict.take_theirs"),
            rows,
            (tr.t("conflict.theirs"), tr.t("conflict.mine")),
        )

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                self.save_record(mine, force=True, on_saved=on_saved)
            else:
                self.coop.load_plan()

        self.app.push_screen(modal, chosen)

    def delete_record(self, record: Record) -> None:
        """Ask, listing what else goes or changes with it, then delete the record and what
        depends on it in one transaction (undoable with `u`)."""
        from coop_tui.tui.deletion_text import deletion_detail
        from coop_tui.tui.modals.confirm import ConfirmModal
        from coop_tui.tui.record_fields import record_label

        label = clean(record_label(self.data, self.tr, record))
        modal = ConfirmModal(
            self.tr.t("confirm.delete", what=label),
            deletion_detail(self.data, self.tr, record),
            self.tr.t("confirm.yes"),
            self.tr.t("confirm.no"),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(record, label)

        self.app.push_screen(modal, answered)

    @writes
    def _delete(self, record: Record, label: str) -> None:
        try:
            # Based on the copy on screen: if someone changed it since, say so first.
            self.store.delete(record.TABLE, record.id, record.rev)
        except ConflictError:
            self.coop.from_thread(
                self.notify, self.tr.t("app.delete_conflict", what=label),
                severity="warning", markup=False,
            )  # fmt: skip
            self.coop.reload_in_thread()
            return
        except (StorageError, OSError) as exc:
            self.coop.from_thread(self.coop.show_error, exc)
            return
        self.coop.reload_in_thread()
        self.coop.from_thread(self.notify, self.tr.t("app.deleted", what=label), markup=False)

    @writes
    def apply(
        self,
        change: Callable[[Transaction], Any],
        summary: str = "",
        *,
        on_done: Callable[[Any], None] | None = None,
        after: threading.Event | None = None,
    ) -> None:
        """Run any change as one transaction (moves, toggles, reorders); once it is
        committed, `on_done` gets what `change` returned (on the event loop).

        `after`: set once the change's preview is on screen (`BoardScreen`); the commit
        waits for it (at most `PAINT_WAIT`, and not once the app is leaving), so that at
        50,000 actions its thread does not hold Python's lock while that frame is drawn."""
        if after is not None:
            deadline = time.monotonic() + PAINT_WAIT
            while not after.wait(0.005):
                if self.store.cancel.is_set() or time.monotonic() > deadline:
                    break
        try:
            result = self.store.transact(change)
        except (StorageError, OSError) as exc:
            self.coop.from_thread(self.coop.show_error, exc)
            self.coop.from_thread(self._show, self.data)  # not what a preview showed
            return
        self.coop.reload_in_thread()
        if on_done is not None:
            self.coop.from_thread(on_done, result)
