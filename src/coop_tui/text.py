"""User text made safe to show: it is data, never markup, never a terminal command."""

from __future__ import annotations

import functools
import re
import unicodedata

#: Bidi embedding, override and isolate controls: they reorder what follows them on
#: screen, so a title can hide or disguise text (U+202E shows "txt.exe" as "exe.txt").
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def is_forbidden(ch: str, multiline: bool = False) -> bool:
    """Whether a text field may not hold `ch`: C0/C1 controls, DEL, bidi controls.

    A multi-line field may hold line breaks and tabs.
    """
    code = ord(ch)
    if code < 0x20:
        return not (multiline and ch in "\n\t")
    return code == 0x7F or 0x80 <= code < 0xA0 or ch in BIDI_CONTROLS


def forbidden_char(text: str, *, multiline: bool = False) -> str | None:
    """The first character of `text` that no text field may hold, or None."""
    if text.isprintable() and not BIDI_CONTROLS.intersection(text):
        return None
    for ch in text:
        if is_forbidden(ch, multiline):
            return ch
    return None


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters made visible instead of sent to the terminal.

    ESC and the other C0 controls become their Unicode "control pictures" (ESC
    shows as ␛), DEL shows as ␡, C1 controls and bidi overrides become �, so
    `\\x1b[2J` shows as `␛[2J` and cannot clear anyone's screen. Newlines become
    spaces unless `multiline`. Everything else, brackets, accents, emoji and
    right-to-left letters, is kept.
    """
    if text.isprintable() and not BIDI_CONTROLS.intersection(text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append("\t" if multiline else " ")
        elif ch == "\r":
            out.append("" if multiline else " ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0 or ch in BIDI_CONTROLS:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def describe_char(ch: str) -> str:
    """A character named for a message: U+001B."""
    return f"U+{ord(ch):04X}"


@functools.lru_cache(maxsize=16384)
def search_key(text: str) -> str:
    """The form in which text is searched: no case, no accents, single spaces.

    "Étude  de Marché" and "etude de marche" have the same key. Decompose, fold
    case, decompose again (folding can reveal compatibility forms, 𝘈 → A → a),
    then drop the accents: the key of a key is itself.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def matches(query: str, haystack: str) -> bool:
    """Whether every word of `query` appears in `haystack` (case- and accent-insensitive).

    Every list's `/` filter uses this, so "realiser" finds "Réaliser" everywhere.
    """
    words = search_key(query).split()
    if not words:
        return True
    text = search_key(haystack)
    return all(word in text for word in words)


def bar(ratio: float | None, width: int = 10) -> str:
    """A text progress bar: ███████░░░ (empty for no value)."""
    if ratio is None:
        return "·" * width
    filled = round(max(0.0, min(1.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)


#: What JSON and TOML writers leave raw in a string but a terminal would obey (C1, DEL) or that
#: reorders text on screen (bidi controls): written as the \\uXXXX escapes both formats read.
_RAW_CONTROL = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_controls(text: str) -> str:
    """`text` (TOML or JSON, where every string is a basic string that reads \\uXXXX)
    with those characters escaped: `cat` of an export sends no control to the terminal.

    A regular expression, not `str.translate`: translate looks every character of a 25 MB
    `actions --json` up in a dict (2 s); the expression scans it in C (0.1 s) and calls
    Python only for the rare character it escapes."""
    return _RAW_CONTROL.sub(_escaped, text)


#: The same characters as UTF-8 bytes: DEL is 7F; C1 controls are C2 80–C2 9F; the bidi
#: controls E2 80 AA–E2 80 AE and E2 81 A6–E2 81 A9.
_RAW_CONTROL_UTF8 = (
    re.compile(rb"\xc2[\x80-\x9f]"),
    re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"),
)


def escaped_text(data: bytes) -> str:
    """UTF-8 `data` (JSON or TOML) as text, with `escape_controls` applied.

    Those characters are looked for in the bytes first, where each starts with a fixed
    byte that a regular expression skips to at memory speed: a plan without any (nearly
    every plan) costs two 10 ms searches over 25 MB instead of an 80 ms scan of every
    character."""
    text = data.decode()
    if b"\x7f" in data or any(p.search(data) for p in _RAW_CONTROL_UTF8):
        return escape_controls(text)
    return text
