"""Check the Python packages EcoZone needs before anything imports them."""

from __future__ import annotations

import importlib

REQUIREMENTS = (("shapely", "2.0"), ("openpyxl", "3.0"))


def _version_tuple(text: str) -> tuple:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def missing_requirements() -> list[str]:
    """'name>=version' for each required package that is absent or too old."""
    missing = []
    for name, minimum in REQUIREMENTS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(f"{name}>={minimum}")
            continue
        if _version_tuple(getattr(module, "__version__", "0")) < _version_tuple(minimum):
            missing.append(f"{name}>={minimum}")
    return missing


def install_command(missing: list[str]) -> str:
    packages = " ".join(f'"{m}"' for m in missing)
    return f"python3 -m pip install --user {packages}"
