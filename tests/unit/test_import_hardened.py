"""`coop-tui import` with files no one here wrote, and `export -o` without following links.

Each hostile file must be refused with one clear line saying where the problem
is, exit code 1, and nothing written: no plan, no lock file, an existing plan
untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.interchange.toml_io import MAX_IMPORT_BYTES, TomlImportError, parse_toml, to_toml
from coop_tui.storage.store import PlanStore

VALID = """\
format = "coop-tui-plan"
schema = 2

[plan]
title = "Test"

[[organisations]]
id = "o1"
name = "One"

[[organisations]]
id = "o2"
name = "Two"

[[people]]
id = "p1"
name = "Ann"
organisation = "o1"

[[stakes]]
id = "s1"
organisation = "o1"
category = "revenue"
statement = "first"

[[stakes]]
id = "s2"
organisation = "o2"
category = "revenue"
statement = "second"

[[shared_stakes]]
id = "e1"
code = "E1"
title = "Shared"
stakes = ["s1", "s2"]

[[objectives]]
id = "ob1"
code = "O1"
shared_stake = "e1"
statement = "Objective"

[[actions]]
id = "a1"
code = "A1"
objective = "ob1"
title = "Action"
lead = "p1"
"""


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes,
            *extra: str, lang: str = "en") -> tuple[int, str, Path]:  # fmt: skip
    """Run `coop-tui import`; return the exit code, stderr and the target path."""
    source = tmp_path / "in.toml"
    source.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    target = tmp_path / "out" / "plan.json"
    target.parent.mkdir(exist_ok=True)
    code = main(["--lang", lang, "import", str(source), "-o", str(target), *extra])
    return code, capsys.readouterr().err, target


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes,
             lang: str = "en") -> str:  # fmt: skip
    code, err, target = _import(tmp_path, capsys, content, lang=lang)
    assert code == 1, err
    assert err.startswith(("coop-tui: ", "coop-tui\u00a0: ")) and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert list(target.parent.iterdir()) == [], "nothing written, not even a lock file"
    return err


def test_a_valid_file_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, target = _import(tmp_path, capsys, VALID)
    assert code == 0, err
    data = PlanStore(target).read()
    (action,) = data.actions.values()
    assert data.people[action.lead].name == "Ann" and data.plan.title == "Test"
    assert action.id.isdecimal() and action.code == "A1"


def test_a_schema_1_export_is_brought_up_to_date(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    old = (VALID.replace("schema = 2", "schema = 1")
           .replace('[plan]\ntitle = "Test"', '[plan]\ntitle = "Test"\nmode = "phased"\n\n'
                    '[[plan.phases]]\nid = "ph1"\nname = "Amorçage"\n')
           + 'remedy = "training"\nskills = ["CRM"]\n\n[actions.resources]\nbudget = 3600.0\n')  # fmt: skip
    code, err, target = _import(tmp_path, capsys, old)
    assert code == 0, err
    data = PlanStore(target).read()
    (action,) = data.actions.values()
    assert [(r.skill, r.kind) for r in action.remedies] == [("CRM", "training")]
    assert [line.amount for line in data.budget_lines.values()] == [3600.0]
    assert [p.name for p in data.phases.values()] == ["Amorçage"]


def test_round_trip_of_the_demo(demo_path: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    text = to_toml(PlanStore(demo_path).read())
    code, err, target = _import(tmp_path, capsys, text)
    assert code == 0, err
    assert to_toml(PlanStore(target).read()) == text


def test_50_mb_is_refused_before_parsing(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    source = tmp_path / "big.toml"
    with open(source, "wb") as handle:
        handle.write(VALID.encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB actually written
    target = tmp_path / "out" / "plan.json"
    target.parent.mkdir()
    assert main(["--lang", "en", "import", str(source), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "file larger than 5 MB" in err
    assert not any(target.parent.iterdir())
    with pytest.raises(TomlImportError, match="larger than 5 MB"):
        parse_toml(b"#" * (MAX_IMPORT_BYTES + 1))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("x = " + "[" * 100_000 + "]" * 100_000, "line 1: nested more than 32 levels deep"),
        ("x = " + "{a = " * 5_000 + "1" + "}" * 5_000, "line 1: nested more than 32 levels deep"),
        (
            VALID + "\nx." + ".".join(["a"] * 50_000) + " = 1\n",
            f"line {VALID.count(chr(10)) + 2}: key of more than 16 parts",
        ),
        ("[" + ".".join(["a"] * 50_000) + "]\n", "line 1: key of more than 16 parts"),
    ],
    ids=["arrays", "inline-tables", "dotted-key", "table-header"],
)
def test_deep_nesting(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      content: str, expected: str) -> None:  # fmt: skip
    assert expected in _refused(tmp_path, capsys, content)


def test_a_5000_digit_integer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = VALID + "\n[actions.resources]\nworking_days = " + "9" * 5_000 + "\n"
    err = _refused(tmp_path, capsys, content)
    line = VALID.count("\n") + 3
    assert f"line {line}: number of 5000 digits (at most 100)" in err
    # Inside a string, digits are only text.
    ok = VALID.replace('title = "Action"', f'title = "Action"\ndescription = "{"9" * 5_000}"')
    code, err, _ = _import(tmp_path, capsys, ok)
    assert code == 0, err


def test_wrong_types_say_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = (
        VALID.replace('title = "Test"', "title = 5")
        .replace('title = "Action"', 'title = "Action"\nstart = "yesterday"\nskills = "one"\n'
                 'status = "finished"\nrealistic = 1')
        .replace('statement = "Objective"', 'statement = "Objective"\nrealistic = "yes"\n'
                 "deadline = 2026-03-15T10:00:00")
    )  # fmt: skip
    err = _refused(tmp_path, capsys, content)
    for expected in (
        "plan.title: expected text, found an integer",
        "objectives[0].realistic: expected true or false, found text",
        "objectives[0].deadline: expected a date like 2026-03-15, found a date and time",
        "actions[0].start: expected a date like 2026-03-15, found text",
        "actions[0].skills: expected a list, found text",
        "actions[0].status: expected one of: todo, in_progress, blocked, done, dropped",
        "actions[0].realistic: unknown key",
    ):
        assert expected in err, expected


def test_numbers_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = VALID + "\n[actions.resources]\nworking_days = nan\n"
    err = _refused(tmp_path, capsys, content)
    assert "actions[0].resources.working_days: Number out of range" in err
    huge = VALID + '\n[[budget_lines]]\nid = "b1"\naction = "a1"\namount = 1e300\n'
    err = _refused(tmp_path, capsys, huge)
    assert "budget_lines[0].amount: Number out of range" in err


def test_unknown_keys_with_their_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = (
        VALID.replace('title = "Action"', 'title = "Action"\ncolour = "red"')
        + "\nextra = 1\n"
        + '\n[actions.resources]\ngold = 1\n"\\u001b[2J evil key" = 2\n'
    )
    # `extra` after a table header belongs to that table: [[actions]]… is still open.
    err = _refused(tmp_path, capsys, content)
    assert "actions[0].colour: unknown key" in err
    assert "actions[0].extra: unknown key" in err
    assert "actions[0].resources.gold: unknown key" in err
    assert 'actions[0].resources."␛[2J evil key": unknown key' in err
    assert "\x1b" not in err
    top = _refused(tmp_path, capsys, "surprise = 1\n" + VALID)
    assert "surprise: unknown key" in top


def test_dangling_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = VALID.replace('lead = "p1"', 'lead = "p-ghost"\npartners = ["x-none"]\n'
                            'depends_on = ["a-none"]').replace('stakes = ["s1", "s2"]',
                            'stakes = ["s1", "s-none"]')  # fmt: skip
    err = _refused(tmp_path, capsys, content)
    assert "actions[0].lead: Cannot find: p-ghost." in err
    assert "actions[0].partners: Cannot find: x-none." in err
    assert "actions[0].depends_on: Cannot find: a-none." in err
    assert "shared_stakes[0].stakes: Cannot find: s-none." in err


def test_duplicate_ids_and_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twice = VALID + '\n[[actions]]\nid = "a1"\nobjective = "ob1"\ntitle = "Same id"\n'
    err = _refused(tmp_path, capsys, twice)
    assert "actions[1].id: the id 'a1' is already that of actions[0]" in err
    codes = VALID + '\n[[actions]]\nid = "a2"\ncode = "A1"\nobjective = "ob1"\ntitle = "Again"\n'
    err = _refused(tmp_path, capsys, codes)
    assert "actions[0].code: The code A1 is already used." in err
    assert "actions[1].code: The code A1 is already used." in err
    # One label in two tables is two records: each is given its own number.
    other_table = VALID + '\n[[partners]]\nid = "a1"\nname = "Same label as the action"\n'
    code, err, target = _import(tmp_path, capsys, other_table)
    assert code == 0, err
    data = PlanStore(target).read()
    assert len({*data.actions, *data.partners}) == 2


def test_objective_chains_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parents = ["ob1", *(f"c{i}" for i in range(19))]
    chain = "".join(
        f'\n[[objectives]]\nid = "c{i}"\ncode = "C{i}"\nparent = "{parent}"\nstatement = "deep"\n'
        for i, parent in enumerate(parents)
    )
    err = _refused(tmp_path, capsys, VALID + chain)
    assert "parent: objectives nested more than 8 levels deep" in err


def test_messages_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(tmp_path, capsys, VALID.replace('lead = "p1"', 'lead = "p-ghost"'), lang="fr")
    assert "import impossible" in err
    assert "actions[0].lead\u00a0: Référence introuvable\u00a0: p-ghost." in err
    err = _refused(tmp_path, capsys, "x = [[[[" + "[" * 40, lang="fr")
    assert "ligne 1\u00a0: imbrication sur plus de 32 niveaux" in err


def test_not_utf8_and_not_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "line 3: not UTF-8 text" in _refused(tmp_path, capsys, b"a = 1\nb = 2\n\xff\xfe")
    assert "line 2: not valid TOML (Invalid value)" in _refused(tmp_path, capsys, "a = 1\nb = \n")


def test_a_fifo_is_refused_without_waiting(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    target = tmp_path / "plan.json"
    assert main(["--lang", "en", "import", str(fifo), "-o", str(target)]) == 1
    assert "a symbolic link or special file; refused for safety" in capsys.readouterr().err
    assert not target.exists()


def test_never_overwrites_a_plan_unless_forced(tmp_path: Path, demo_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    before = demo_path.read_bytes()
    source = tmp_path / "in.toml"
    source.write_text(VALID, encoding="utf-8")
    assert main(["--lang", "en", "import", str(source), "-o", str(demo_path)]) == 1
    assert "a file is already there; it was left as it is" in capsys.readouterr().err
    assert demo_path.read_bytes() == before
    assert main(["--lang", "en", "import", str(source), "-o", str(demo_path), "--force"]) == 0
    assert PlanStore(demo_path).read().plan.title == "Test"


def test_force_never_follows_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "plan.json"
    link.symlink_to(victim)
    source = tmp_path / "in.toml"
    source.write_text(VALID, encoding="utf-8")
    assert main(["--lang", "en", "import", str(source), "-o", str(link), "--force"]) == 1
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()


# --- export -o -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "csv", "ics", "toml"])
def test_export_never_follows_a_symlink(demo_path: Path, tmp_path: Path, fmt: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / f"out.{fmt}"
    link.symlink_to(victim)
    assert main(["--lang", "en", "export", str(demo_path), "--format", fmt, "-o", str(link)]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()


def test_export_writes_and_replaces_a_file(demo_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    target = tmp_path / "plan.csv"
    target.write_text("old", encoding="utf-8")
    assert main(["export", str(demo_path), "--format", "csv", "-o", str(target)]) == 0
    # the demo plan is in French: the French CSV
    assert target.read_text(encoding="utf-8").startswith("\ufeffIdentifiant;Code;Action;")


@pytest.mark.parametrize("suffix", ["", ".lock"])
def test_export_never_replaces_the_plan_or_its_lock(demo_path: Path, suffix: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    target = Path(str(demo_path) + suffix)
    before = target.read_bytes() if target.exists() else None
    code = main(["--lang", "en", "export", str(demo_path), "--format", "toml", "-o", str(target)])
    assert code == 1
    assert "that is the plan file" in capsys.readouterr().err
    assert (target.read_bytes() if target.exists() else None) == before
