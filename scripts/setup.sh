#!/usr/bin/env bash
# Idempotent set-up on Debian 12: the Debian packages QGIS and the tests need, then a
# virtual environment (.venv) from the system Python that sees QGIS's Python bindings,
# with the pinned packages of requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(python3-qgis qgis qgis-providers python3-venv python3-pip xvfb xauth
              fonts-noto-cjk qttranslations5-l10n pyqt5-dev-tools qttools5-dev-tools zip make poppler-utils
              postgresql-15-postgis-3 python3-psycopg2)

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
.venv/bin/python -c "import qgis.core, shapely, openpyxl, numpy; assert shapely.__version__ >= '2', shapely.__version__; assert numpy.__version__ < '2', numpy.__version__"
echo "Set-up complete: $(.venv/bin/python -c 'import qgis.core as q, shapely; print("QGIS", q.Qgis.QGIS_VERSION, "/ shapely", shapely.__version__)')"
