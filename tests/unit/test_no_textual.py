"""The quick CLI and everything below it never load Textual or Rich (SPEC §8: fast).

Checked in a fresh interpreter, since this test process has Textual loaded
already: import the CLI, the commands, every domain and storage module, the
TOML interchange and the report, run `status` on the demo plan, and look at
`sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import contextlib, importlib, io, json, pkgutil, sys
import coop_tui.cli, coop_tui.domain, coop_tui.storage
names = ["coop_tui.interchange.toml_io", "coop_tui.describe"]
for package in (coop_tui.cli,):
    names += [package.__name__] + [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
for package in (coop_tui.domain, coop_tui.storage):
    names += [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
for name in names:
    importlib.import_module(name)
from coop_tui.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["--lang", sys.argv[2], "status", sys.argv[1]])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"code": code, "imported": names, "heavy": heavy, "out": out.getvalue()}))
"""


def _python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`script` run by a fresh interpreter (no COOP_TUI_* settings but the day), which
    must succeed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOP_TUI")}
    env["COOP_TUI_TODAY"] = "2026-03-02"
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _probe(plan: Path, lang: str) -> dict[str, object]:
    done = _python(PROBE, str(plan), lang)
    assert done.stderr == ""
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_cli_status_loads_neither_textual_nor_rich(demo_path: Path) -> None:
    for lang in ("fr", "en"):
        result = _probe(demo_path, lang)
        assert result["code"] == 0
        assert result["heavy"] == []
        imported = result["imported"]
        assert isinstance(imported, list)
        expected = {"coop_tui.storage.store", "coop_tui.storage.files", "coop_tui.domain.checks"}
        assert expected <= set(imported)
        out = result["out"]
        assert isinstance(out, str) and "A3" in out  # status really ran on the demo plan


QUICK = r"""
import contextlib, io, json, sys
from coop_tui.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[2:] + [sys.argv[1]])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich", "tinydb"})
print(json.dumps({"code": code, "heavy": heavy, "out": out.getvalue()}))
"""


def test_quick_read_commands_load_neither_textual_rich_nor_tinydb(demo_path: Path) -> None:
    """Reading needs no transaction: TinyDB, validation and cascade stay unloaded."""
    commands = (
        (["status"], "A3"),
        (["--lang", "en", "actions"], "A3"),
        (["actions", "--json"], "A3"),
        (["history"], "Création du plan"),
        (["objectives", "--incomplete"], "O2.2"),
        (["indicators", "--json"], "O3.1"),
        (["gaps"], "A10"),
        (["contradictions"], "A18"),
    )
    for command, expected in commands:
        result = json.loads(_python(QUICK, str(demo_path), *command).stdout)
        assert result["code"] == 0, command
        assert result["heavy"] == [], command
        assert expected in result["out"], command


LEAN = r"""
import contextlib, io, sys
from coop_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["status", sys.argv[1]])
print(code, *sorted(m for m in ("json", "difflib", "shlex") if m in sys.modules))
"""


def test_status_on_the_demo_loads_only_what_it_uses(demo_path: Path) -> None:
    """The quick status is mostly its imports: the standard library's json (the exact
    duplicate-key check), difflib (the partner nearest to a missing skill) and shlex
    (quoting a plan's name) load only when one is needed, none on the demo."""
    assert _python(LEAN, str(demo_path)).stdout.split() == ["0"]
