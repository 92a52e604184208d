"""Fail when a .ts file has a string without its translation (pylupdate5 marks it unfinished)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def untranslated(path: str) -> list[str]:
    missing = []
    for message in ET.parse(path).iter("message"):
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "obsolete")
            or not (translation.text or "").strip()
        ):
            if translation is not None and translation.get("type") == "obsolete":
                continue
            missing.append(message.findtext("source"))
    return missing


def main(paths: list[str]) -> int:
    failed = False
    for path in paths:
        missing = untranslated(path)
        for source in missing:
            print(f"{path}: untranslated: {source!r}")
        failed |= bool(missing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
