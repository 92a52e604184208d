"""The one page frame of EcoZone's HTML reports: title, Chinese fonts, table style."""

from __future__ import annotations

import html

STYLE = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','SimSun',sans-serif;margin:2em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}"
    "th{background:#d9e1f2}td.n{text-align:right}"
)


def page(title: str, body: str, lang: str = "zh", style: str = "") -> str:
    """A whole HTML document around ``body`` (already HTML), titled with ``title`` (plain text)."""
    code = "zh-CN" if lang.startswith("zh") else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{code}"><head><meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}{style}</style></head><body>\n"
        f"<h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n"
    )
