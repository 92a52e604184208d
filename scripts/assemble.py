"""Assemble the installable plugin folder ``ecozone_plugin`` (code, metadata, resources, .qm).

    python scripts/assemble.py DEST_PARENT [--link] [--zip ZIP]

--link makes a development install of symbolic links (make deploy); --zip writes the folder
into a zip that QGIS's "Install from ZIP" accepts (make package).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"__pycache__", ".pytest_cache"}


def entries() -> list[tuple[Path, str]]:
    """(source, name inside the plugin folder) of everything the plugin ships."""
    items = [(p, p.name) for p in sorted((ROOT / "ecozone_plugin").iterdir()) if p.name not in SKIP]
    items += [(ROOT / "metadata.txt", "metadata.txt"), (ROOT / "resources", "resources"), (ROOT / "LICENSE", "LICENSE")]
    return items


def assemble(parent: Path, link: bool) -> Path:
    target = parent / "ecozone_plugin"
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for source, name in entries():
        dest = target / name
        if link:
            dest.symlink_to(source)
        elif source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*SKIP, "*.pyc"))
        else:
            shutil.copy2(source, dest)
    return target


def write_zip(folder: Path, zip_path: Path) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder.parent).as_posix())
    tmp.replace(zip_path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("parent", type=Path)
    parser.add_argument("--link", action="store_true")
    parser.add_argument("--zip", type=Path)
    args = parser.parse_args(argv)
    if not list((ROOT / "ecozone_plugin" / "i18n").glob("*.qm")):
        print("No compiled translations: run 'make translations' first.", file=sys.stderr)
        return 1
    folder = assemble(args.parent, args.link)
    if args.zip:
        write_zip(folder, args.zip)
        print(args.zip)
    else:
        print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
