"""The plugin's sources use no Qt 5-only forms, so they run on Qt 6 (QGIS 4) as they do on 3.22:
imports through qgis.PyQt only, Qt enum values reached through their enum type
(``Qt.AlignmentFlag.AlignLeft``, not ``Qt.AlignLeft``), ``exec()`` rather than ``exec_()``, no
QVariant field types outside qgis_adapters.field_type, and QGIS message levels as
``Qgis.MessageLevel.Warning``.

Whether ``Cls.Name`` is an enum value or an enum type is asked of the real class (PyQt5 on this
machine), not guessed from the spelling.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(p for p in (ROOT / "ecozone_plugin").rglob("*.py") if "__pycache__" not in p.parts)
ATTRIBUTE = re.compile(r"\b(Q(?!gs)[A-Za-z0-9]*)\.([A-Z][A-Za-z0-9_]*)\b(?![\w(])")
QT5_ONLY = (
    (re.compile(r"\.exec_\("), "exec_() is gone in Qt 6: call exec()"),
    (re.compile(r"^\s*(from|import)\s+PyQt[56]\b", re.M), "import Qt through qgis.PyQt"),
    (re.compile(r"\bQVariant\.[A-Z]"), "QVariant types are gone in Qt 6: use qgis_adapters.field_type"),
)


def qt_class(name: str):
    from qgis import core
    from qgis.PyQt import QtCore, QtGui, QtWidgets

    for module in (QtCore, QtGui, QtWidgets, core):
        if hasattr(module, name):
            return getattr(module, name)
    return None


def unscoped(text: str) -> list[str]:
    """``Cls.Value`` where Value is an enum value reached without its enum type."""
    found = []
    for match in ATTRIBUTE.finditer(text):
        owner = qt_class(match.group(1))
        member = getattr(owner, match.group(2), None) if owner is not None else None
        if member is None or isinstance(member, type):  # a class or an enum type: Qt.AlignmentFlag
            continue
        if text[match.end() : match.end() + 1] == ".":  # Cls.Type.Value: scoped
            continue
        if isinstance(member, int):  # PyQt5's enum values are ints of their enum type
            found.append(match.group(0))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_source_has_no_qt5_only_form(path):
    text = path.read_text(encoding="utf-8")
    problems = [f"{why}: {m.group(0).strip()}" for pattern, why in QT5_ONLY for m in pattern.finditer(text)]
    problems += [f"reach the enum value through its type: {name}" for name in unscoped(text)]
    assert problems == []


def test_the_scan_finds_each_form_it_looks_for():
    sample = (
        "from PyQt5.QtCore import Qt\n"
        "box.exec_()\n"
        "QgsField('a', QVariant.String)\n"
        "item.setData(0, Qt.UserRole, 1)\n"
        "level = Qgis.Warning\n"
        "ok = Qt.AlignmentFlag.AlignLeft | Qt.ItemDataRole.UserRole + QMessageBox.Icon.Warning\n"
    )
    assert unscoped(sample) == ["QVariant.String", "Qt.UserRole", "Qgis.Warning"]
    assert [why.split(":")[0] for pattern, why in QT5_ONLY if pattern.search(sample)] == [
        "exec_() is gone in Qt 6",
        "import Qt through qgis.PyQt",
        "QVariant types are gone in Qt 6",
    ]
