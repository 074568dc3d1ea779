"""`coop-tui status` stays a ten-second read at any size: at most five lines a section, the
worst first, and a section cut short ends with how many more there are and an existing
command that lists them all (run here, to see that it does)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import NBSP, cli_env, run, section  # noqa: F401  (fixture)
from tests.unit.status_plans import crowded_plan

pytestmark = pytest.mark.usefixtures("cli_env")

MOVES = (("A42", "en cours"), ("A42", "terminée"), ("A43", "à faire"), ("A43", "abandonnée"),
         ("A1", "terminée"), ("A1", "en cours"))  # fmt: skip


@pytest.fixture
def crowded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The crowded plan, then six moves that leave it as it was (7 history entries)."""
    path = tmp_path / "plan.json"
    PlanStore(path).create(*crowded_plan())
    for code, status in MOVES:
        assert run(capsys, "move", path, code, status)[0] == 0
    return path


def status_of(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    return out


def codes(lines: list[str]) -> list[str]:
    return [line.split()[0] for line in lines]


def cut(lines: list[str], hidden: int, command: str, lang: str = "fr") -> list[str]:
    """The shown lines of a section cut short, after checking its last line."""
    more = (
        f"  … et {hidden} de plus{NBSP}: {command}"
        if lang == "fr"
        else f"  … and {hidden} more: {command}"
    )
    assert lines[-1] == more
    assert len(lines) == 6  # five items and the line that says how many more
    return lines[:-1]


def test_every_section_shows_its_five_worst_and_how_to_list_the_rest(
    crowded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = status_of(capsys, "status", crowded)
    p = str(crowded)
    late = cut(section(out, "En retard (12)"), 7, f"coop-tui actions {p} --overdue")
    assert codes(late) == ["A4", "A9", "A6", "A12", "A2"]  # the most days overdue first
    blocked = cut(section(out, "Bloquées (8)"), 3, f"coop-tui actions {p} --status bloquée")
    assert codes(blocked) == ["A17", "A15", "A19", "A20", "A14"]  # the nearest end first
    soon = cut(section(out, "À échéance proche, 30 jours (9)"), 4,
               f"coop-tui actions {p} --due-soon")  # fmt: skip
    assert codes(soon) == ["A24", "A22", "A17", "A26", "A23"]
    deadlines = cut(section(out, "Prochaines échéances"), 5,
                    f"coop-tui objectives {p} --coming")  # fmt: skip
    assert [line.split()[1] for line in deadlines] == ["O1.4", "O1.2", "O1.8", "O1.6", "O1.3"]
    indicators = cut(section(out, "Indicateurs de suivi (9)"), 4, f"coop-tui indicators {p}")
    assert codes(indicators) == ["O1.6", "O1.1", "O1.9", "O1.4", "O1.8"]  # furthest behind
    assert all(line.endswith("en retard sur la trajectoire") for line in indicators)
    gaps = cut(section(out, "Manques de compétences (7)"), 2, f"coop-tui gaps {p}")
    assert [line.split(" pour ")[1].split()[0] for line in gaps] == [
        "A28", "A30", "A32", "A33", "A34",
    ]  # no answer yet, first  # fmt: skip
    smart = cut(section(out, "Objectifs à compléter (SMART) (9)"), 4,
                f"coop-tui objectives {p} --incomplete")  # fmt: skip
    assert codes(smart) == ["O1.8", "O1.9", "O1.5", "O1.6", "O1.7"]  # most letters missing
    dates = cut(section(out, "Dates qui se contredisent (7)"), 2, f"coop-tui contradictions {p}")
    assert codes(dates) == ["A38", "A41", "A36", "A39", "A40"]  # furthest apart first
    decisions = cut(section(out, "Décisions à échéance (7)"), 2,
                    f"coop-tui report {p} --format md")  # fmt: skip
    assert [line.split(" — ")[0].strip() for line in decisions] == [
        f"Décision {n}" for n in (3, 1, 7, 5, 2)
    ]  # the soonest due first
    recent = cut(section(out, "Dernières modifications"), 2, f"coop-tui history {p}")
    assert "A1" in recent[0] and "Création" not in "".join(recent)  # the latest first
    # At most a title, five items and "… and N more" a section, whatever the plan's size.
    blocks = out.split("\n\n")
    assert len(blocks) == 12 and max(len(block.splitlines()) for block in blocks) == 7


def pointed_commands(out: str) -> dict[str, tuple[int, list[str]]]:
    """Each cut section's header -> (how many items it has, the command it names)."""
    found: dict[str, tuple[int, list[str]]] = {}
    header = ""
    shown = 0
    for line in out.splitlines():
        if line and not line.startswith(" "):
            header, shown = line, 0
            continue
        match = re.fullmatch(r"  … (?:et|and) (\d+) (?:de plus|more)\u00a0?: (coop-tui .*)", line)
        if match:
            found[header] = (shown + int(match[1]), shlex.split(match[2])[1:])
        elif line.startswith("  "):
            shown += 1
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_command_named_lists_them_all(
    crowded: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    out = status_of(capsys, "--lang", lang, "status", crowded)
    pointed = pointed_commands(out)
    assert len(pointed) == 10, pointed.keys()
    for header, (total, command) in pointed.items():
        listed = status_of(capsys, "--lang", lang, *command)
        if command[0] == "report":  # the open decisions are one section of the report
            assert sum(f"Décision {n}" in listed for n in range(1, 8)) == 7, header
        elif command[0] == "history":
            assert len(listed.splitlines()) == total, header
        else:
            assert len(listed.splitlines()) == total, (header, command)
            rows = json.loads(status_of(capsys, *command, "--json"))
            assert len(rows) == total, (header, command)


def test_nothing_is_cut_below_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.json"
    assert run(capsys, "init", path, "--demo")[0] == 0
    out = status_of(capsys, "status", path)
    assert [line for line in out.splitlines() if "… et" in line] == [
        f"  … et 4 de plus{NBSP}: coop-tui objectives {path} --coming",
        f"  … et 6 de plus{NBSP}: coop-tui indicators {path}",
    ]
    (late,) = section(out, "En retard (1)")
    assert late.startswith("  A3 Répondre au marché") and late.endswith("fin 27/02/2026")


def test_the_commands_name_the_plan_ready_to_paste(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "mon plan $(rm) «é».json"
    PlanStore(odd).create(*crowded_plan())
    out = status_of(capsys, "status", odd)
    command = f"coop-tui actions {shlex.quote(str(odd))} --overdue"
    assert f"  … et 7 de plus{NBSP}: {command}" in out.splitlines()
    assert shlex.split(command)[2] == str(odd)
    # No PLAN given: the plan the default found, by the name it was found under.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coop-plan.json").write_bytes(odd.read_bytes())
    out = status_of(capsys, "--lang", "en", "status")
    assert "  … and 7 more: coop-tui actions coop-plan.json --overdue" in out.splitlines()
    assert "  … and 3 more: coop-tui actions coop-plan.json --status blocked" in out.splitlines()


def test_a_hostile_plan_path_reaches_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "x\x1b]52;c;SGk=\x07\u202e.json"
    PlanStore(odd).create(*crowded_plan())
    out = status_of(capsys, "status", odd)
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in out
    assert "␛]52;c;SGk=␇\ufffd.json" in out


HUGE = "x" * 100_000


def hostile(text: str) -> str:
    """Markup, an OSC 52 clipboard write, a bidi override and a huge string around `text`."""
    return f"[bold]{text}[/] \x1b]52;c;SGVsbG8=\x07 \x9b31m \u202e{HUGE}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_plan_text_in_the_shown_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    plain, nasty = tmp_path / "plain.json", tmp_path / "nasty.json"
    PlanStore(plain).create(*crowded_plan())
    PlanStore(nasty).create(*crowded_plan(hostile))
    expected = status_of(capsys, "--lang", lang, "status", plain).replace(str(plain), str(nasty))
    out = status_of(capsys, "--lang", lang, "status", nasty)
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out, repr(raw)
    # Each text shown whole, on its one line, defanged (markup as it is, controls as
    # pictures): undo that and it is word for word the status of the plain plan.
    shown = re.compile(r"\[bold\](.*?)\[/\] ␛\]52;c;SGVsbG8=␇ \ufffd31m \ufffd" + HUGE)
    assert len(shown.findall(out)) > 40
    assert shown.sub(r"\1", out) == expected


def test_the_single_pass_agrees_with_the_domains_rules(crowded: Path, demo_path: Path) -> None:
    from coop_tui.cli.status_text import _ActionScan
    from coop_tui.domain import checks, totals
    from tests.unit.status_plans import TODAY

    for path in (crowded, demo_path):
        data = PlanStore(path).read()
        for day in (TODAY, TODAY.replace(year=2025), TODAY.replace(year=2027)):
            scan = _ActionScan(data, day)
            assert (scan.done, scan.counted) == checks.done_count(data.actions.values())
            assert scan.days == pytest.approx(totals.overall(data).working_days)
            for mine, theirs in (
                (scan.overdue, checks.overdue_actions(data, day)),
                (scan.blocked, checks.blocked_actions(data)),
                (scan.soon, checks.due_soon_actions(data, day)),
            ):
                assert sorted(a.id for a in mine) == sorted(a.id for a in theirs)
