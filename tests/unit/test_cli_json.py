"""The JSON the quick commands print (`print_json`, orjson): the same text as the standard
library's indenting encoder wrote, with every control a terminal could obey escaped."""

from __future__ import annotations

import json

import pytest

from coop_tui.cli.reading import print_json
from coop_tui.text import escape_controls, escaped_text

#: What `escape_controls` escaped when it was a `str.translate` table.
_TABLE = {
    code: f"\\u{code:04x}"
    for code in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
#: Every character but the surrogates (which no decoded plan holds: msgspec refuses them).
EVERY_CHAR = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)


def printed(value: object, capsys: pytest.CaptureFixture[str]) -> str:
    print_json(value)
    out, err = capsys.readouterr()
    assert err == "" and out.endswith("\n")
    return out[:-1]


def test_escape_controls_escapes_what_the_table_did() -> None:
    assert escape_controls(EVERY_CHAR) == EVERY_CHAR.translate(_TABLE)
    assert escaped_text(EVERY_CHAR.encode()) == EVERY_CHAR.translate(_TABLE)
    for char in EVERY_CHAR:  # each alone too: the byte search must find every one
        assert escaped_text(f"a{char}b".encode()) == f"a{char}b".translate(_TABLE), hex(ord(char))
    assert escape_controls("é\x9b[2J\u202eexe.txt\x7f") == "é\\u009b[2J\\u202eexe.txt\\u007f"
    assert escape_controls("") == ""


VALUES = [
    {"title": "Étude « marché »\u00a0: 25\u00a0%", "n": 3, "x": 2.5, "none": None, "ok": True},
    [[], {}, [[]], {"a": {}}, 0, -1, 2**53, 237262000.0, 0.1, 1e16],
    {"hostile": "[bold]x[/] \x1b]52;c;SGVsbG8=\x07 \x1b[2J \u202etxt.exe \x9b31m \x7f \x00 \t\n\r"},
    {"every": EVERY_CHAR},
    [{"depends_on": ["A1", "A2"], "skills": []}, {"é": {"ü": ["ß"]}}],
]


@pytest.mark.parametrize("value", VALUES)
def test_same_text_as_the_standard_library(
    value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = escape_controls(json.dumps(value, ensure_ascii=False, indent=2))
    assert printed(value, capsys) == expected


@pytest.mark.parametrize("value", VALUES)
def test_exact_when_read_back_and_nothing_raw(
    value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    out = printed(value, capsys)
    assert json.loads(out) == value
    assert not [c for c in out if ord(c) in _TABLE or (ord(c) < 0x20 and c != "\n")]


def test_accents_stay_as_they_are_and_controls_are_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = printed({"t": "Répondre à l'appel d'offres — 1\u00a0500\u00a0€\x1b\x9b\u2066"}, capsys)
    assert (
        out
        == '{\n  "t": "Répondre à l\'appel d\'offres — 1\u00a0500\u00a0€\\u001b\\u009b\\u2066"\n}'
    )


def test_a_huge_string_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    huge = "x\u202e" * 500_000
    out = printed([huge], capsys)
    assert out.count("\n") == 2 and "\u202e" not in out and json.loads(out) == [huge]
