"""Shared test set-up: the repository on sys.path, and where tests may write."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "scripts", ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
