"""GB/T 4754-2017, the classification of economic activities: codes at every level, names, the
broader codes of a code, and the codes a clause's wording proposes.

Codes are written as sources write them: a 门类 letter (C), a letter and a 大类 (C26), or the
digits of a 大类, 中类 or 小类 (26, 261, 2614). A code the classification does not hold is unknown,
never guessed.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

_SPLIT = re.compile(r"[;；,，、\s]+")
_LETTER_AND_DIGITS = re.compile(r"^([A-Ta-t])(\d{2,4})$")


@dataclass(frozen=True)
class Industry:
    code: str
    name: str
    level: str  # 门类, 大类, 中类, 小类
    parent: str


class Classification:
    def __init__(self, rows: list[Industry]):
        self.by_code = {r.code: r for r in rows}

    @classmethod
    @functools.lru_cache(maxsize=4)
    def load(cls, path: str | None = None) -> Classification:
        source = Path(path) if path else _resources() / "gbt4754-2017.csv"
        with open(source, encoding="utf-8", newline="") as handle:
            rows = [
                Industry(r["code"].strip(), r["name"].strip(), r["level"].strip(), r["parent"].strip())
                for r in csv.DictReader(handle)
            ]
        return cls(rows)

    def normalise(self, code) -> str:
        """The classification's own form of a code (c26 -> 26, c -> C), or "" when it has none."""
        text = str(code or "").strip().upper()
        match = _LETTER_AND_DIGITS.match(text)
        if match:
            digits = match.group(2)
            entry = self.by_code.get(digits)
            return digits if entry is not None and self.section(digits) == match.group(1).upper() else ""
        return text if text in self.by_code else ""

    def get(self, code) -> Industry | None:
        return self.by_code.get(self.normalise(code))

    def name(self, code) -> str:
        entry = self.get(code)
        return entry.name if entry else ""

    def lineage(self, code) -> list[str]:
        """The code and every broader code up to its 门类: 2614 -> [2614, 261, 26, C]."""
        chain, current = [], self.normalise(code)
        while current:
            chain.append(current)
            current = self.by_code[current].parent if current in self.by_code else ""
        return chain

    def section(self, code) -> str:
        chain = self.lineage(code) if code in self.by_code else []
        return chain[-1] if chain else ""

    def covers(self, broader, code) -> bool:
        """Whether ``broader`` is ``code`` or one of its broader codes (C covers 2614, 26 covers 261)."""
        broad = self.normalise(broader)
        return bool(broad) and broad in self.lineage(code)

    def find(self, query: str, limit: int = 50) -> list[Industry]:
        """Entries whose code starts with the query or whose name contains it, codes first."""
        text = str(query or "").strip()
        if not text:
            return []
        code = self.normalise(text)
        exact = [self.by_code[code]] if code else []
        starts = [r for c, r in self.by_code.items() if c.startswith(text.upper()) and r not in exact]
        named = [r for r in self.by_code.values() if text in r.name and r not in exact and r not in starts]
        return (exact + starts + named)[:limit]

    def resolve(self, value) -> str:
        """A code or a name as a code: the exact name, else the only entry whose name contains it,
        else the one code the keyword table gives the word; "" when unknown or ambiguous."""
        text = str(value or "").strip()
        code = self.normalise(text)
        if code:
            return code
        exact = [r.code for r in self.by_code.values() if r.name == text]
        if exact:
            return exact[0]
        partial = [r.code for r in self.by_code.values() if text and text in r.name]
        if len(partial) == 1:
            return partial[0]
        named = split_codes(proposed_codes(text)) if text else []  # a word the keyword table knows: 电镀
        return named[0] if len(named) == 1 else ""


def split_codes(text) -> list[str]:
    return [c for c in _SPLIT.split(str(text or "").strip()) if c]


@functools.lru_cache(maxsize=2)
def keyword_table(path: str | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(keyword, codes) pairs, longest keyword first so 有色金属冶炼 wins over 冶炼."""
    source = Path(path) if path else _resources() / "keywords.csv"
    with open(source, encoding="utf-8", newline="") as handle:
        pairs = [(r["keyword"].strip(), tuple(split_codes(r["codes"]))) for r in csv.DictReader(handle)]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def proposed_codes(text: str, confirmed: str = "") -> str:
    """The codes the clause's wording names (电镀 -> 3360), less those already confirmed, as "a;b"."""
    have = set(split_codes(confirmed))
    found: list[str] = []
    for keyword, codes in keyword_table():
        if keyword in (text or ""):
            found += [c for c in codes if c not in have and c not in found]
    return ";".join(found)


def _resources() -> Path:
    from ..paths import resource

    return resource("industry")
