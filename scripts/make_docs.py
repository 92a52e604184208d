"""Write the guide's generated pages and, with --build, build it to HTML with MkDocs (make docs).

    python scripts/make_docs.py [--screenshots DIR] [--build]

The message reference (docs/zh/messages.md, docs/en/messages.md) is written from the message
catalogue, so it never drifts from what the plugin says; tests/unit/test_docs.py fails when the
committed pages differ from what this writes. --screenshots copies the pictures the desktop test
made in the Chinese QGIS (tests/desktop) into docs/images.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecozone_plugin.core.messages import CATALOGUE, FINDING_CATEGORIES  # noqa: E402

GROUPS = {  # the letter after "EZ-": where the message comes from
    "S": {"zh": "要素分区标准化（standardizezones）", "en": "Standardizing element zones (standardizezones)"},
    "D": {"zh": "划定管控单元（deriveunits）", "en": "Deriving the units (deriveunits)"},
    "P": {"zh": "配置方案（省级配置）", "en": "Profiles (a province's settings)"},
    "T": {"zh": "规划成果库（GeoPackage 与团队库）", "en": "The plan store (GeoPackage and the team store)"},
    "X": {"zh": "准入清单导入与导出（Excel）", "en": "Admission lists in and out (Excel)"},
    "Y": {"zh": "准入研判（screensite）", "en": "Site screening (screensite)"},
    "F": {"zh": "成果备案与更新备案", "en": "Filing and the update filing"},
    **{
        letter: {"zh": f"成果检查：{names['zh']}", "en": f"The check: {names['en']}"}
        for letter, names in FINDING_CATEGORIES.items()
    },
}
TITLE = {"zh": "提示信息一览", "en": "Every message"}
INTRO = {
    "zh": "EcoZone 的每条提示都有固定编码（EZ-字母+三位数字）。本页由插件的提示目录自动生成，"
    "与插件显示的文字一致；花括号中的内容在实际提示中替换为图层、要素、单元等具体名称。"
    "编码后注明的“错误”“警告”是成果检查的默认级别，配置方案可以调整。",
    "en": "Every EcoZone message has a fixed code (EZ-, a letter, three digits). This page is generated "
    "from the plugin's message catalogue, so it says what the plugin says; the names in braces are "
    "replaced by the layer, feature, unit and so on. The severity after a code is the check's "
    "default, which a profile may change.",
}
SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def code_key(code: str) -> tuple[int, str]:
    letter = code[3]
    return (list(GROUPS).index(letter) if letter in GROUPS else len(GROUPS), code)


def messages_page(lang: str) -> str:
    lines = [f"# {TITLE[lang]}", "", INTRO[lang], ""]
    current = None
    for code in sorted(CATALOGUE, key=code_key):
        letter = code[3]
        if letter != current:
            current = letter
            lines += [f"## {GROUPS.get(letter, {'zh': letter, 'en': letter})[lang]}", ""]
        entry = CATALOGUE[code]
        severity = SEVERITY[lang].get(entry.get("severity", ""), "")
        text = re.sub(r"\s+", " ", entry[lang]).strip()
        text = re.sub(r"\{(\w+)(?:![rs])?(?::[^}]*)?\}", r"{\1}", text)  # {value!r}, {x:.0f}: the name only
        lines += [f"### {code}" + (f" · {severity}" if severity else ""), "", text, ""]
    return "\n".join(lines)


def write_generated(docs: Path = ROOT / "docs") -> list[Path]:
    written = []
    for lang in ("zh", "en"):
        path = docs / lang / "messages.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(messages_page(lang), encoding="utf-8")
        written.append(path)
    return written


def referenced_images(docs: Path = ROOT / "docs") -> set[str]:
    """The pictures the guide's pages show (../images/NAME.png)."""
    return {
        m for page in docs.rglob("*.md") for m in re.findall(r"\(\.\./images/([\w.-]+\.png)\)", page.read_text("utf-8"))
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots", type=Path, help="the desktop test's picture folder")
    parser.add_argument("--build", action="store_true", help="build the guide to build/docs with MkDocs")
    args = parser.parse_args(argv)
    for path in write_generated():
        print(f"wrote {path.relative_to(ROOT)}")
    if args.screenshots:
        images = ROOT / "docs" / "images"
        images.mkdir(exist_ok=True)
        missing = []
        for name in sorted(referenced_images()):
            picture = args.screenshots / name
            if picture.is_file():
                shutil.copy2(picture, images / name)
                print(f"copied {name}")
            else:
                missing.append(name)
        if missing:
            print(f"the desktop test made no {', '.join(missing)}", file=sys.stderr)
            return 1
    if args.build:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
        return subprocess.run(command, cwd=ROOT).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
