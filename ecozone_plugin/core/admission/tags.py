"""The tags published lists put before a clause, 【element/type】, and the type of an untagged one.

``1-2.【产业/禁止类】不得引入专业电镀、漂染等…`` is number 1-2, element tag 产业, type prohibit and the
text after the tag. The type of a clause without one is inferred from its wording and marked as
inferred until the author confirms it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROHIBIT, RESTRICT, ENCOURAGE, GENERAL = "prohibit", "restrict", "encourage", "general"
CLAUSE_TYPES = (PROHIBIT, RESTRICT, ENCOURAGE, GENERAL)
TYPE_LABELS = {PROHIBIT: "禁止类", RESTRICT: "限制类", ENCOURAGE: "鼓励引导类", GENERAL: "综合类"}
_TYPE_WORDS = {
    "禁止类": PROHIBIT,
    "禁止": PROHIBIT,
    "限制类": RESTRICT,
    "限制": RESTRICT,
    "鼓励引导类": ENCOURAGE,
    "鼓励类": ENCOURAGE,
    "引导类": ENCOURAGE,
    "鼓励": ENCOURAGE,
    "综合类": GENERAL,
    "综合": GENERAL,
    **{key: key for key in CLAUSE_TYPES},
}
# wording -> type, the first that matches wins: a clause that forbids and restricts forbids
_INFERENCE = (
    (PROHIBIT, ("禁止", "严禁", "不得", "不予", "不准", "不允许")),
    (RESTRICT, ("限制", "严格控制", "严控", "控制在", "不超过", "限期")),
    (ENCOURAGE, ("鼓励", "引导", "推动", "推进", "支持", "倡导")),
)
_NUMBER = r"(?:\d+(?:\s*[-－—–.．]\s*\d+)*|[(（]\s*\d+\s*[)）])"
_LEADING = re.compile(rf"^\s*(?P<no>{_NUMBER})\s*[.、．:：)）]?\s*(?=\S)")
_TAG = re.compile(r"^\s*[【\[［](?P<tag>[^】\]］]{1,30})[】\]］]\s*")
_TAG_SPLIT = re.compile(r"\s*[/／|｜、,，]\s*")


@dataclass(frozen=True)
class Tagged:
    number: str  # the clause number written before the text ("1-2"), or ""
    element_tag: str
    clause_type: str  # one of CLAUSE_TYPES
    type_inferred: bool
    text: str


def infer_type(text: str) -> str:
    for clause_type, words in _INFERENCE:
        if any(word in text for word in words):
            return clause_type
    return GENERAL


def type_of(word: str) -> str:
    """A type written as lists write it (禁止类, 限制, …, or the key), or ""."""
    return _TYPE_WORDS.get(str(word or "").strip().lower(), "")


def split_number(line: str) -> tuple[str, str]:
    """A line's leading clause number ("1-2", "3", "(2)" as "2") and what follows it; ("", line)
    when it has none. A number directly followed by a unit or a date word is text (2025年前…)."""
    rest = str(line or "").strip()
    match = _LEADING.match(rest)
    if not match or re.match(r"\d|年|月|日|%|％|万|千|个|家|座|吨|米", rest[match.end() :]):
        return "", rest
    number = re.sub(r"\s+", "", match.group("no")).strip("()（）").replace("－", "-").replace("．", ".")
    return re.sub(r"[—–]", "-", number), rest[match.end() :].strip()


def parse(line: str, numbered: bool = True) -> Tagged:
    """A published clause line as number, tags and text; ``numbered`` reads a leading number too."""
    number, rest = split_number(line) if numbered else ("", str(line or "").strip())
    element, clause_type = "", ""
    tag = _TAG.match(rest)
    if tag:
        for part in _TAG_SPLIT.split(tag.group("tag").strip()):
            if type_of(part) and not clause_type:
                clause_type = type_of(part)
            elif part and not element:
                element = part
        rest = rest[tag.end() :]
    text = rest.strip()
    if clause_type:
        return Tagged(number, element, clause_type, False, text)
    return Tagged(number, element, infer_type(text), True, text)


def tag_text(element_tag: str, clause_type: str, type_inferred: bool) -> str:
    """The 【element/type】 a clause is published with: the type only where it was written or
    confirmed, the element where it has one; "" for neither."""
    parts = [p for p in (element_tag, "" if type_inferred else TYPE_LABELS.get(clause_type, "")) if p]
    return f"【{'/'.join(parts)}】" if parts else ""
