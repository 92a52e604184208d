"""Where the plugin's files are, in the source tree and in the installed plugin folder.

In the source tree ``metadata.txt`` and ``resources/`` sit beside the ``ecozone_plugin``
package; ``make package`` and ``make deploy`` put them inside it. Everything that needs a
resource asks this module, so both layouts work.
"""

from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def resources_dir() -> Path:
    return _first_existing(PLUGIN_DIR / "resources", PLUGIN_DIR.parent / "resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def metadata_path() -> Path:
    return _first_existing(PLUGIN_DIR / "metadata.txt", PLUGIN_DIR.parent / "metadata.txt")


@lru_cache(maxsize=1)
def metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"])


def plugin_version() -> str:
    return metadata().get("version", "0")
