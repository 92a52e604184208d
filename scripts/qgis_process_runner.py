"""Run EcoZone algorithms through the real qgis_process, with a throw-away HOME.

Debian's /usr/bin/qgis_process wrapper passes an option 3.22 rejects, so qgis_process.bin
is called directly. Enabling a plugin writes to the user's QGIS settings: HOME points at a
temporary folder so nothing of the user's is touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path


def qgis_process_binary() -> str:
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    raise FileNotFoundError("qgis_process not found: install QGIS (make setup).")


def venv_site_packages() -> list[str]:
    """The running interpreter's site-packages (the project venv), for QGIS's own Python."""
    return [sysconfig.get_paths()["purelib"]]


class QgisProcess:
    def __init__(
        self,
        plugin_parent: Path,
        home: Path | None = None,
        python_path: list[str] | None = None,
        locale: str = "",
    ):
        """``locale``: the interface language QGIS is set to in the throw-away profile (QGIS's
        own code, e.g. zh-Hans for Simplified Chinese); empty keeps the system's."""
        self.home = Path(home or tempfile.mkdtemp(prefix="ecozone-home-"))
        if locale:
            settings = self.home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text(f"[locale]\nuserLocale={locale}\noverrideFlag=true\n", encoding="utf-8")
        self.env = dict(os.environ)
        self.env.update(
            HOME=str(self.home),
            QGIS_PLUGINPATH=str(plugin_parent),
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(self.home / "runtime"),
            LC_ALL="C.UTF-8",
            PYTHONIOENCODING="utf-8",
        )
        (self.home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
        python_path = venv_site_packages() if python_path is None else python_path
        if python_path:
            self.env["PYTHONPATH"] = os.pathsep.join(python_path + [self.env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        self.binary = qgis_process_binary()

    def call(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [self.binary, *args], env=self.env, capture_output=True, text=True, encoding="utf-8", errors="replace"
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"qgis_process {' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def enable_plugin(self) -> None:
        self.call("plugins", "enable", "ecozone_plugin")

    def run(self, algorithm: str, **parameters) -> dict:
        """Run one algorithm; list values repeat the parameter. Returns its JSON answer."""
        args = ["run", algorithm, "--json"]
        for name, value in parameters.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for item in values:
                if item is None or item == "":
                    continue
                if isinstance(item, (dict,)):
                    item = json.dumps(item, ensure_ascii=False)
                args.append(f"--{name}={item}")
        result = self.call(*args)
        start = result.stdout.find("{")
        return json.loads(result.stdout[start:])
