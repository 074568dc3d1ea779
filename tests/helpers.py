"""What the tests share: the frozen day, hostile text, an app on a plan, and the moves of a
user in the app (waiting for what they wait for, reading the screen, filling in forms).

Test modules import from here, never from each other (nor from a conftest). Everything
waits on a condition, never for a fixed time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop_tui.domain.snapshot import PlanData
from coop_tui.storage.store import PlanStore

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from coop_tui.tui.app import CoopApp

#: The day every UI test and snapshot lives on (the demo is shifted to it).
TODAY = dt.date(2026, 3, 2)
FROZEN_NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)

#: User text that must be shown exactly as typed and never interpreted.
HOSTILE = [
    "[bold]x",
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "🚀 emoji",
    "\u202eevil",
    "àéïôù ÀÉ",
    "[link=x]y",
    "$title {name} %s",
]

#: The terminal sizes every screen is checked at (snapshots): comfortable, and the smallest.
SIZES = [(120, 40), (80, 24)]


def frozen_clock() -> dt.datetime:
    return FROZEN_NOW


def read(path: Path) -> PlanData:
    """The plan as it is on disk now (a fresh store, as another process would see it)."""
    return PlanStore(path).read()


# --- the app -----------------------------------------------------------------------------


def make_app(
    path: Path,
    language: str = "fr",
    *,
    user: str = "demo",
    poll: float | None = None,
    ahead: bool = False,
) -> CoopApp:
    """A CoopApp on `path` with the frozen day and a fixed user; each screen is built
    when shown, unless `ahead` (then as the app does, see `CoopApp.build_ahead`).

    It checks the file for others' changes as the app does (`POLL_SECONDS`, half a
    second) unless `poll` says otherwise: each check is a worker thread and its messages,
    about 1 % of a CPU while a test runs, and tests only wait on it when someone else
    changes the file (within `wait_until`'s five seconds).
    """
    from coop_tui.tui.app import POLL_SECONDS, CoopApp

    store = PlanStore(path, user=user, clock=frozen_clock)
    seconds = POLL_SECONDS if poll is None else poll
    return CoopApp(store, language=language, today=TODAY, poll_seconds=seconds, ahead=ahead)


async def wait_until(
    pilot: Pilot[Any], predicate: Callable[[], bool], timeout: float = 5.0
) -> None:
    """Let the app run until `predicate()` holds (workers finish, polls arrive)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.02)


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait for the first plan load."""
    await wait_until(pilot, lambda: pilot.app.plan_data.revision > 0)  # type: ignore[attr-defined]
    await pilot.pause()


def shows_plan(app: Any, mode: str) -> bool:
    """Whether `mode` is the current mode and its screen shows the plan's latest revision."""
    revision = getattr(app.screen, "shown_revision", -1)
    return bool(app.current_mode == mode and revision == app.plan_data.revision)


async def show_mode(pilot: Pilot[Any], key: str) -> Any:
    """Press a screen's number key and wait until that screen shows the plan."""
    from coop_tui.tui.modes import MODE_KEYS

    await pilot.press(key)
    await wait_until(pilot, lambda: shows_plan(pilot.app, MODE_KEYS[key]))
    await pilot.pause()
    return pilot.app.screen


async def switch_to(pilot: Pilot[Any], key: str, screen_name: str) -> Any:
    """Press a screen's number key and wait until that screen shows."""
    await pilot.press(key)
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == screen_name)
    await pilot.pause()
    return pilot.app.screen


# --- what the screen shows ---------------------------------------------------------------


def screen_text(app: Any) -> str:
    """What the terminal shows now, as plain text lines (modals over their screen included).

    The render the app's screenshot is made of (`App.export_screenshot`: the compositor's
    full update, the screens below a modal included), read as text instead of drawn as
    an SVG and parsed back: that drawing was most of what reading the screen cost. Each
    line ends with its last visible character.
    """
    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    render = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(render)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def words(text: str) -> str:
    """Screen text as one line of words, one space apart (frames, line breaks and the
    spacing of the screenshot left out): for sentences that a dialog may wrap."""
    return " ".join(w for w in text.split() if not set(w) <= set("█▀▄▔▁│▏"))


def palette_choice(app: Any) -> str:
    """The command highlighted in the command palette ("" while results are coming)."""
    from textual.command import CommandList, CommandPalette

    if not isinstance(app.screen, CommandPalette):
        return ""
    results = app.screen.query_one(CommandList)
    if results.option_count == 0 or results.highlighted is None:
        return ""
    return str(results.get_option_at_index(results.highlighted).prompt)


def record_notifications(app: Any) -> list[str]:
    """From now on, every message the app notifies (toasts) is also added to the list returned."""
    seen: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording
    return seen


# --- forms ---------------------------------------------------------------------------------

Entry = Callable[["Pilot[Any]", str, str], Awaitable[None]]
"""How a test puts text in a form field: `fill` (at once) or `type_into` (key by key)."""


def field_id(name: str) -> str:
    """The id of the form widget for field `name` (`resources.budget` -> `f-resources-budget`)."""
    return name if name.startswith("f-") else "f-" + name.replace(".", "-")


async def tab_to(pilot: Pilot[Any], widget_id: str, tries: int = 40) -> None:
    """Press tab until the widget `widget_id` has the focus (as a user would)."""
    for _ in range(tries):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {widget_id}: at {pilot.app.focused}")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type characters one key at a time, as a user would."""
    await pilot.press(*text)


async def type_into(pilot: Pilot[Any], name: str, text: str) -> None:
    """Tab to form field `name` and type `text` key by key after what it holds."""
    await tab_to(pilot, field_id(name))
    await type_text(pilot, text)


async def fill(pilot: Pilot[Any], name: str, text: str) -> None:
    """Put `text` in form field `name` at once, replacing what it held.

    Typing is slow in tests (each key waits for the app to be idle) and is proven
    key by key once, in test_worksheet_from_empty; elsewhere values are set directly,
    through the widget's public editing methods, so the form sees the change.
    """
    from textual.widgets import Input, TextArea

    selector = f"#{field_id(name)}"
    await wait_until(pilot, lambda: bool(pilot.app.screen.query(selector)))
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.clear()
        widget.insert(text)
    else:
        assert isinstance(widget, Input)
        widget.value = text
        widget.cursor_position = len(text)
    await pilot.pause()


async def choose(pilot: Pilot[Any], name: str, label: str) -> None:
    """Open form field `name` (a Select) with enter and go to the option showing `label`."""
    from textual.widgets import OptionList

    await tab_to(pilot, field_id(name))
    await pilot.press("enter")
    overlay = pilot.app.focused
    assert isinstance(overlay, OptionList)
    direction = "down"
    for _ in range(60):
        before = overlay.highlighted
        option = overlay.highlighted_option
        if option is not None and label in str(option.prompt):
            await pilot.press("enter")
            return
        await pilot.press(direction)
        if overlay.highlighted == before:
            direction = "up"  # at the end of the list: look above
    prompts = [str(o.prompt) for o in overlay.options]
    raise AssertionError(f"no option {label!r} in {name}: {prompts}")


async def choose_by_moves(pilot: Pilot[Any], name: str, moves: list[str]) -> None:
    """In form field `name` (a Select): open it, move with these keys, pick."""
    await tab_to(pilot, field_id(name))
    await pilot.press("enter", *moves, "enter")


async def tick(pilot: Pilot[Any], name: str, label: str) -> None:
    """Toggle the entry showing `label` in form field `name` (a multiple choice list)."""
    await tab_to(pilot, field_id(name))
    selection: Any = pilot.app.focused
    for _ in range(30):
        option = selection.highlighted_option
        if option is not None and label in str(option.prompt):
            await pilot.press("space")
            return
        await pilot.press("down")
    raise AssertionError(f"no entry {label!r} in {name}")


async def save_form(
    pilot: Pilot[Any], path: Path | None = None, done: Callable[[PlanData], bool] | None = None
) -> None:
    """ctrl+s; wait for the form to close and, given `done`, for the change to reach the
    file and come back to the app."""
    from coop_tui.tui.modals.record_form import RecordForm

    assert isinstance(pilot.app.screen, RecordForm)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, RecordForm))
    if path is not None and done is not None:
        await wait_until(pilot, lambda: done(read(path)))
        revision = read(path).revision
        await wait_until(pilot, lambda: pilot.app.plan_data.revision == revision)  # type: ignore[attr-defined]
        await pilot.pause()


# --- step 1, as a user does it ---------------------------------------------------------------


async def add_organisation(
    pilot: Pilot[Any], path: Path, name: str, kind_moves: list[str], role_moves: list[str],
    skills: str, diagnosis: str, count: int, *, enter: Entry = fill,
) -> None:  # fmt: skip
    """`a` on the organisations list, the form filled in (`enter`), saved."""
    from coop_tui.tui.modals.record_form import RecordForm

    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
    await enter(pilot, "name", name)
    if kind_moves:
        await choose_by_moves(pilot, "kind", kind_moves)
    if role_moves:
        await choose_by_moves(pilot, "role", role_moves)
    await enter(pilot, "skills", skills)
    await enter(pilot, "diagnosis", diagnosis)
    await save_form(pilot, path, lambda d: len(d.organisations) == count)


async def add_stake(
    pilot: Pilot[Any], path: Path, category_moves: list[str], statement: str, risk: str,
    gain: str, count: int, *, enter: Entry = fill,
) -> None:  # fmt: skip
    """`a` on the stakes list of the selected organisation, the form filled in, saved."""
    from coop_tui.tui.modals.record_form import RecordForm

    await tab_to(pilot, "stakes-table")
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
    await choose_by_moves(pilot, "category", category_moves)
    await enter(pilot, "statement", statement)
    await enter(pilot, "risk", risk)
    await enter(pilot, "gain", gain)
    await save_form(pilot, path, lambda d: len(d.stakes) == count)


# --- reading widgets through their public interface --------------------------------------------


def plain(value: Any) -> str:
    return value.plain if hasattr(value, "plain") else str(value)


def table_rows(table: Any) -> list[list[str]]:
    """The cells of a LineTable, as plain text."""
    return [[plain(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def drawn(widget: Any) -> str:
    """The text a line-drawn widget (LineTable, the board, the chart) shows, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def badges(app: Any) -> str:
    """The SMART badges of the objectives screen."""
    return str(app.screen.query_one("#smart").render())


def tree_cursor(app: Any) -> str | None:
    """The key under the cursor of the objectives tree (`s:<id>`, `o:<id>`)."""
    return app.screen.query_one("#tree").cursor_key  # type: ignore[no-any-return]


def watch_rows(app: Any) -> list[tuple[str, str]]:
    """(code, key) of the dashboard's "overdue, blocked, due soon" rows, in order."""
    view = app.screen.query_one("#dashboard")
    rows = []
    for line in view.lines:
        if line.key and line.key.startswith("action:") and line.key.count(":") == 1:
            rows.append((line.parts[2][0].strip(), line.key))
    return rows


# --- plans with readable labels -------------------------------------------------------------


def create_plan(
    path: Path,
    plan: Any,
    records: list[Any] = (),
    *,
    user: str = "demo",  # type: ignore[assignment]
) -> dict[str, str]:
    """Write a plan whose records carry readable labels as ids ("org-a", "a1"), the way tests
    name them: each record gets a whole-number id (references follow) and the map from label
    to id comes back. Approvals may be given as dates (see `plan_builders.data_of`)."""
    from coop_tui.domain.model import ENTITY_TYPES
    from coop_tui.domain.upgrade import renumber
    from tests.unit.plan_builders import data_of

    data = data_of(*records, plan=plan)
    tables = data.tables()
    numbered, next_id, _ = renumber(tables)
    ids: dict[str, str] = {}
    for name in ENTITY_TYPES:
        for old, new in zip(tables[name], numbered[name], strict=True):
            ids[old] = new
    every = [r for table in numbered.values() for r in table.values()]
    PlanStore(path, user=user, clock=frozen_clock).create(plan, every, next_id=next_id)
    LABELS[path] = ids
    return ids


LABELS: dict[Path, dict[str, str]] = {}
"""label -> id of each plan `create_plan` wrote, by its path (for fixtures that return a path)."""


def ids_for(path: Path) -> dict[str, str]:
    return LABELS[path]


def by_code(data: PlanData, code: str) -> Any:
    """The one action, objective or shared stake with this code."""
    for table in ("actions", "objectives", "shared_stakes"):
        found = data.find_by_code(table, code)
        if found:
            return found[0]
    raise KeyError(code)


def demo_ids() -> dict[str, str]:
    """The demo's readable labels (as data/demo.toml names its records: "org-aci", "a3")
    -> the ids a demo plan created from it has."""
    return dict(_demo_ids())


@functools.cache
def _demo_ids() -> dict[str, str]:
    """Read once per process: the demo's TOML is the same for every test."""
    from coop_tui.demo import demo_plan

    return {label: new for (_, label), new in demo_plan(TODAY).ids.items()}
