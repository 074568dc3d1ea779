"""Textual tuning: the one place where coop-tui leans on Textual's private parts.

Each piece makes a screen appear sooner by sparing Textual work it would do
for nothing; each relies on names or call orders that Textual does not
promise to keep. Keeping them here, and nowhere else, means:

- a Textual upgrade that renames what they rely on fails `tests/ui/test_tuning.py`
  (the canary) instead of quietly making the app slower or wrong, and at run
  time `check` finds it and the app runs untuned rather than half-tuned;
- `COOP_TUI_TUNING=0` turns everything off, to tell a display bug of ours
  from one of the tuning. `COOP_TUI_TUNING=css,hold` keeps only the pieces
  named (to bisect), `1` or unset keeps them all.

The pieces (what each gains is in the README's benchmark notes):

``paint``
    the first screen is laid out and painted as soon as the app is ready,
    not at its next frame (`paint_now`).
``css``
    a mode's screen shown for the first time is not restyled whole, every
    stylesheet re-parsed, when it was styled as it mounted (`born_styled`,
    `AppTuning.refresh_css`).
``hold``
    a mode switch holds repaints until the new screen shows its data, not
    for a fixed 50 ms (`AppTuning.delay_update`, `AppTuning.screen_ready`).
``restyle``
    a screen gets its breakpoint classes before its widgets mount, and is
    restyled whole on a visit only if what its rules select on changed
    (`ScreenTuning`).
``ahead``
    while the user reads the first screen, the others are built one at a time,
    laid out, focused and drawn once offscreen, so that showing one for the
    first time costs what showing it again does (`build_ahead`, `lay_out_ahead`).
``frame``
    a frame that lays the screen out and repaints it whole is drawn once, not
    once for the layout and again for the repaint (`ScreenTuning`); a screen
    switched to is painted whole in its first frame (`paint_whole_next`), and laid
    out by the switch alone (`laid_out_by_the_switch`); what a typed letter
    changed through a message is painted with the letter (`paint_changes_now`).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any, Generic, TypeVar

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

ReturnType = TypeVar("ReturnType")
ResultType = TypeVar("ResultType")

PIECES: tuple[str, ...] = ("paint", "css", "hold", "restyle", "ahead", "frame")


def enabled_pieces(environ: Mapping[str, str] = os.environ) -> frozenset[str]:
    """The pieces `COOP_TUI_TUNING` keeps: all ("" or "1"), none ("0"), or those named."""
    value = environ.get("COOP_TUI_TUNING", "").strip()
    if value in ("", "1"):
        return frozenset(PIECES)
    return frozenset(part.strip() for part in value.split(",")) & frozenset(PIECES)


ENABLED: frozenset[str] = enabled_pieces()
"""The pieces in force (emptied by `check` when this Textual lacks what they need)."""


def on(piece: str) -> bool:
    return piece in ENABLED


# --- what the pieces rely on ---------------------------------------------------------------


def check(app: App[Any]) -> list[str]:
    """What the pieces rely on that this running app's Textual lacks ([] when all is there).

    Cheap (attribute look-ups on the app and its current screen): `CoopApp` calls it
    once when mounted and turns every piece off if anything is missing.
    """
    screen = app.screen
    needs = [
        ("App._css_update_count", isinstance(getattr(app, "_css_update_count", None), int)),
        ("Screen._css_update_count", isinstance(getattr(screen, "_css_update_count", None), int)),
        ("Screen._dirty_widgets", isinstance(getattr(screen, "_dirty_widgets", None), set)),
        ("Screen._refresh_layout", callable(getattr(screen, "_refresh_layout", None))),
        ("App._screen_stacks", isinstance(getattr(app, "_screen_stacks", None), dict)),
        ("App._modes", isinstance(getattr(app, "_modes", None), dict)),
        ("App._get_screen", callable(getattr(app, "_get_screen", None))),
        ("App._load_screen_css", callable(getattr(app, "_load_screen_css", None))),
        ("Screen._layout_required", isinstance(getattr(screen, "_layout_required", None), bool)),
        ("Screen._layout_widgets", isinstance(getattr(screen, "_layout_widgets", None), dict)),
        ("Screen._repaint_required", isinstance(getattr(screen, "_repaint_required", None), bool)),
        ("Screen._on_timer_update", callable(getattr(screen, "_on_timer_update", None))),
        ("Screen._compositor", hasattr(getattr(screen, "_compositor", None), "render_update")),
        ("Screen._update_timer", hasattr(getattr(screen, "_update_timer", None), "resume")),
        ("Screen._compositor_refresh", callable(getattr(screen, "_compositor_refresh", None))),
        ("Screen.stack_updates", isinstance(getattr(screen, "stack_updates", None), int)),
        ("Widget._layout_required", isinstance(getattr(screen, "_layout_required", None), bool)),
        ("Widget._layout_updates", isinstance(getattr(screen, "_layout_updates", None), int)),
        ("Widget._clear_arrangement_cache",
         callable(getattr(screen, "_clear_arrangement_cache", None))),
    ]  # fmt: skip
    return [name for name, present in needs if not present]


def call_orders() -> list[str]:
    """What the pieces rely on in how Textual calls its own methods ([] when all holds).

    Read from Textual's source: for the canary test only, never at run time.
    """
    problems = []
    if "self.delay_update(" not in inspect.getsource(App.switch_mode):
        problems.append("App.switch_mode no longer calls delay_update")
    if "_css_update_count != self._css_update_count" not in inspect.getsource(App.switch_mode):
        problems.append("App.switch_mode no longer compares _css_update_count")
    frame = inspect.getsource(Screen._on_timer_update)
    layout, repaint = frame.find("self._refresh_layout("), frame.find("self._repaint_required:")
    if not 0 <= layout < repaint or "self._compositor_refresh()" not in frame[repaint:]:
        problems.append("Screen._on_timer_update no longer lays out, then repaints")
    if "self._compositor_refresh()" not in inspect.getsource(Screen._refresh_layout):
        problems.append("Screen._refresh_layout no longer draws the screen itself")
    if "self.screen._screen_resized(self.size)" not in inspect.getsource(App.switch_mode):
        problems.append("App.switch_mode no longer lays the screen out (laid_out_by_the_switch)")
    asks = inspect.getsource(Widget._check_refresh)
    if not all(name in asks for name in ("_clear_arrangement_cache()", "_layout_updates += 1",
                                         "messages.Layout(self)")):  # fmt: skip
        problems.append("Widget._check_refresh no longer takes a layout ask as it did")
    return problems


def turn_off() -> None:
    """Every piece off, for the rest of the process."""
    global ENABLED  # noqa: PLW0603 - one switch, read by every piece (and set by the tests)
    ENABLED = frozenset()


# --- paint ---------------------------------------------------------------------------------


def paint_now(screen: Screen[Any]) -> None:
    """Lay out and paint the whole screen now, not at its next frame (≤ 1/60 s).

    Textual composes the first screen inside a batch whose frames are never
    written; once running it writes only what changed since, so the first
    screen would wait for the next full refresh.
    """
    if on("paint"):
        screen._dirty_widgets.add(screen)
        screen._refresh_layout()
    else:
        screen.refresh()


# --- css -----------------------------------------------------------------------------------


def born_styled(screen: Screen[Any], app: App[Any]) -> None:
    """Spare a new mode's screen Textual's full CSS refresh when it is first shown.

    Textual marks every new mode's screen as out of date, so showing it
    re-parses every stylesheet and restyles every widget of the app, twice on a
    switch. A screen that was never mounted has no styles to refresh: its
    widgets are styled as they mount, with the stylesheet as it is. (After a
    theme change, `AppTuning.refresh_css` restyles every screen, as before.)
    """
    if on("css"):
        screen._css_update_count = app._css_update_count


AFTER_PAINT_LATEST = 1.0
"""Seconds after which what waits for a frame (`AppTuning.after_paint`) is called anyway:
Textual drops the callbacks of a screen that goes before it has been idle once."""


class _Once:
    """A callback that does something the first time it is called only."""

    def __init__(self, callback: Callable[[], object]) -> None:
        self._callback: Callable[[], object] | None = callback

    def __call__(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


class AppTuning(App[ReturnType], Generic[ReturnType]):
    """The App's side of the pieces: `css` and `hold`, and what waits for their frames
    (`after_paint`). `CoopApp` derives from it."""

    def __init__(self) -> None:
        super().__init__()
        self._holds: list[ExitStack] = []
        """Repaints held for a screen coming up (see `delay_update`)."""
        self._first_painted = False
        self._after_paint: list[Callable[[], object]] = []
        """What waits for the frame the holds keep back (see `after_paint`)."""

    def on_mount(self) -> None:
        missing = check(self)
        if missing and ENABLED:
            turn_off()
            self.log.warning(f"coop-tui: Textual tuning off, this Textual lacks {missing}")

    def refresh_css(self, animate: bool = True) -> None:
        """Textual restyles every installed screen here (they are all the app's
        children) but marks only the current mode's as done: mark them all, so that
        switching to another mode does not restyle everything again."""
        super().refresh_css(animate)
        if on("css"):
            for node in self.children:
                if isinstance(node, Screen):
                    node._css_update_count = self._css_update_count

    def delay_update(self, delay: float = 0.05) -> None:
        """Hold repaints while a screen comes up, until it shows its data.

        Textual calls this on every mode switch and holds all repaints for a fixed
        50 ms, to hide a screen still being built. Here the hold ends as soon as
        the new screen is ready (`screen_ready`), `delay` being the longest wait:
        a switch costs what the screen costs, not 50 ms more.
        """
        if not on("hold"):
            super().delay_update(delay)
            return
        hold = ExitStack()
        hold.enter_context(self.batch_update())
        self._holds.append(hold)
        self.set_timer(delay, lambda: self._release(hold))

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the current screen's next frame is written (or, should
        that screen go before it has been idle, `AFTER_PAINT_LATEST` seconds from now).

        Textual's `call_after_refresh` calls back at the app's first idle moment. While
        repaints are held (the start, until `painted_first`; a switch, `delay_update`),
        that moment comes before anything is written: then the callback waits for the
        hold's end.
        """
        once = _Once(callback)
        self.set_timer(AFTER_PAINT_LATEST, once)
        if self._holds or not self._first_painted:
            self._after_paint.append(once)
        else:
            self.screen.call_after_refresh(once)

    def painted_first(self) -> None:
        """The first screen is painted (`paint_now`, called by the app when it is ready)."""
        self._first_painted = True
        self._repaints_flow()

    def _repaints_flow(self) -> None:
        """What waited for a frame follows the next one, once the first screen is painted
        and no repaint is held any more."""
        if self._first_painted and not self._holds:
            waiting, self._after_paint = self._after_paint, []
            for callback in waiting:
                self.screen.call_after_refresh(callback)

    def screen_ready(self) -> None:
        """The current screen shows its data: end every hold (see `delay_update`)."""
        for hold in list(self._holds):
            self._release(hold)

    def _release(self, hold: ExitStack) -> None:
        """End `hold` and repaint, once: the screen being ready, or its longest wait over,
        whichever comes first (the other finds it ended and paints nothing more)."""
        if hold not in self._holds:
            return
        self._holds.remove(hold)
        hold.close()
        self.screen.refresh()
        self._repaints_flow()


# --- ahead ---------------------------------------------------------------------------------


def build_ahead(app: App[Any], mode: str) -> Screen[Any] | None:
    """Build and mount `mode`'s screen now, without showing it (None: already built,
    or the piece is off).

    What Textual does on a mode's first switch, less the switch: the screen is
    made by its factory, mounted (its widgets composed and styled), and becomes
    the mode's stack, so that `switch_mode` later finds it and only shows it.
    """
    if not on("ahead") or mode in app._screen_stacks or mode not in app._modes:
        return None
    factory = app._modes[mode]
    if not callable(factory):
        return None
    screen, _ = app._get_screen(factory())
    app._screen_stacks[mode] = [screen]
    app._load_screen_css(screen)
    # As if already shown once: `switch_mode` then lays it out and paints it at once, as
    # it does a screen seen before, rather than at its next frame.
    screen.stack_updates += 1
    return screen


def focus_first(screen: Screen[Any]) -> None:
    """Focus what the screen focuses when first shown (Textual's `AUTO_FOCUS` rule), so
    that the restyle and layout the focus brings are done ahead too."""
    auto_focus = screen.app.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
    if not auto_focus or screen.focused is not None:
        return
    for widget in screen.query(auto_focus):
        if widget.focusable:
            screen.set_focus(widget)
            return


AHEAD_LAYOUTS = 4
"""At most how many times a screen built ahead is laid out until it settles."""


def mode_screen(app: App[Any], mode: str) -> Screen[Any] | None:
    """The screen of `mode` if it exists yet (shown once, or built ahead); None also when
    this Textual keeps its modes' screens otherwise."""
    stacks = getattr(app, "_screen_stacks", None)
    stack = stacks.get(mode) if isinstance(stacks, dict) else None
    return stack[0] if stack else None


def paint_whole_next(screen: Screen[Any]) -> None:
    """Make the next frame of `screen` a whole one: about to be shown by a mode switch,
    whose own layout paints only what changed (over what the terminal shows of the
    screen before), its first frame is then the whole screen, drawn from ready lines."""
    if on("frame"):
        screen._compositor._dirty_regions.add(screen.app.size.region)


def laid_out_by_the_switch(screen: Screen[Any]) -> None:
    """Hand what a screen asked for while brought up to date, before it shows, to the
    layout of the switch that is about to show it.

    Refilled, its widgets asked to be laid out again: Textual hears it when each is next
    idle, after the switch, whose own layout (of the whole screen, at its size) already
    placed them; it lays the screen out and paints those widgets once more, a frame after
    the first, for nothing. The asks are taken now, as Textual takes them (the layouts
    their sizes hang on are forgotten), so that the switch's layout is the only one."""
    if not on("frame") or screen.is_current or not screen.stack_updates:
        return  # (a screen never shown nor built ahead is laid out afresh by its switch)
    for widget in screen.walk_children(Widget):
        if not widget._layout_required:
            continue
        widget._layout_required = False
        for ancestor in widget.ancestors:
            if not isinstance(ancestor, Widget):
                break
            ancestor._clear_arrangement_cache()
            ancestor._layout_updates += 1
            if not ancestor.styles.auto_dimensions:
                break


def paint_changes_now(screen: Screen[Any]) -> None:
    """Lay out and paint what changed on `screen` now, not at its next frame.

    For a key whose effect comes through a message (a filter typed: the box shows the
    letter in one frame, the screen hears `Input.Changed` after it): Textual would show
    the effect a whole frame (1/60 s) after the letter.
    """
    if on("frame") and screen.is_current and not screen.app._batch_count:
        screen._refresh_layout()
        screen._layout_required = False


def built_modes(app: App[Any]) -> set[str]:
    """The modes whose screen exists (shown once, or built ahead)."""
    return set(app._screen_stacks)


def lay_out_ahead(screen: Screen[Any], rounds: int = AHEAD_LAYOUTS) -> None:
    """Lay out a screen built ahead at the app's size, without painting it, until it
    settles: its widgets react to their first size (a list shows its scroll bar…) and
    ask for another layout, which Textual would otherwise do when it is shown."""
    if not on("ahead") or screen.is_current or not screen.is_attached or rounds <= 0:
        return
    if rounds == AHEAD_LAYOUTS:
        focus_first(screen)
    screen._refresh_layout(screen.app.size)
    screen._layout_required = False

    def again() -> None:
        if screen._layout_required or screen._layout_widgets:
            lay_out_ahead(screen, rounds - 1)
        elif not screen.is_current:
            # Drawn once, thrown away: each widget's lines are then ready, and showing the
            # screen costs its painting from them (as a later visit does), not drawing
            # every widget for the first time. Shown, it is repainted whole anyway.
            screen._compositor.render_update(full=True)
            # Its frame clock started too: shown, its first frame comes at once, not a
            # frame's time (1/60 s) after it is first asked for, as a later visit's does.
            screen._update_timer.resume()

    screen.set_timer(0.02, again)


# --- restyle --------------------------------------------------------------------------------


def size_classes(screen: Screen[Any], size: Size) -> set[str]:
    """The breakpoint classes (`-wide`, `-tall`…) Textual gives `screen` at `size`.

    The same rule as Textual's (the screen's breakpoints, else the app's; the
    largest one reached), which the canary test compares with what Textual does.
    """
    classes = set()
    for own, shared, extent in (
        (screen.HORIZONTAL_BREAKPOINTS, screen.app.HORIZONTAL_BREAKPOINTS, size.width),
        (screen.VERTICAL_BREAKPOINTS, screen.app.VERTICAL_BREAKPOINTS, size.height),
    ):
        points = shared if own is None else own
        for point, name in sorted(points or [], reverse=True):
            if extent >= point:
                classes.add(name)
                break
    return classes


class ScreenTuning(Screen[ResultType], Generic[ResultType]):
    """The screen's side: `restyle`. `PlanScreen` derives from it.

    Textual styles each widget as it mounts, then restyles the whole screen when
    it first resizes it (adding the breakpoint classes) and each time it resumes:
    two or three times for a screen shown the first time, and once more on every
    visit. Such a restyle finds nothing new as long as what the rules select on
    is as it was when the widgets were last styled: the screen's classes, the
    app's stylesheet (a theme change restyles every screen, see
    `AppTuning.refresh_css`) and the app's pseudo-classes (dark, focus, ansi…).
    A change inside the screen (a widget's class, the focus, the hover) restyles
    the widgets concerned itself, as Textual does anyway.
    """

    def __init__(self) -> None:
        super().__init__()
        self._styled_with: tuple[object, ...] | None = None
        """What the widgets were last styled with (`_style_inputs`), once mounted."""
        if on("restyle"):
            self.add_class(*size_classes(self, self.app.size))

    def _style_inputs(self) -> tuple[object, ...]:
        app = self.app
        return (frozenset(self.classes), app._css_update_count, frozenset(app.get_pseudo_classes()))

    def update_node_styles(self, animate: bool = True) -> None:
        if self._styled_with is not None and self._styled_with == self._style_inputs():
            return
        super().update_node_styles(animate)
        if self._styled_with is not None:
            self._styled_with = self._style_inputs()

    def on_mount(self) -> None:
        if on("restyle"):
            self._styled_with = self._style_inputs()

    # --- frame ---

    _whole_repaint_follows = False
    """Set while Textual lays the screen out in a frame that then repaints it whole."""

    def _on_timer_update(self) -> None:
        """Textual's frame: when it must both lay the screen out and repaint it whole,
        it draws it after the layout, then again for the repaint. The layout's drawing
        is left to the repaint, which covers it (the regions the layout marked stay
        marked)."""
        self._whole_repaint_follows = (
            on("frame") and self._layout_required and self._repaint_required
        )
        try:
            super()._on_timer_update()
        finally:
            self._whole_repaint_follows = False

    def _compositor_refresh(self) -> None:
        if self._whole_repaint_follows:
            self._whole_repaint_follows = False  # the next one is the repaint
            return
        super()._compositor_refresh()
