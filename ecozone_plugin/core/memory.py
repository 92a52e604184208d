"""Giving freed memory back to the system during a long derivation.

GEOS and numpy free many small and mid-sized blocks while a county is built; the C allocator
keeps them for reuse rather than returning them, so a city's derivation would hold the
fragmented remains of every county built before. ``release`` asks glibc to return the free
pages (malloc_trim) at points where much was just freed. Where the C library is not glibc
(Windows, macOS) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_trim = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        _trim.argtypes = [ctypes.c_size_t]
        _trim.restype = ctypes.c_int
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        _trim = None


def release() -> None:
    """Return the allocator's free pages to the system (no-op without glibc)."""
    if _trim is not None:
        _trim(0)
