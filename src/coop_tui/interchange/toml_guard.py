"""Checks on a TOML file's raw text, made before `tomllib` ever sees it.

`tomllib` is correct but not built for hostile input: nesting thousands of
arrays deep exhausts the recursion limit, a dotted key of fifty thousand parts
takes it most of a minute (its cost grows with the square of the parts), and a
decimal integer past 4,300 digits makes it raise a bare `ValueError` that says
nothing of where. One pass over the text, skipping strings and comments,
refuses all three with the line where they happen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 32
"""Arrays and inline tables nested deeper than this are refused (ours go 2 deep)."""
MAX_KEY_PARTS = 16
"""Dotted keys and table headers of more parts than this are refused (ours have 2)."""
MAX_DIGITS = 100
"""A run of more digits than this is no number a plan needs (amounts stop at 10^15)."""

_TOKENS = re.compile(
    # Every string alternative also ends at the end of its line (or of the file) when
    # it is not closed, and quantifiers are possessive: no input makes the scan retry
    # a stretch of text, so it stays linear however the file is built.
    r'''
      """(?:[^"\\]|\\.|"(?!""))*+(?:"{3,5}|\\?\Z)    # multi-line basic string
    | \'\'\'(?:[^']|'(?!''))*+(?:'{3,5}|\Z)            # multi-line literal string
    | "(?:[^"\\\n]|\\[^\n])*+(?:"|\\?(?=\n|\Z))     # basic string
    | '[^'\n]*+(?:'|(?=\n|\Z))                         # literal string
    | \#[^\n]*+                                        # comment
    | (?<![0-9_])[0-9_]{TOO_MANY,}+                    # digits too many for any number we accept
    | [\[{]                                            # opens a level
    | [\]}]                                            # closes one
    | \.++                                             # separates key parts (or sits in a float)
    | [=,\n]++                                         # ends a key
    '''.replace("TOO_MANY", str(MAX_DIGITS + 1)),
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class TextProblem:
    """What is wrong, an i18n key with its values, and the line (1-based) where."""

    line: int
    key: str
    values: dict[str, Any] = field(default_factory=dict)


def scan(text: str) -> TextProblem | None:
    """The first structural danger in `text`, or None when tomllib may parse it safely.

    Strings and comments are skipped whole, so brackets, dots and digits inside
    them never count. A key part is whatever lies between dots, so a float such
    as 1.5 counts one dot and can never reach the limit.
    """
    depth = 0
    dots = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        first = token[0]
        if first in "\"'#":
            continue
        if first in "[{":
            depth += 1
            dots = 0
            if depth > MAX_DEPTH:
                return TextProblem(
                    _line(text, match.start()), "exports.import.too_deep", {"max": MAX_DEPTH}
                )
        elif first in "]}":
            depth = max(0, depth - 1)
            dots = 0
        elif first == ".":
            dots += len(token)
            if dots >= MAX_KEY_PARTS:
                return TextProblem(
                    _line(text, match.start()), "exports.import.long_key", {"max": MAX_KEY_PARTS}
                )
        elif first in "=,\n":
            dots = 0
        else:  # a long run of digits
            digits = sum(ch.isdigit() for ch in token)
            if digits > MAX_DIGITS:
                return TextProblem(
                    _line(text, match.start()),
                    "exports.import.long_number",
                    {"digits": digits, "max": MAX_DIGITS},
                )
    return None


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


__all__ = ["MAX_DEPTH", "MAX_DIGITS", "MAX_KEY_PARTS", "TextProblem", "scan"]
