"""`make bench`: speed and memory of coop-tui, as ratios to references measured in the same run.

These machines are noisy, so every figure is a median with its min–max over several runs after
a warm-up, beside a reference taken the same way at the same moment. The terminal figures
drive the installed `coop-tui` in tmux (120×40), polling `capture-pane` every few ms.

    python tests/bench/bench.py [--runs 5] [--plans demo,5k,20k-moves] [--app-only]

`--app-only` measures only what runs in the terminal (first paint, switches, card
move, memory): the figures Textual tuning (tui/tuning.py) can move. Run it with
`COOP_TUI_TUNING=0` to see the app without it.

Writes the table to standard output and JSON to tests/bench/last-results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
COOP = str(Path(sys.executable).with_name("coop-tui"))
TODAY = dt.date(2026, 3, 2)
SIZE = (120, 40)


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


class Terminal:
    """One tmux server and session running one command, read by polling capture-pane."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"coop-bench-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8", **env}  # fmt: skip
        self.env.pop("TMUX", None)
        self.command = " ".join("'" + c.replace("'", "'\\''") + "'" for c in command)

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], env=self.env,
                             capture_output=True, text=True, check=False)  # fmt: skip
        return out.stdout

    def start(self) -> float:
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "b", "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                  self.command)  # fmt: skip
        return started

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "b")

    def wait(self, predicate: Callable[[str], bool], timeout: float = 60.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if predicate(self.screen()):
                return time.perf_counter()
            time.sleep(0.002)
        raise RuntimeError(f"timed out; screen:\n{self.screen()}")

    def send(self, key: str) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "b", key)
        return started

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

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


# --- the measurements ------------------------------------------------------------------------


def minimal_run() -> tuple[float, int]:
    """One run of the reference app: (seconds to first paint, peak RSS)."""
    term = Terminal([PYTHON, str(HERE / "minimal_app.py")], {})
    try:
        started = term.start()
        painted = term.wait(lambda s: "coop-bench-ready" in s)
        return painted - started, memory(term.pid())[1]
    finally:
        term.close()


@dataclass
class AppRun:
    minimal_paint: Series = field(default_factory=Series)
    """The reference, run just before each run of the app (the machine's load drifts)."""
    minimal_rss: Series = field(default_factory=Series)
    first_paint: Series = field(default_factory=Series)
    rss_first_paint: Series = field(default_factory=Series)
    rss_peak: Series = field(default_factory=Series)
    switch: dict[str, Series] = field(default_factory=dict)
    card_move: Series = field(default_factory=Series)


def _markers() -> dict[str, str]:
    """The header title each screen shows (English: the bench runs with --lang en)."""
    from coop_tui.i18n import Translator

    en = Translator("en")
    return {key: en.t(f"{area}.title") for key, area in
            (("4", "board"), ("5", "timeline"), ("1", "stakes"))}  # fmt: skip


SCREEN_MARKERS = _markers()


def app_runs(plan: Path, runs: int) -> AppRun:
    """Fresh app each run, right after a run of the reference app: first paint,
    switch to 4, 5, 1, back to 4, move a card."""
    out = AppRun(switch={k: Series() for k in SCREEN_MARKERS})
    for i in range(runs + 1):
        reference_paint, reference_rss = minimal_run()
        if i:
            out.minimal_paint.samples.append(reference_paint)
            out.minimal_rss.samples.append(reference_rss)
        work = Path(tempfile.mkdtemp(prefix="coop-bench-"))
        copy = work / plan.name
        copy.write_bytes(plan.read_bytes())
        term = Terminal([COOP, "--lang", "en", str(copy)], {"COOP_TUI_TODAY": TODAY.isoformat()})
        try:
            started = term.start()
            painted = term.wait(lambda s: "Dashboard" in s and "Progress" in s)
            rss_paint = memory(term.pid())[0]
            switches = {}
            for key, marker in SCREEN_MARKERS.items():
                sent = term.send(key)
                shown = term.wait(lambda s, m=marker: f"— {m}" in s)
                switches[key] = shown - sent
            term.send("4")
            term.wait(lambda s: f"— {SCREEN_MARKERS['4']}" in s)
            time.sleep(0.3)
            before = term.screen()
            sent = term.send("S-Right")
            moved = term.wait(lambda s, b=before: s != b)
            peak = memory(term.pid())[1]
            if i:
                out.first_paint.samples.append(painted - started)
                out.rss_first_paint.samples.append(rss_paint)
                out.rss_peak.samples.append(peak)
                for key, value in switches.items():
                    out.switch[key].samples.append(value)
                out.card_move.samples.append(moved - sent)
        finally:
            term.close()
    return out


def process_time(command: list[str], runs: int) -> Series:
    series = Series()
    env = {**os.environ, "COOP_TUI_TODAY": TODAY.isoformat()}
    for i in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        if i:
            series.samples.append(time.perf_counter() - started)
    return series


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
    met: bool


GOALS = {
    "first paint": {"demo": 1.3, "5k": 1.8},
    "switch": {"demo": 0.050, "5k": 0.080},
    "status": {"demo": 6, "5k": 12},
    "commit": {"demo": 0.015, "5k": 0.060},
    "memory": {"demo": 1.4, "5k": 2.5},
    "history": {"20k-moves": 1.5},
}
"""Goals: ratios to the reference, or seconds; "history" is the demo after 20,000 moves
against the fresh demo, figure by figure."""


def build_rows(results: dict[str, dict[str, object]]) -> list[Row]:
    rows: list[Row] = []
    goals = GOALS
    py_pass: Series = results["python"]["pass"]  # type: ignore[assignment]
    for name in ("demo", "5k"):
        if name not in results:
            continue
        r = results[name]
        run: AppRun = r["app"]  # type: ignore[assignment]
        minimal_paint = run.minimal_paint
        ratio = run.first_paint.median / minimal_paint.median
        goal = goals["first paint"][name]
        rows.append(
            Row(
                "first paint / minimal app",
                name,
                run.first_paint.describe("s"),
                minimal_paint.describe("s"),
                ratio,
                ratio,
                f"≤ {goal}",
                ratio <= goal,
            )
        )
        for key, series in run.switch.items():
            goal = goals["switch"][name]
            rows.append(
                Row(
                    f"screen switch to {key} ({SCREEN_MARKERS[key]})",
                    name,
                    series.describe("s"),
                    "—",
                    None,
                    series.median,
                    f"≤ {goal * 1000:.0f} ms",
                    series.median <= goal,
                )
            )
        goal = goals["switch"][name]
        rows.append(
            Row(
                "card move (shift+right)",
                name,
                run.card_move.describe("s"),
                "—",
                None,
                run.card_move.median,
                f"≤ {goal * 1000:.0f} ms",
                run.card_move.median <= goal,
            )
        )
        if "status" not in r:  # --app-only
            rows += memory_rows(name, run)
            continue
        status: Series = r["status"]  # type: ignore[assignment]
        json_load: Series = r["json"]  # type: ignore[assignment]
        ratio = status.median / py_pass.median
        goal = goals["status"][name]
        rows.append(
            Row(
                "`status` / `python -c pass`",
                name,
                status.describe("s"),
                f"{py_pass.describe('s')}; json.load {json_load.describe('s')}",
                ratio,
                ratio,
                f"≤ {goal}",
                ratio <= goal,
            )
        )
        for label, key in (("commit p95", "commit"), ("commit p95, 2nd writer", "commit2")):
            series: Series = r[key]  # type: ignore[no-redef]
            p50, p95 = series.percentile(50), series.percentile(95)
            goal = goals["commit"][name]
            rows.append(
                Row(
                    label,
                    name,
                    f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",
                    "—",
                    None,
                    p95,
                    f"≤ {goal * 1000:.0f} ms",
                    p95 <= goal,
                )
            )
        rows += memory_rows(name, run)
    if "20k-moves" in results and "demo" in results:
        rows += history_rows(results["demo"], results["20k-moves"])
    return rows


def history_rows(fresh: dict[str, object], worn: dict[str, object]) -> list[Row]:
    """The demo after 20,000 card moves against the fresh demo: a bounded history keeps it
    as quick to open, read and change."""
    goal = GOALS["history"]["20k-moves"]
    fresh_app: AppRun = fresh["app"]  # type: ignore[assignment]
    worn_app: AppRun = worn["app"]  # type: ignore[assignment]
    pairs: list[tuple[str, Series, Series, str]] = [
        ("first paint", worn_app.first_paint, fresh_app.first_paint, "s")
    ]
    if "status" in worn and "status" in fresh:
        pairs += [
            ("`status` time", worn["status"], fresh["status"], "s"),  # type: ignore[list-item]
            ("`status` peak memory", worn["status_rss"], fresh["status_rss"], "b"),  # type: ignore[list-item]
        ]
    rows = []
    for label, now, then, unit in pairs:
        ratio = now.median / then.median
        rows.append(Row(f"{label} / fresh demo", "20k-moves", now.describe(unit),
                        then.describe(unit), ratio, ratio, f"≤ {goal}", ratio <= goal))  # fmt: skip
    if "commit" in worn and "commit" in fresh:
        for label, key in (("commit p95", "commit"), ("commit p95, 2nd writer", "commit2")):
            now, then = worn[key], fresh[key]
            p95, ref = now.percentile(95), then.percentile(95)  # type: ignore[attr-defined]
            ratio = p95 / ref
            rows.append(Row(f"{label} / fresh demo", "20k-moves",
                            f"p50 {now.percentile(50) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",  # type: ignore[attr-defined]
                            f"p95 {ref * 1000:.1f} ms", ratio, ratio, f"≤ {goal}",
                            ratio <= goal))  # fmt: skip
    return rows


def memory_rows(name: str, run: AppRun) -> list[Row]:
    rows = []
    for label, series in (
        ("memory at first paint", run.rss_first_paint),
        ("peak memory after the steps", run.rss_peak),
    ):
        ratio = series.median / run.minimal_rss.median
        goal = GOALS["memory"][name]
        reference = run.minimal_rss.describe("b")
        rows.append(Row(f"{label} / minimal app", name, series.describe("b"), reference, ratio,
                        ratio, f"≤ {goal}", ratio <= goal))  # fmt: skip
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | plan | coop-tui: median (min–max) | reference | ratio | goal | |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
        mark = "met" if row.met else "**missed**"
        lines.append(f"| {row.figure} | {row.plan} | {row.value} | {row.reference} | {ratio} "
                     f"| {row.goal} | {mark} |")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--plans", default="demo,5k,20k-moves",
                        help="demo, 5k, 20k-moves (the demo after 20,000 moves), comma-separated")  # fmt: skip
    parser.add_argument("--app-only", action="store_true", help="only the terminal figures")
    args = parser.parse_args()
    plans = [p.strip() for p in args.plans.split(",")]
    if args.runs < 5:
        print("note: fewer than 5 runs; figures are indicative only", file=sys.stderr)

    sys.path.insert(0, str(HERE.parents[1]))  # the repository: tests.bigplan
    from coop_tui.demo import create_demo
    from tests.bigplan import make_big_plan

    work = Path(tempfile.mkdtemp(prefix="coop-bench-plans-"))
    demo = work / "demo.json"
    create_demo(demo, TODAY)
    big = work / "big.json"
    if "5k" in plans:
        print("generating the 5,000-action plan…", file=sys.stderr)
        make_big_plan(big, 100, 50, TODAY)
        add_history(big, 300)
    worn = work / "worn.json"
    if "20k-moves" in plans:
        print("moving cards 20,000 times on a copy of the demo…", file=sys.stderr)
        worn.write_bytes(demo.read_bytes())
        add_history(worn, 20_000)

    results: dict[str, dict[str, object]] = {}
    print("references…", file=sys.stderr)
    results["python"] = {"pass": process_time([PYTHON, "-c", "pass"], args.runs)}
    for name, plan in (("demo", demo), ("5k", big), ("20k-moves", worn)):
        if name not in plans:
            continue
        print(f"{name}: app in tmux…", file=sys.stderr)
        entry: dict[str, object] = {"app": app_runs(plan, args.runs)}
        results[name] = entry
        if args.app_only:
            continue
        print(f"{name}: quick status, commits…", file=sys.stderr)
        entry["status"] = process_time([COOP, "status", str(plan)], args.runs)
        entry["status_rss"] = status_memory(plan, args.runs)
        entry["json"] = process_time(
            [PYTHON, "-c", f"import json; json.load(open({str(plan)!r}))"], args.runs
        )
        entry["commit"] = commit_latency(plan, args.commits, concurrent=False)
        entry["commit2"] = commit_latency(plan, args.commits, concurrent=True)

    rows = build_rows(results)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print()
    print(f"coop-tui benchmarks — {dt.date.today().isoformat()} — {machine}")
    tuning = os.environ.get("COOP_TUI_TUNING", "") or "all"
    print(f"runs: {args.runs} after a warm-up; terminal {SIZE[0]}×{SIZE[1]} (tmux); "
          f"COOP_TUI_TUNING={tuning}")  # fmt: skip
    print()
    print(table(rows))
    payload = {
        "date": dt.date.today().isoformat(),
        "machine": machine,
        "runs": args.runs,
        "rows": [row.__dict__ for row in rows],
        "table": table(rows),
    }
    if not args.app_only and plans == ["demo", "5k", "20k-moves"]:  # only a whole run is the record
        (HERE / "last-results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
