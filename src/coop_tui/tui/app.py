"""The App: modes for the six screens, global keys, the palette, the live plan.

The App wires; screens work. It owns the `PlanStore`, keeps the latest
`PlanData` in a reactive that screens watch, and polls the file's identity in
a worker so that changes made by other users appear within about a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import Worker, WorkerState

from coop_tui.domain.snapshot import PlanData
from coop_tui.error_text import error_message
from coop_tui.i18n import Translator, choose_language
from coop_tui.storage.errors import StorageError
from coop_tui.storage.files import FileToken
from coop_tui.storage.store import HistoryEntry, PlanStore
from coop_tui.text import clean
from coop_tui.tui.bindings import key_words
from coop_tui.tui.modes import MODE_KEYS, SCREENS, screen_factory
from coop_tui.tui.palette import (
    CommandsProvider,
    open_palette,
    screen_commands,
    textual_commands,
)
from coop_tui.tui.tuning import (
    AppTuning,
    build_ahead,
    laid_out_by_the_switch,
    mode_screen,
    paint_now,
    paint_whole_next,
)
from coop_tui.tui.writes import PendingWrites, writes

POLL_SECONDS = 0.5
"""How often the plan file's identity is checked for others' changes."""
RECENT_HISTORY = 20
"""How many history entries the app keeps for "recent changes"."""
PRELOAD_AFTER = 1.5
"""Seconds after the plan first shows before the other screens' code is loaded."""
AHEAD_ORDER = ("board", "actions", "objectives", "stakes", "timeline", "reviews", "budget")
"""The order in which screens not shown yet are built ahead: the likeliest next first."""
AHEAD_GAP = 0.05
"""Seconds left to the user's keys between two screens built ahead."""

PlanRead = tuple[PlanData, "FileToken | None", list[HistoryEntry]]
"""One read of the plan: its data, the file's identity then, the latest history."""


def read_plan(store: PlanStore) -> PlanRead:
    """Read the plan, the identity of the file read and its recent history.

    The identity is taken first: if the file changes meanwhile, the next poll
    sees a new identity and reads again.
    """
    token = store.token()
    return store.read(), token, store.recent_history(RECENT_HISTORY)


class PlanLoaded(Message):
    """A fresh copy of the plan was read from disk."""

    def __init__(self, data: PlanData, token: FileToken | None, recent: list[HistoryEntry]) -> None:
        super().__init__()
        self.data = data
        self.token = token
        self.recent = recent


class CoopApp(AppTuning[int]):
    """coop-tui's full-screen app."""

    #: Rules shared by every screen. A screen's own rules are its DEFAULT_CSS (see
    #: `screen_css`): a screen's CSS or CSS_PATH would make Textual re-parse every
    #: stylesheet and restyle every mounted widget the first time it is shown.
    CSS_PATH = "app.tcss"
    TITLE = "coop-tui"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        mode: screen_factory(mode) for mode in SCREENS
    }
    DEFAULT_MODE = "dashboard"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CommandsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"switch_mode('{mode}')", f"key.mode.{mode}", show=False)
            for key, mode in MODE_KEYS.items()
        ),
        Binding("question_mark", "help", "key.help", show=False),
        Binding("u", "undo", "key.undo"),
        Binding("q", "quit", "key.quit"),
        # Textual 8 makes ctrl+c copy and only say how to quit; here it quits, at once,
        # as in any terminal program (nothing is lost: every change is already on disk).
        Binding("ctrl+c", "quit", "key.quit", show=False, priority=True),
    ]

    plan_data: var[PlanData] = var(PlanData, always_update=True)
    """The latest copy of the plan; screens watch it."""

    def __init__(
        self,
        store: PlanStore,
        *,
        language: str | None = None,
        today: dt.date | None = None,
        poll_seconds: float = POLL_SECONDS,
        initial: PlanRead | None = None,
        ahead: bool = True,
    ) -> None:
        """`initial`: the plan as already read (by `launch.run_app`), so that the first
        screen is drawn with it rather than empty; without it, the plan is read
        in a thread once the app runs. `ahead`: load and build the other screens
        while the user reads the first one (`preload_screens`; tests turn it off, to
        build each screen when they show it and keep the app idle between keys)."""
        super().__init__()
        self.store = store
        self.today = today or dt.date.today()
        self.tr = Translator(choose_language(language))
        self._token: FileToken | None = None
        self.recent_history: list[HistoryEntry] = []
        """The latest history entries (who changed what), oldest first."""
        self._poll_seconds = poll_seconds
        self._ahead = ahead
        self.owns_process = False
        """Set by `launch.run_app`: the app may tune the garbage collector (see `on_ready`)."""
        self.pending_writes = PendingWrites()
        """Changes asked for and not started yet: made as the app leaves (`exit`)."""
        store.on_wait = self._lock_waiting
        self._loop_thread = threading.get_ident()
        """The thread the app runs on (set again once it runs)."""
        if initial is not None:
            self._accept(*initial)

    # --- the live plan ----------------------------------------------------------------

    def on_mount(self) -> None:
        self._loop_thread = threading.get_ident()
        self.sub_title = self.store.path.name
        if self.plan_data.revision:  # given to the constructor
            if self._ahead:
                self.set_timer(PRELOAD_AFTER, self.preload_screens)
        elif self.store.exists():
            self.load_plan()
        else:
            from coop_tui.tui.modals.create import CreatePlanModal

            self.push_screen(CreatePlanModal(self.store.path), self._create_plan)
        self.set_interval(self._poll_seconds, self.poll_plan)

    def on_ready(self) -> None:
        """Paint the whole first screen now (the plan is already there from `launch.run_app`).

        When the app is the whole process (`launch.run_app`), what exists by now
        (Textual, the plan, the first screen) lives as long as it does: it is
        moved out of the garbage collector's way, so that a full collection
        while a screen is built does not walk a 5,000-action plan again and
        again. `launch.run_app` keeps the collector off until this
        moment: start-up makes no garbage cycles worth a pause.
        """
        paint_now(self.screen)
        self.painted_first()
        if self.owns_process:
            gc.freeze()
            gc.enable()

    def on_resize(self, event: events.Resize) -> None:
        """Below 80×24, say so instead of showing a broken layout."""
        from coop_tui.tui.modals.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif small and showing:
            self.screen.show_size(event.size.width, event.size.height)  # type: ignore[attr-defined]
        elif showing:
            self.pop_screen()

    def _create_plan(self, title: str | None) -> None:
        if title is None:
            self.exit(1, return_code=1)
        else:
            self.create_plan(title)

    @writes
    def create_plan(self, title: str) -> None:
        from coop_tui.domain.model import Plan

        try:
            self.store.create(Plan(title=title, language=self.tr.language))
        except (StorageError, OSError) as exc:
            self.from_thread(self.show_error, exc)
            return
        self.reload_in_thread()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_plan(self) -> None:
        """Read the plan in a thread; the result arrives as `PlanLoaded`."""
        self.reload_in_thread()

    def reload_in_thread(self) -> None:
        """Read the plan and post it (call from a worker thread, after a commit)."""
        try:
            data, token, recent = read_plan(self.store)
        except (StorageError, OSError) as exc:
            self.from_thread(self.show_error, exc)
            return
        self.post_message(PlanLoaded(data, token, recent))

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_plan(self) -> None:
        """Re-read the plan when its file changed (another user, or a script)."""
        token = self.store.token()
        if token is not None and token != self._token:
            try:
                data = self.store.read()
                recent = self.store.recent_history(RECENT_HISTORY)
            except (StorageError, OSError):
                return  # damaged or unreadable meanwhile: the next poll tries again
            self.post_message(PlanLoaded(data, token, recent))

    def on_plan_loaded(self, message: PlanLoaded) -> None:
        if message.token == self._token and message.data.revision == self.plan_data.revision:
            return  # the same version again (a poll that overlapped a load)
        if message.data.revision < self.plan_data.revision and message.token != self.store.token():
            return  # an older read that arrived late: a newer version is already shown
        first = self.plan_data.revision == 0
        self._accept(message.data, message.token, message.recent)
        if first and self._ahead:
            # Later, not now: the first screen's painting must not share the CPU with it.
            self.set_timer(PRELOAD_AFTER, self.preload_screens)
        else:
            self.prepare_commits()

    def _accept(self, data: PlanData, token: FileToken | None, recent: list[HistoryEntry]) -> None:
        self._token = token
        self.recent_history = recent
        self.plan_data = data
        self.title = clean(data.plan.title) or "coop-tui"

    @work(thread=True, group="preload", exit_on_error=False)
    def preload_screens(self) -> None:
        """Import the other screens' code while the user reads the first one.

        Only imports, no widgets: the first switch to a screen then costs its
        mounting, not loading its modules.
        """
        import importlib

        for module_name, _ in SCREENS.values():
            importlib.import_module(module_name)
        self.from_thread(self.build_ahead, list(AHEAD_ORDER))
        with contextlib.suppress(StorageError, OSError):
            self.store.prepare_commits()

    def build_ahead(self, modes: list[str]) -> None:
        """Build the next screen not shown yet (`tuning.build_ahead`), then, once it is
        built and a moment given to the user's keys, the one after."""
        while modes:
            screen = build_ahead(self, modes.pop(0))
            if screen is not None:
                screen.call_after_refresh(self._built_ahead, screen, modes)
                return
        if self.owns_process:
            # The screens now built live as long as the app: out of the collector's way,
            # as what existed at the first paint is (see `on_ready`).
            gc.collect()
            gc.freeze()

    def switch_mode(self, mode: str) -> AwaitMount:
        """Bring the screen up to date with the plan before Textual shows it: the switch's
        own layout and paint then include what changed, in one frame, instead of painting
        the screen as it was and then again a frame later."""
        screen = mode_screen(self, mode)
        if screen is not None and mode != self.current_mode:
            bring_up_to_date = getattr(screen, "bring_up_to_date", None)
            if callable(bring_up_to_date) and bring_up_to_date():
                laid_out_by_the_switch(screen)
                paint_whole_next(screen)
        return super().switch_mode(mode)

    def _built_ahead(self, screen: Screen[Any], modes: list[str]) -> None:
        show_ahead = getattr(screen, "show_ahead", None)
        if callable(show_ahead):
            show_ahead()
        self.set_timer(AHEAD_GAP, lambda: self.build_ahead(modes))

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def prepare_commits(self) -> None:
        """Check, while the user reads, that the file is in the encoder's own bytes, so
        that the next change encodes only its records (`PlanStore.prepare_commits`)."""
        with contextlib.suppress(StorageError, OSError):
            self.store.prepare_commits()

    # --- leaving, and the lock held by someone else ----------------------------------

    def exit(
        self, result: int | None = None, return_code: int = 0, message: Any | None = None
    ) -> None:
        """Leave at once: a change still waiting for someone's lock is given up (never
        applied later) and its worker thread ends, so quitting never waits for someone's
        lock. A change that found the lock free, or waits for this window's own change
        before it, is written before the process ends (its thread is joined at exit)."""
        self.store.cancel.set()
        for call in self.pending_writes.take_all():
            call()  # a change the user saw made, whose worker had not started yet
        super().exit(result, return_code, message)

    def from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """`call_from_thread`, for a worker's last word; nothing once the app is leaving."""
        if self.store.cancel.is_set() or not self.is_running:
            return
        if threading.get_ident() == self._loop_thread:
            callback(*args, **kwargs)  # a change made on the app's own thread (tests)
        else:
            self.call_from_thread(callback, *args, **kwargs)

    def _lock_waiting(self, holder: str) -> None:
        """Told by the store, in a worker thread, that a change waits for someone's lock:
        say who, and let the user go on reading (`q` gives the change up)."""
        who = clean(holder) or self.tr.t("app.someone")
        said = self.tr.t("app.waiting_for_lock", who=who)
        self.from_thread(self.notify, said, severity="warning", markup=False, timeout=10)

    def show_error(self, exc: Exception) -> None:
        """Say what went wrong in the user's language (as data, never markup)."""
        self.notify(error_message(exc, self.tr), severity="error", markup=False, timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker ended on an error nobody foresaw (a bug, not a refused change: those
        are said where they happen). Say it and carry on: every change is one transaction,
        so the plan on disk is as the last one that succeeded left it. Workers are started
        with `exit_on_error=False`, so that no background failure closes the app."""
        error = event.worker.error
        if event.state is not WorkerState.ERROR or error is None or self.store.cancel.is_set():
            return
        self.log.error("".join(traceback.format_exception(error)))
        what = clean(f"{type(error).__name__}: {error}")
        said = self.tr.t("app.unexpected_error", what=what)
        self.notify(said, severity="error", markup=False, timeout=20)

    # --- global actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from coop_tui.tui.modals.help import HelpModal

        self.push_screen(HelpModal(self.screen))

    def action_undo(self) -> None:
        self.run_undo()

    @writes
    def run_undo(self) -> None:
        from coop_tui.storage.errors import NothingToUndoError

        try:
            entry = self.store.undo(session=self.store.session)
        except NothingToUndoError:
            # Only this window's own changes are undone here (not others' on this login).
            said = self.tr.t("app.nothing_to_undo")
            self.from_thread(self.notify, said, severity="warning", markup=False)
            return
        except (StorageError, OSError) as exc:
            self.from_thread(self.show_error, exc)
            return
        from coop_tui.i18n.history import describe

        said = self.tr.t("app.undone_what", what=describe(entry, self.tr))
        self.from_thread(self.notify, said, markup=False)
        self.reload_in_thread()

    def action_command_palette(self) -> None:
        open_palette(self)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a French keyboard names them in French (espace, suppr, pg.préc…)."""
        return key_words(super().get_key_display(binding), self.tr)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen, by name, then the app's own commands
        (`palette.screen_commands`); of Textual's own commands, only those named in the
        user's language (`palette.textual_commands`)."""
        yield from screen_commands(self, screen)
        yield from textual_commands(self, super().get_system_commands(screen))


__all__ = ["CoopApp", "PlanLoaded", "read_plan"]
