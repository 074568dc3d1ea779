"""`make bench`: speed and memory of coop-tui, as ratios to references measured in the same run.

These machines are noisy, so every figure is a median with its min–max over several runs after
a warm-up, beside a reference taken the same way at the same moment. The terminal figures
drive the installed `coop-tui --lang en` in tmux (120×40, its own server, no tmux.conf),
polling `capture-pane` every few ms.

    python tests/bench/bench.py [--runs 5] [--plans demo,5k,50k,20k-moves] [--app-only]

The plans: `demo` (the demonstration plan), `5k` (5,000 actions, 300 moves of history),
`50k` (50,000 actions, ~30 MB, 50 moves of history: each move rewrites the whole file, so
that is what stays cheap) and `20k-moves` (the demo after 20,000 card moves: its first
paint, `status` and commits against the fresh demo's). The goals are issue 17's (`GOALS`).
The steps below come in one fixed order, so that each figure is taken in the same state
from one run (and one day) to the next.

One app run (a fresh copy of the plan, a fresh app, right after a run of the minimal Textual
app, tests/bench/minimal_app.py, the reference of first paint and memory):

1. first paint: from starting the process to the dashboard (6) on screen; the memory (RSS)
   is read then. Its last change comes once the sections below the screen are worked out
   (the scrollbar then counts them): "the page below it", shown for information. Then
   the bench waits until the screens' code has been preloaded (the app does it
   `PRELOAD_AFTER` seconds after its first paint) and the app is idle, as it is
   for someone who reads the dashboard a moment: first visits are measured as designed,
   never against that background work.
2. first visits, in key order: 1 2 3 4 5 7 8 (the dashboard's first visit is the first
   paint). On the timeline (5), the zoom: `-`, months to quarters.
3. 4 again: the board's later visit; then a card move (shift+right on the card under the
   cursor; the bench checks afterwards that it was committed), then the filter: `/`, then the
   code of one action typed but for its last character, and the time of that last key until
   the board shows that one card alone (the cost of one key, as for every other figure);
   escape clears it.
4. later visits: 6, then 1 2 3 5 7 8. Each of these screens was last shown before the card
   move, so each shows a plan that changed meanwhile: the usual case (change something, go
   and look elsewhere), and the one that costs a screen most.

Before each key the bench waits for the app to be idle (its CPU time still for 0.25 s). A
step's time runs from sending the key (`tmux send-keys`, a few ms included) to the last change
of the screen, once the screen shows what the step is for (a switch: « — Title » in the
header) and then neither it nor the app's CPU time has moved for 0.25 s: a screen that shows
its title first and its rows later, or lays itself out again once its scrollbar shows, is
timed to its last frame. A step that does not come within a
timeout (scaled to the plan's size) stops the bench with what was on screen; so does an app
that exits.

The command-line figures are whole processes (medians after a warm-up round), run in turn
round after round, so that a figure and its reference share the machine's load: `status` against
`python -c pass` (demo, 5k); at 50,000 actions `status`, `move` and `actions --json` against
`python -c "import json; json.load(open(PLAN))"` on the same file. Each `move` commits (one
action, to in progress then back to do, on a copy of the plan). Commits in-process, alone and
with a second writer, are timed on the demo and at 5,000 actions (at 50,000 each commit
rewrites 30 MB: 400 of them would take minutes, and the CLI `move` covers the figure).

`--app-only` measures only what runs in the terminal (first paint, switches, card move, zoom,
filter, memory): the figures Textual tuning (tui/tuning.py) can move. Run it with
`COOP_TUI_TUNING=0` to see the app without it.

Writes the table to standard output; a whole run (every plan, not `--app-only`) also writes
it, with every figure, to tests/bench/last-results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coop_tui.i18n import Translator

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
COOP = str(Path(sys.executable).with_name("coop-tui"))
TODAY = dt.date(2026, 3, 2)
SIZE = (120, 40)
PLANS = ("demo", "5k", "50k", "20k-moves")

QUIET = 0.25
"""Seconds without a change of screen, nor of the app's CPU time, that end a step."""
BUSY = 0.02
"""CPU seconds the app may use during `QUIET` and still count as idle (its polling)."""
STEP_TIMEOUT = 10.0
"""Seconds a step may take on a plan of up to `TIMEOUT_BYTES` (scaled up beyond)."""
TIMEOUT_BYTES = 5_000_000
BEGAN = time.perf_counter()
VERBOSE = False
"""`--verbose`: each step's times on standard error as they are measured."""


class BenchError(Exception):
    """A step that did not come in time, or an app that exited: said plainly, and the bench
    stops (a figure measured around it would mean nothing)."""


# --- figures ------------------------------------------------------------------------------


@dataclass
class Series:
    """Samples of one measurement (seconds or bytes)."""

    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def describe(self, unit: str) -> str:
        scale, suffix = (1000.0, "ms") if unit == "s" else (1 / 2**20, "MiB")
        lo, hi = min(self.samples) * scale, max(self.samples) * scale
        return f"{self.median * scale:.0f} {suffix} ({lo:.0f}–{hi:.0f})"

    def percentile(self, p: float) -> float:
        ordered = sorted(self.samples)
        index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
        return ordered[index]


# --- tmux ----------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_COLOURS = re.compile(r"\x1b\[[0-9;:]*m")
"""The escape sequences of colours and styles in `capture-pane -e`'s text."""


class Terminal:
    """One tmux server and session running one command, read by polling capture-pane.

    `timeout` is the longest any one wait may take; the pane stays after the command exits
    (remain-on-exit), so that a crash is reported with its last screen.
    """

    def __init__(self, command: list[str], env: dict[str, str], timeout: float) -> None:
        self.socket = f"coop-bench-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8", **env}  # fmt: skip
        self.env.pop("TMUX", None)
        self.command = " ".join("'" + c.replace("'", "'\\''") + "'" for c in command)
        self.timeout = timeout
        self._pid = 0

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                             env=self.env, capture_output=True, text=True, check=False,
                             timeout=30)  # fmt: skip
        return out.stdout

    def start(self) -> float:
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "b", "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                  self.command, ";", "set-option", "-t", "b", "remain-on-exit", "on")  # fmt: skip
        return started

    def screen(self, colours: bool = False) -> str:
        """What the pane shows (`colours`: with its escape sequences, so that a change of
        colour alone, a scrollbar's thumb, is a change too)."""
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "b")

    def dead(self) -> str:
        """ "" while the command runs, else how it ended."""
        state = self.tmux("display-message", "-p", "-t", "b", "#{pane_dead} #{pane_dead_status}")
        dead, _, status = state.strip().partition(" ")
        if dead == "0":
            return ""
        return f"it exited (status {status or '?'})" if dead == "1" else "tmux is gone"

    def _fail(self, what: str, why: str) -> BenchError:
        """The error for a step that failed, with the screen (and, for an app that exited,
        what it printed last, which tmux has scrolled up)."""
        lines = self.tmux("capture-pane", "-p", "-t", "b", "-S", f"-{SIZE[1]}").splitlines()
        while lines and not lines[0].strip():
            lines.pop(0)
        shown = "\n".join(lines[-SIZE[1] :]).rstrip()
        return BenchError(f"{what}: {why}. The screen was:\n{shown}")

    def wait(
        self, predicate: Callable[[str], bool], what: str, colours: bool = False
    ) -> tuple[float, str]:
        """The moment the screen first satisfies `predicate`, and that screen (`colours`:
        captured with its colours, `predicate` still given the text alone)."""
        deadline = time.perf_counter() + self.timeout
        checked = time.perf_counter()
        while True:
            screen = self.screen(colours)
            now = time.perf_counter()
            if predicate(_COLOURS.sub("", screen) if colours else screen):
                return now, screen
            if now > deadline:
                raise self._fail(what, f"not on screen within {self.timeout:.0f} s")
            if now - checked > 0.5:
                checked = now
                if ended := self.dead():
                    raise self._fail(what, ended)
            time.sleep(0.002)

    def settle(
        self, shown: str, since: float, what: str, colours: bool = False
    ) -> tuple[float, str]:
        """After `shown` appeared at `since`: the moment of the screen's last change, once
        neither the screen nor the app's CPU time has moved for `QUIET` seconds."""
        last, changed = shown, since
        window, cpu = since, self.cpu(what)
        while True:
            screen = self.screen(colours)
            now = time.perf_counter()
            if screen != last:
                last, changed = screen, now
                window, cpu = now, self.cpu(what)
            elif now - window >= QUIET:
                used = self.cpu(what)
                if used - cpu <= BUSY:
                    return changed, last
                window, cpu = now, used
            if now - since > self.timeout:
                raise self._fail(
                    what, f"the screen or the app still busy after {self.timeout:.0f} s"
                )
            time.sleep(0.002)

    def idle(self, what: str) -> None:
        """Wait until the app has used (almost) no CPU for `QUIET` seconds."""
        deadline = time.perf_counter() + self.timeout
        cpu = self.cpu(what)
        while True:
            time.sleep(QUIET)
            used = self.cpu(what)
            if used - cpu <= BUSY:
                return
            if time.perf_counter() > deadline:
                raise self._fail(what, f"the app was still busy after {self.timeout:.0f} s")
            cpu = used

    def cpu(self, what: str) -> float:
        """The app's CPU time so far; a clear error if it has exited."""
        try:
            return cpu_seconds(self.pid())
        except (OSError, ValueError):
            raise self._fail(what, self.dead() or "it exited") from None

    def send(self, *keys: str, literal: bool = False) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "b", *(["-l"] if literal else []), *keys)
        return started

    def pid(self) -> int:
        if not self._pid:
            self._pid = int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())
        return self._pid

    def close(self) -> None:
        self.tmux("kill-server")


def memory(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process, in bytes."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024
    return fields["VmRSS"], fields["VmHWM"]


# --- the screens ---------------------------------------------------------------------------


def say(what: str) -> None:
    """Progress, on standard error, with the time since the bench started."""
    print(f"[{time.perf_counter() - BEGAN:5.0f} s] {what}", file=sys.stderr)


@functools.cache
def _english() -> Translator:
    from coop_tui.i18n import Translator

    return Translator("en")


def en(key: str, **values: object) -> str:
    """What the app shows for `key` (it runs with --lang en): the bench waits for the app's
    own words, so that a change of wording stops it rather than fooling it."""
    said = _english().t(key, **values)
    if said == key:
        raise BenchError(f"no {key!r} in the English catalog")
    return said


def _screens() -> dict[str, str]:
    """Key -> the header title of the screen it shows, from the app's own keys."""
    from coop_tui.tui.modes import MODE_KEYS

    return {key: en(f"{mode}.title") for key, mode in MODE_KEYS.items()}


SCREENS = _screens()
PAINTED = en("dashboard.col.progress")
"""Shown on the dashboard (6) with its title: the first paint."""
ZOOMED = en("timeline.zoom", level=en("timeline.zoom.quarter"))
"""The timeline's scale after `-` (it opens at months)."""
FILTER_OPEN = en("board.filter.placeholder").partition(":")[0]
FILTERED = en("board.status.filters", filters="").strip()
FIRST_SCREEN = "6"
"""The dashboard: shown at start, its first visit is the first paint."""
FIRST_VISITS = [key for key in SCREENS if key != FIRST_SCREEN]
LATER_VISITS = [FIRST_SCREEN, *(key for key in SCREENS if key not in (FIRST_SCREEN, "4"))]
"""The board's later visit is the switch that comes before the card move (step 3)."""


def titled(key: str) -> Callable[[str], bool]:
    """Whether the header (the first line) names the screen of `key`."""
    marker = f"— {SCREENS[key]}"
    return lambda screen: marker in screen.partition("\n")[0]


@dataclass(frozen=True)
class Target:
    """What the filter types: the code of one action that it alone matches."""

    code: str
    total: int

    def typed(self, text: str) -> Callable[[str], bool]:
        """Whether the board says it is filtered by `text`."""
        said = en("board.filter.text", text=text)
        return lambda screen: said in screen

    def alone(self, screen: str) -> bool:
        """Whether the board shows one card of all, filtered by the whole code."""
        count = re.escape(en("board.status.count", shown=1, total=self.total))
        return self.typed(self.code)(screen) and re.search(rf"(?<!\d){count}", screen) is not None


def filter_target(plan: Path) -> Target:
    """The last action (in plan order) that is on the board and that its code alone finds."""
    from coop_tui.domain.model import Status
    from coop_tui.storage.store import PlanStore
    from coop_tui.tui.widgets.board_layout import BoardFilter

    data = PlanStore(plan).read()
    actions = data.sorted_actions()
    for action in reversed(actions):
        if action.status is Status.DROPPED or len(action.code) < 2:
            continue
        found = BoardFilter(text=action.code)
        if sum(found.matches(a, data) for a in actions) == 1:
            return Target(action.code, len(actions))
    raise BenchError(f"{plan.name}: no action code matches one action alone")


# --- the measurements ------------------------------------------------------------------------


def timeout_for(plan: Path) -> float:
    return STEP_TIMEOUT * max(1.0, plan.stat().st_size / TIMEOUT_BYTES)


def minimal_run() -> tuple[float, int]:
    """One run of the reference app: (seconds to first paint, peak RSS)."""
    term = Terminal([PYTHON, str(HERE / "minimal_app.py")], {}, STEP_TIMEOUT)
    try:
        started = term.start()
        painted, _ = term.wait(lambda s: "coop-bench-ready" in s, "the minimal app's paint")
        return painted - started, memory(term.pid())[1]
    finally:
        term.close()


@dataclass
class AppRun:
    minimal_paint: Series = field(default_factory=Series)
    """The reference, run just before each run of the app (the machine's load drifts)."""
    minimal_rss: Series = field(default_factory=Series)
    first_paint: Series = field(default_factory=Series)
    first_page_whole: Series = field(default_factory=Series)
    """From the start to the dashboard's last change: the sections below the screen are
    worked out once the first frame is written, and the scrollbar then counts them."""
    rss_first_paint: Series = field(default_factory=Series)
    rss_peak: Series = field(default_factory=Series)
    first_visit: dict[str, Series] = field(default_factory=dict)
    later_visit: dict[str, Series] = field(default_factory=dict)
    card_move: Series = field(default_factory=Series)
    zoom: Series = field(default_factory=Series)
    filter: Series = field(default_factory=Series)
    first_frames: dict[str, Series] = field(default_factory=dict)
    """Each step's time to its first frame showing what it is for (the figures above run to
    the last frame): kept in last-results.json, to compare with earlier harnesses."""


def app_runs(name: str, plan: Path, runs: int, *, steps: bool = True) -> AppRun:
    """A fresh app on a fresh copy of the plan each run, right after a run of the reference
    app; the steps of the module's docstring (only the first paint unless `steps`)."""
    from coop_tui.tui.app import PRELOAD_AFTER

    out = AppRun()
    target = filter_target(plan) if steps else None
    timeout = timeout_for(plan)
    for i in range(runs + 1):
        reference_paint, reference_rss = minimal_run()
        work = Path(tempfile.mkdtemp(prefix="coop-bench-"))
        copy = work / plan.name
        shutil.copyfile(plan, copy)
        env = {"COOP_TUI_TODAY": TODAY.isoformat(), "COOP_TUI_USER": "bench"}
        term = Terminal([COOP, "--lang", "en", str(copy)], env, 2 * timeout)
        figures: dict[str, tuple[float, float]] = {}
        try:
            started = term.start()
            painted, screen = term.wait(
                lambda s: titled(FIRST_SCREEN)(s) and PAINTED in s,
                f"{name}: first paint",
                colours=True,
            )
            rss_paint = memory(term.pid())[0]
            whole, _ = term.settle(screen, painted, f"{name}: the first page whole", colours=True)
            if steps and target is not None:
                term.timeout = timeout
                time.sleep(max(0.0, painted + PRELOAD_AFTER + 0.2 - time.perf_counter()))
                figures = app_steps(name, term, target)
            peak = memory(term.pid())[1]
        finally:
            term.close()
        if steps:
            check_moved(name, copy)
        shutil.rmtree(work, ignore_errors=True)
        if not i:
            continue  # the warm-up
        out.minimal_paint.samples.append(reference_paint)
        out.minimal_rss.samples.append(reference_rss)
        out.first_paint.samples.append(painted - started)
        out.first_page_whole.samples.append(whole - started)
        out.rss_first_paint.samples.append(rss_paint)
        out.rss_peak.samples.append(peak)
        for figure, (value, first_frame) in figures.items():
            out.first_frames.setdefault(figure, Series()).samples.append(first_frame)
            kind, _, key = figure.partition(" ")
            if kind == "first":
                out.first_visit.setdefault(key, Series()).samples.append(value)
            elif kind == "later":
                out.later_visit.setdefault(key, Series()).samples.append(value)
            else:
                getattr(out, kind).samples.append(value)
    return out


def app_steps(name: str, term: Terminal, target: Target) -> dict[str, tuple[float, float]]:
    """Steps 1 (after the paint) to 4 of the docstring: {figure: (seconds to the last frame,
    to the first frame that showed what the step is for)}."""
    figures: dict[str, tuple[float, float]] = {}

    def step(figure: str, what: str, done: Callable[[str], bool], *keys: str,
             literal: bool = False) -> None:  # fmt: skip
        what = f"{name}: {what}"
        term.idle(f"{what} (waiting for the app to be idle first)")
        sent = term.send(*keys, literal=literal)
        shown, screen = term.wait(done, what)
        finished, screen = term.settle(screen, shown, what)
        if not done(screen):
            raise term._fail(what, "shown, then gone again")
        if figure:
            figures[figure] = (finished - sent, shown - sent)
        if VERBOSE:
            say(
                f"  {what}: first shown {(shown - sent) * 1000:.0f} ms, last change "
                f"{(finished - sent) * 1000:.0f} ms"
            )

    term.idle(f"{name}: the app after its first paint and the screens' preloading")
    for key in FIRST_VISITS:
        step(f"first {key}", f"first visit to {key} ({SCREENS[key]})", titled(key), key)
        if key == "5":
            step("zoom", "timeline zoom (-)", lambda s: ZOOMED in s, "-", literal=True)
    step("later 4", f"later visit to 4 ({SCREENS['4']})", titled("4"), "4")
    before = term.screen()
    step("card_move", "card move (shift+right)", lambda s: s != before, "S-Right")
    step("", "opening the filter (/)", lambda s: FILTER_OPEN in s, "/")
    prefix = target.code[:-1]
    step("", f"typing {prefix!r} in the filter", target.typed(prefix), prefix, literal=True)
    step("filter", f"filter to {target.code} alone", target.alone, target.code[-1], literal=True)
    step("", "clearing the filter (escape)", lambda s: FILTERED not in s, "Escape")
    for key in LATER_VISITS:
        step(f"later {key}", f"later visit to {key} ({SCREENS[key]})", titled(key), key)
    return figures


def check_moved(name: str, plan: Path) -> None:
    """The card move of an app run was committed (its last history entry is a move)."""
    from coop_tui.storage.store import PlanStore

    recent = PlanStore(plan).recent_history(1)
    what = recent[-1].what if recent else None
    if what is None or what.op != "move":
        raise BenchError(f"{name}: shift+right changed the screen but moved no card")


Command = Callable[[int], list[str]]
"""The command line of a process run, given the run's number (0: the warm-up)."""


def fixed(*argv: str) -> Command:
    return lambda _: list(argv)


def process_times(commands: dict[str, Command], runs: int, timeout: float) -> dict[str, Series]:
    """Whole-process times, after a warm-up round: each round runs every command once, in
    turn, so that a figure and its reference are taken at the same moments of a machine
    whose load drifts."""
    out = {name: Series() for name in commands}
    env = {**os.environ, "COOP_TUI_TODAY": TODAY.isoformat(), "COOP_TUI_USER": "bench"}
    for i in range(runs + 1):
        for name, command in commands.items():
            argv = command(i)
            started = time.perf_counter()
            try:
                subprocess.run(argv, check=True, capture_output=True, env=env, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise BenchError(f"`{' '.join(argv)}` took more than {timeout:.0f} s") from None
            except subprocess.CalledProcessError as exc:
                said = exc.stderr.decode(errors="replace").strip()
                raise BenchError(f"`{' '.join(argv)}` failed ({exc.returncode}): {said}") from None
            if i:
                out[name].samples.append(time.perf_counter() - started)
    return out


class Mover:
    """`coop-tui move` on a copy of the plan (so that the plan measured stays as it was): one
    action to in progress, back to do, and so on, so that every run commits (`check`)."""

    def __init__(self, plan: Path) -> None:
        from coop_tui.domain.model import Status
        from coop_tui.storage.store import PlanStore

        self.work = Path(tempfile.mkdtemp(prefix="coop-bench-"))
        self.copy = self.work / plan.name
        shutil.copyfile(plan, self.copy)
        data = PlanStore(self.copy).read()
        self.revision = data.revision
        self.code = next(a.code for a in data.sorted_actions() if a.status is Status.TODO)

    def __call__(self, n: int) -> list[str]:
        return [COOP, "move", str(self.copy), self.code, ("in_progress", "todo")[n % 2]]

    def check(self, runs: int) -> None:
        """Every run committed: the revision went up once a run (the warm-up included)."""
        from coop_tui.storage.store import PlanStore

        revision = PlanStore(self.copy).read().revision
        shutil.rmtree(self.work, ignore_errors=True)
        if revision != self.revision + runs + 1:
            raise BenchError(f"`coop-tui move` committed {revision - self.revision} times "
                             f"in {runs + 1} runs")  # fmt: skip


def status_memory(plan: Path, runs: int) -> Series:
    """Peak RSS of `coop-tui status` as a whole process (the children's peak, read by a parent
    that itself stays small)."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    )
    env = {**os.environ, "COOP_TUI_TODAY": TODAY.isoformat()}
    series = Series()
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", probe, COOP, "status", str(plan)],
                              check=True, capture_output=True, env=env, text=True)  # fmt: skip
        series.samples.append(float(done.stdout.split()[-1]))
    return series


def commit_latency(plan: Path, count: int, concurrent: bool) -> Series:
    """In-process `move` transactions; optionally with another process writing meanwhile."""
    from coop_tui.domain.model import Status
    from coop_tui.storage.store import PlanStore

    work = Path(tempfile.mkdtemp(prefix="coop-bench-"))
    copy = work / plan.name
    copy.write_bytes(plan.read_bytes())
    store = PlanStore(copy, user="bench")
    ids = [a.id for a in store.read().sorted_actions()]
    other = None
    if concurrent:
        script = (
            "import sys, itertools\n"
            "from coop_tui.storage.store import PlanStore\n"
            "from coop_tui.domain.model import Status\n"
            "s = PlanStore(sys.argv[1], user='other')\n"
            "for n in itertools.count():\n"
            "    s.move_action(sys.argv[2], [Status.TODO, Status.DONE][n % 2])\n"
        )
        other = subprocess.Popen([PYTHON, "-c", script, str(copy), ids[-1]])
        time.sleep(0.5)
    series = Series()
    try:
        statuses = [Status.IN_PROGRESS, Status.TODO]
        for n in range(count + 5):
            # Ten actions in turn, each to the other status each time: every move commits.
            started = time.perf_counter()
            store.move_action(ids[n % 10], statuses[(n // 10) % 2])
            if n >= 5:
                series.samples.append(time.perf_counter() - started)
    finally:
        if other is not None:
            other.kill()
            other.wait()
        shutil.rmtree(work, ignore_errors=True)
    return series


def add_history(plan: Path, moves: int) -> None:
    """Give a generated plan a realistic history (several users moving cards)."""
    from coop_tui.domain.model import Status
    from coop_tui.storage.store import PlanStore

    ids = [a.id for a in PlanStore(plan).read().sorted_actions()]
    stores = [PlanStore(plan, user=user) for user in ("ann", "bob", "chloé")]
    for n in range(moves):
        store = stores[n % 3]
        store.move_action(ids[(n * 37) % len(ids)], list(Status)[n % 4])


@dataclass
class PlanResults:
    """Everything measured on one plan (the command-line figures: not with --app-only)."""

    app: AppRun
    status: Series | None = None
    py_pass: Series | None = None
    status_rss: Series | None = None
    json_load: Series | None = None
    move: Series | None = None
    actions_json: Series | None = None
    commit: Series | None = None
    commit2: Series | None = None


def measure(name: str, plan: Path, args: argparse.Namespace) -> PlanResults:
    say(f"{name}: the app in tmux…")
    steps = name != "20k-moves"  # compared with the fresh demo by its first paint only
    out = PlanResults(app_runs(name, plan, args.runs, steps=steps))
    if args.app_only:
        return out
    say(f"{name}: the command line…")
    timeout = 3 * timeout_for(plan)
    commands = {
        "json": fixed(PYTHON, "-c", f"import json; json.load(open({str(plan)!r}))"),
        "status": fixed(COOP, "status", str(plan)),
    }
    if name == "50k":
        mover = Mover(plan)
        commands["move"] = mover
        commands["actions"] = fixed(COOP, "actions", str(plan), "--json")
    else:
        commands["pass"] = fixed(PYTHON, "-c", "pass")
    times = process_times(commands, args.runs, timeout)
    out.json_load, out.status = times["json"], times["status"]
    if name == "50k":
        mover.check(args.runs)
        out.move, out.actions_json = times["move"], times["actions"]
        return out
    out.py_pass = times["pass"]
    out.status_rss = status_memory(plan, args.runs)
    say(f"{name}: commits…")
    out.commit = commit_latency(plan, args.commits, concurrent=False)
    out.commit2 = commit_latency(plan, args.commits, concurrent=True)
    return out


# --- report ---------------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    plan: str
    value: str
    reference: str
    ratio: float | None
    measured: float
    goal: str
    met: bool | None
    """None: shown for information, no goal."""


GOALS: dict[str, dict[str, float]] = {
    "first paint": {"demo": 1.3, "5k": 1.8, "50k": 3.0},
    "memory": {"demo": 1.4, "5k": 2.5, "50k": 4.0},
    "key": {"demo": 0.050, "5k": 0.080, "50k": 0.150},
    "card move 50k/5k": {"50k": 2.0},
    "status": {"demo": 6, "5k": 12},
    "status/json": {"50k": 0.7},
    "move/json": {"50k": 1.0},
    "actions/json": {"50k": 1.5},
    "commit": {"demo": 0.015, "5k": 0.060},
    "history": {"20k-moves": 1.5},
}
"""Goals: ratios to the reference, or seconds ("key": every switch, the card move, the zoom
and the filter); "history" is the demo after 20,000 moves against the fresh demo, figure by
figure. Issue 17's: first paint, memory, key, card move 50k/5k, the three "/json" ones."""


def ratio_row(figure: str, plan: str, now: Series, then: Series, goal: float, unit: str = "s",
              reference: str = "") -> Row:  # fmt: skip
    ratio = now.median / then.median
    return Row(figure, plan, now.describe(unit), reference or then.describe(unit), ratio, ratio,
               f"≤ {goal:g}", ratio <= goal)  # fmt: skip


def time_row(figure: str, plan: str, series: Series, goal: float) -> Row:
    return Row(figure, plan, series.describe("s"), "—", None, series.median,
               f"≤ {goal * 1000:.0f} ms", series.median <= goal)  # fmt: skip


def visits_row(figure: str, plan: str, visits: dict[str, Series], goal: float,
               note: str = "") -> Row:  # fmt: skip
    """Every key's median in one row, judged by the slowest (shown first, with its min–max)."""
    worst = max(visits, key=lambda key: visits[key].median)
    each = " · ".join(f"{key}: {visits[key].median * 1000:.0f}" for key in sorted(visits))
    value = f"worst {worst} ({SCREENS[worst]}) {visits[worst].describe('s')}; ms by key: {each}"
    median = visits[worst].median
    return Row(figure + note, plan, value, "—", None, median, f"≤ {goal * 1000:.0f} ms",
               median <= goal)  # fmt: skip


def scale_row(card_move: Series, at_5k: PlanResults | None) -> Row:
    """The card move at 50,000 actions against its time at 5,000 (in the same run only)."""
    figure, goal = "card move / card move at 5k", GOALS["card move 50k/5k"]["50k"]
    if at_5k is None or not at_5k.app.card_move.samples:
        return Row(figure, "50k", card_move.describe("s"), "5k: not in this run", None,
                   card_move.median, f"≤ {goal:g}", None)  # fmt: skip
    return ratio_row(figure, "50k", card_move, at_5k.app.card_move, goal)


def build_rows(results: dict[str, PlanResults]) -> list[Row]:
    rows: list[Row] = []
    for name in ("demo", "5k", "50k"):
        if name not in results:
            continue
        r, run = results[name], results[name].app
        rows.append(ratio_row("first paint / minimal app", name, run.first_paint,
                              run.minimal_paint, GOALS["first paint"][name]))  # fmt: skip
        rows.append(Row("first paint, then the page below it (its last change)", name,
                        run.first_page_whole.describe("s"), run.minimal_paint.describe("s"),
                        run.first_page_whole.median / run.minimal_paint.median,
                        run.first_page_whole.median, "—", None))  # fmt: skip
        rows.append(ratio_row("memory at first paint / minimal app", name, run.rss_first_paint,
                              run.minimal_rss, GOALS["memory"][name], "b"))  # fmt: skip
        key = GOALS["key"][name]
        rows.append(visits_row("screen switch, first visit", name, run.first_visit, key,
                               f" ({FIRST_SCREEN} opens first: see first paint)"))  # fmt: skip
        rows.append(visits_row("screen switch, later visit", name, run.later_visit, key,
                               " (after a card move)"))  # fmt: skip
        rows.append(time_row("card move (shift+right)", name, run.card_move, key))
        if name == "50k":
            rows.append(scale_row(run.card_move, results.get("5k")))
        rows.append(time_row("timeline zoom (-)", name, run.zoom, key))
        rows.append(time_row("filter the board to one action (its last key)", name,
                             run.filter, key))  # fmt: skip
        rows += command_rows(name, r)
        ratio = run.rss_peak.median / run.minimal_rss.median
        rows.append(Row("peak memory after every step / minimal app", name,
                        run.rss_peak.describe("b"), run.minimal_rss.describe("b"), ratio, ratio,
                        "—", None))  # fmt: skip
    if "20k-moves" in results and "demo" in results:
        rows += history_rows(results["demo"], results["20k-moves"])
    return rows


def command_rows(name: str, r: PlanResults) -> list[Row]:
    if r.status is None or r.json_load is None:  # --app-only
        return []
    rows = []
    if r.move is not None and r.actions_json is not None:  # 50k
        for figure, measured, goal in (
            ("`status`", r.status, "status/json"),
            ("`move` (commits)", r.move, "move/json"),
            ("`actions --json`", r.actions_json, "actions/json"),
        ):
            rows.append(ratio_row(f"{figure} / `json.load` of the plan", name, measured,
                                  r.json_load, GOALS[goal][name]))  # fmt: skip
        return rows
    if r.py_pass is not None:
        rows.append(ratio_row("`status` / `python -c pass`", name, r.status, r.py_pass,
                              GOALS["status"][name], reference=f"{r.py_pass.describe('s')}; "
                              f"json.load {r.json_load.describe('s')}"))  # fmt: skip
    for label, series in (("commit p95", r.commit), ("commit p95, 2nd writer", r.commit2)):
        if series is None:
            continue
        p50, p95 = series.percentile(50), series.percentile(95)
        limit = GOALS["commit"][name]
        rows.append(Row(label, name, f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms", "—",
                        None, p95, f"≤ {limit * 1000:.0f} ms", p95 <= limit))  # fmt: skip
    return rows


def history_rows(fresh: PlanResults, worn: PlanResults) -> list[Row]:
    """The demo after 20,000 card moves against the fresh demo: a bounded history keeps it
    as quick to open, read and change."""
    goal = GOALS["history"]["20k-moves"]
    pairs: list[tuple[str, Series, Series, str]] = [
        ("first paint", worn.app.first_paint, fresh.app.first_paint, "s")
    ]
    if worn.status and fresh.status and worn.status_rss and fresh.status_rss:
        pairs += [
            ("`status` time", worn.status, fresh.status, "s"),
            ("`status` peak memory", worn.status_rss, fresh.status_rss, "b"),
        ]
    rows = [ratio_row(f"{label} / fresh demo", "20k-moves", now, then, goal, unit)
            for label, now, then, unit in pairs]  # fmt: skip
    for label, now_, then_ in (
        ("commit p95", worn.commit, fresh.commit),
        ("commit p95, 2nd writer", worn.commit2, fresh.commit2),
    ):
        if now_ is None or then_ is None:
            continue
        p95, ref = now_.percentile(95), then_.percentile(95)
        ratio = p95 / ref
        rows.append(Row(f"{label} / fresh demo", "20k-moves",
                        f"p50 {now_.percentile(50) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",
                        f"p95 {ref * 1000:.1f} ms", ratio, ratio, f"≤ {goal}",
                        ratio <= goal))  # fmt: skip
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| plan | figure | coop-tui: median (min–max) | reference | ratio | goal | |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
        mark = "" if row.met is None else "met" if row.met else "**missed**"
        lines.append(f"| {row.plan} | {row.figure} | {row.value} | {row.reference} | {ratio} "
                     f"| {row.goal} | {mark} |")  # fmt: skip
    return "\n".join(lines)


def make_plans(plans: list[str], work: Path) -> dict[str, Path]:
    from coop_tui.demo import create_demo
    from tests.bigplan import make_big_plan

    paths = {"demo": work / "demo.json"}
    create_demo(paths["demo"], TODAY)
    if "5k" in plans:
        say("generating the 5,000-action plan…")
        paths["5k"] = make_big_plan(work / "big.json", 100, 50, TODAY)
        add_history(paths["5k"], 300)
    if "50k" in plans:
        say("generating the 50,000-action plan (~30 MB)…")
        paths["50k"] = make_big_plan(work / "huge.json", 1000, 50, TODAY)
        add_history(paths["50k"], 50)
    if "20k-moves" in plans:
        say("moving cards 20,000 times on a copy of the demo…")
        paths["20k-moves"] = work / "worn.json"
        shutil.copyfile(paths["demo"], paths["20k-moves"])
        add_history(paths["20k-moves"], 20_000)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--plans", default=",".join(PLANS),
                        help="demo, 5k, 50k, 20k-moves (the demo after 20,000 moves), "
                        "comma-separated; default: all")  # fmt: skip
    parser.add_argument("--app-only", action="store_true", help="only the terminal figures")
    parser.add_argument("--verbose", action="store_true",
                        help="each step as measured: when it first showed, when it settled")  # fmt: skip
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    plans = [p.strip() for p in args.plans.split(",")]
    unknown = [p for p in plans if p not in PLANS]
    if unknown:
        parser.error(f"unknown plans {unknown}; choose among {', '.join(PLANS)}")
    if args.runs < 1:
        parser.error("--runs: at least 1")
    if args.runs < 5:
        print("note: fewer than 5 runs; figures are indicative only", file=sys.stderr)
    if "20k-moves" in plans and "demo" not in plans:
        print("note: the 20k-moves rows compare with the demo: add it to --plans",
              file=sys.stderr)  # fmt: skip

    sys.path.insert(0, str(HERE.parents[1]))  # the repository: tests.bigplan
    work = Path(tempfile.mkdtemp(prefix="coop-bench-plans-"))
    try:
        paths = make_plans(plans, work)
        results = {name: measure(name, paths[name], args) for name in PLANS if name in plans}
    except BenchError as exc:
        print(f"\nmake bench stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = build_rows(results)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    tuning = os.environ.get("COOP_TUI_TUNING", "") or "all"
    print()
    print(f"coop-tui benchmarks — {dt.date.today().isoformat()} — {machine}")
    print(f"runs: {args.runs} after a warm-up; terminal {SIZE[0]}×{SIZE[1]} (tmux); "
          f"COOP_TUI_TUNING={tuning}; {time.perf_counter() - BEGAN:.0f} s in all")  # fmt: skip
    print()
    print(table(rows))
    if not args.app_only and set(plans) == set(PLANS):  # only a whole run is the record
        payload = {
            "date": dt.date.today().isoformat(),
            "machine": machine,
            "runs": args.runs,
            "rows": [row.__dict__ for row in rows],
            "samples": samples(results),
            "table": table(rows),
        }
        (HERE / "last-results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


def readable(figure: str) -> str:
    """A step's figure as `samples` names it: "first 3" -> "first visit 3"."""
    kind, _, key = figure.partition(" ")
    return f"{kind} visit {key}" if key else kind.replace("_", " ")


def samples(results: dict[str, PlanResults]) -> dict[str, dict[str, list[float]]]:
    """Every sample, by plan and figure (seconds or bytes), for the record."""
    out: dict[str, dict[str, list[float]]] = {}
    for name, r in results.items():
        run = r.app
        figures = {
            "first paint": run.first_paint,
            "minimal app paint": run.minimal_paint,
            "rss at first paint": run.rss_first_paint,
            "minimal app rss": run.minimal_rss,
            "peak rss": run.rss_peak,
            "card move": run.card_move,
            "zoom": run.zoom,
            "filter": run.filter,
            **{f"first visit {k}": s for k, s in run.first_visit.items()},
            **{f"later visit {k}": s for k, s in run.later_visit.items()},
            **{f"{readable(k)}, first frame": s for k, s in run.first_frames.items()},
            "status": r.status,
            "json.load": r.json_load,
            "move": r.move,
            "actions --json": r.actions_json,
        }
        out[name] = {k: s.samples for k, s in figures.items() if s is not None and s.samples}
    return out


if __name__ == "__main__":
    sys.exit(main())
