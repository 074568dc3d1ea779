"""Memory given back: a plan's bytes go back to the system once decoded.

Reading a plan holds its whole file (30 MB at 50,000 actions) for the moment of decoding.
glibc serves such a block from the process's heap once a first big block has been freed
(its threshold for asking the system directly grows with what it has seen), and a heap
with small objects decoded after it cannot shrink: the app kept ~55 MB it no longer used
(RSS after reading that plan: 152 MB with glibc's default, 96 MB with a fixed threshold,
measured on this machine). A fixed threshold makes every block of a megabyte or more a
mapping of its own, unmapped when freed. Elsewhere than glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter: the size from which a block is a mapping of its own."""
THRESHOLD = 1 << 20


def give_back_big_blocks() -> bool:
    """Ask glibc to map every block of THRESHOLD bytes or more on its own (once per
    process; harmless to repeat). False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The process's own symbols, the C library's among them: no `ctypes.util`, whose
        # find_library runs `ldconfig` (~10 ms on every command).
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
