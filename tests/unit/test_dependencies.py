"""The plugin names missing Python packages and the command that installs them."""

from __future__ import annotations

import importlib

from ecozone_plugin import dependencies


def test_installed_requirements_are_not_reported():
    assert dependencies.missing_requirements() == []


def test_missing_and_old_packages_are_reported(monkeypatch):
    real_import = importlib.import_module

    def fake_import(name, *args, **kwargs):
        if name == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(dependencies.importlib, "import_module", fake_import)
    monkeypatch.setattr(dependencies, "REQUIREMENTS", (("shapely", "9.0"), ("openpyxl", "3.0")))
    missing = dependencies.missing_requirements()
    assert missing == ["shapely>=9.0", "openpyxl>=3.0"]
    assert dependencies.install_command(missing) == 'python3 -m pip install --user "shapely>=9.0" "openpyxl>=3.0"'
