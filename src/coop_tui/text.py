"""User text made safe to show: it is data, never markup, never a terminal command."""

from __future__ import annotations


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters made visible instead of sent to the terminal.

    ESC and the other C0 controls become their Unicode "control pictures" (ESC
    shows as ␛), C1 controls become �, so `\\x1b[2J` shows as `␛[2J` and cannot
    clear anyone's screen. Newlines become spaces unless `multiline`.
    Everything else, brackets, accents, emoji and right-to-left text, is kept.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append("    " if multiline else " ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)
