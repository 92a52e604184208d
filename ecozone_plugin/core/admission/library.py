"""The clause library: templates by class and dimension, shipped and extended by the user."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..messages import EcoZoneError
from .clauses import Clause, next_clause_no


@dataclass(frozen=True)
class Template:
    dimension: int
    text: str
    unit_class: int | None = None  # None: suits every class
    industry_codes: str = ""
    source: str = "default"

    def suits(self, unit_class: int | None) -> bool:
        return self.unit_class is None or unit_class is None or self.unit_class == unit_class


def _read(path: Path, source: str) -> list[Template]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EcoZoneError("EZ-T018", path=str(path), error=str(error)) from error
    templates = []
    for entry in data.get("templates", []):
        dimension = int(entry.get("dimension", 0))
        text = str(entry.get("text", "")).strip()
        if dimension not in (1, 2, 3, 4) or not text:
            continue
        unit_class = entry.get("class")
        templates.append(
            Template(
                dimension=dimension,
                text=text,
                unit_class=int(unit_class) if unit_class else None,
                industry_codes=str(entry.get("industry_codes", "")),
                source=source,
            )
        )
    return templates


def load_library(bundled: Path, user: Path | None = None) -> list[Template]:
    """The bundled templates, then the user's (a missing user file is an empty library)."""
    templates = _read(bundled, "default")
    if user is not None and Path(user).is_file():
        templates += _read(Path(user), "user")
    return templates


def templates_for(templates: list[Template], unit_class: int | None, dimension: int | None = None) -> list[Template]:
    return [t for t in templates if t.suits(unit_class) and (dimension is None or t.dimension == dimension)]


def add_user_template(user: Path, template: Template) -> None:
    """Append a template to the user's library file (written whole, under a temporary name)."""
    user = Path(user)
    data = {"id": "user", "templates": []}
    if user.is_file():
        data = json.loads(user.read_text(encoding="utf-8"))
    entry = {"class": template.unit_class, "dimension": template.dimension, "text": template.text.strip()}
    if template.industry_codes:
        entry["industry_codes"] = template.industry_codes
    if entry not in data.setdefault("templates", []):
        data["templates"].append(entry)
    user.parent.mkdir(parents=True, exist_ok=True)
    temporary = user.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, user)


def template_clauses(
    level: str, scope: str, class_filter: int | None, templates: list[Template], existing: list[Clause]
) -> list[Clause]:
    """Clauses for the templates a scope does not hold yet, numbered after its own clauses."""
    numbers = [c.clause_no for c in existing if c.class_filter == class_filter]
    texts = {(c.dimension, c.text) for c in existing}
    clauses = []
    for template in templates:
        if (template.dimension, template.text) in texts:
            continue
        number = next_clause_no(template.dimension, numbers)
        numbers.append(number)
        texts.add((template.dimension, template.text))
        clauses.append(
            Clause(
                level,
                scope,
                template.dimension,
                number,
                template.text,
                class_filter=class_filter,
                industry_codes=template.industry_codes,
            )
        )
    return clauses
