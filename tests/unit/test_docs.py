"""The user guide: its message pages are what the catalogue says today, every picture a page shows
is there, and the English guide has a page for each Chinese one."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import make_docs  # noqa: E402

from ecozone_plugin.core.messages import CATALOGUE  # noqa: E402


def test_the_message_pages_are_generated_from_the_catalogue_as_it_is(tmp_path):
    make_docs.write_generated(tmp_path)
    for lang in ("zh", "en"):
        committed = (ROOT / "docs" / lang / "messages.md").read_text(encoding="utf-8")
        assert committed == (tmp_path / lang / "messages.md").read_text(encoding="utf-8"), (
            f"docs/{lang}/messages.md is out of date: run python scripts/make_docs.py"
        )
    zh = make_docs.messages_page("zh")
    assert all(f"### {code}" in zh for code in CATALOGUE)
    assert "### EZ-T031\n\n规划信息“{label_zh}”在您读取后已由 {author} 于 {ts} 修改" in zh
    assert "### EZ-G001 · 错误" in zh or "### EZ-G001 · 警告" in zh  # a finding shows its severity
    assert "{easting}" in zh and "{easting:" not in zh  # formats shown as the name only


def test_every_picture_is_there_and_each_chinese_page_has_its_english_page():
    pictures = make_docs.referenced_images()
    assert {"dock.png", "filing_check.png", "dialog_deriveunits.png"} <= pictures
    assert all((ROOT / "docs" / "images" / name).is_file() for name in pictures)
    zh = {p.name for p in (ROOT / "docs" / "zh").glob("*.md")}
    assert zh == {p.name for p in (ROOT / "docs" / "en").glob("*.md")} and "first-hour.md" in zh
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"zh/{name}" in nav and f"en/{name}" in nav for name in zh)
