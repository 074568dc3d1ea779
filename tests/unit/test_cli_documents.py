"""`coop-tui export --format odt|docx|pdf` and `coop-tui report`: documents from the CLI.

A binary document is written with -o (in one step, never over the plan), or to
standard output when that is a file or a pipe; to a terminal it is refused with
one line asking for -o. The Markdown report goes to standard output.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from coop_tui.cli import main
from tests.unit.cli_helpers import (
    cli_env,  # noqa: F401  (fixture)
    make_demo,
    one_line_error,
    run,
)

pytestmark = pytest.mark.usefixtures("cli_env")

MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "odt": b"PK\x03\x04"}


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return make_demo(tmp_path, capsys)


class _Stdout(io.TextIOWrapper):
    """Standard output that says it is (or is not) a terminal, and keeps its bytes."""

    def __init__(self, terminal: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal

    def payload(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


def _run_to(monkeypatch: pytest.MonkeyPatch, terminal: bool, *args: object) -> tuple[int, bytes]:
    out = _Stdout(terminal)
    monkeypatch.setattr(sys, "stdout", out)
    code = main([str(a) for a in args])
    return code, out.payload()


@pytest.mark.parametrize("fmt", ["odt", "docx", "pdf"])
def test_export_each_document_format_to_a_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    target = tmp_path / f"fiche.{fmt}"
    code, out, err = run(capsys, "export", demo, "--format", fmt, "-o", target)
    assert (code, out) == (0, "") and str(target) in err
    assert target.read_bytes().startswith(MAGIC[fmt])


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_binary_document_is_refused_to_a_terminal(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    before = sorted(tmp_path.iterdir())
    code, payload = _run_to(monkeypatch, True, command, demo, "--format", "pdf")
    assert (code, payload) == (2, b"")
    message = one_line_error(capsys.readouterr().err)
    assert f"coop-tui {command}" in message and "-o FICHIER" in message and "PDF" in message
    assert sorted(tmp_path.iterdir()) == before


def test_a_binary_document_goes_to_a_pipe(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, payload = _run_to(monkeypatch, False, "export", demo, "--format", "pdf")
    assert code == 0 and payload.startswith(b"%PDF-") and payload.rstrip().endswith(b"%%EOF")
    code, payload = _run_to(monkeypatch, False, "report", demo, "--format", "docx")
    assert code == 0 and payload.startswith(MAGIC["docx"])


def test_report_in_markdown_to_standard_output(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "report", demo, "--format", "md",
                         "--from", "2025-08-01", "--to", "02/03/2026")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("# Coop'Vernière")
    assert "Bilan d'étape du 01/08/2025 au 02/03/2026" in out
    done = out[
        out.index("### Actions terminées sur la période") : out.index("### Actions en retard")
    ]
    assert "**A2**" in done and "**A1**" not in done
    assert "| **A3** " in out[out.index("### Actions en retard") :]
    code, out, _ = run(capsys, "--lang", "en", "report", demo, "--format", "md")
    assert code == 0 and "Progress report from 2025-03-03 to 2026-03-02" in out


@pytest.mark.parametrize("fmt", ["md", "odt", "docx", "pdf"])
def test_report_to_a_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    target = tmp_path / f"bilan.{fmt}"
    code, out, err = run(capsys, "report", demo, "--format", fmt, "-o", target)
    assert (code, out) == (0, "") and str(target) in err
    head = target.read_bytes()[:5]
    assert head.startswith(MAGIC.get(fmt, b"# "))


def test_never_over_the_plan_nor_through_a_symlink(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ODT: a binary document delivered as PDF is (one write for all formats, see
    # cli/exchange.py), made in a fraction of the time a PDF takes to typeset.
    before = demo.read_bytes()
    for command in ("export", "report"):
        code, _, err = run(capsys, command, demo, "--format", "odt", "-o", demo)
        assert code == 1 and str(demo) in one_line_error(err)
    assert demo.read_bytes() == before
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    link = tmp_path / "bilan.odt"
    link.symlink_to(victim)
    code, _, err = run(capsys, "report", demo, "--format", "odt", "-o", link)
    assert code == 1 and one_line_error(err)
    assert victim.read_text("utf-8") == "keep me"


def test_report_period_mistakes_are_usage_errors(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "report", demo, "--format", "md", "--from", "2026-05-01")
    assert (code, out) == (2, "")
    assert "la période se termine le 02/03/2026, avant de commencer le 01/05/2026" in (
        one_line_error(err)
    )
    code, out, err = run(capsys, "report", demo, "--format", "md", "--to", "bientôt")
    assert (code, out) == (2, "") and "bientôt" in one_line_error(err)
    code, out, err = run(capsys, "report", demo, "--format", "csv")
    assert (code, out) == (2, "") and one_line_error(err)
