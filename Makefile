# EcoZone: one obvious command per job. `make help` lists them.
SHELL := /bin/bash
PY := .venv/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
QGIS_ENV := QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime-$$(id -u)
TS := ecozone_plugin/i18n/ecozone_zh_CN.ts
QM := $(TS:.ts=.qm)
PY_SOURCES := $(shell find ecozone_plugin -name '*.py' -not -path '*/__pycache__/*')
UI_SOURCES := $(shell find ecozone_plugin -name '*.ui')
DEPLOY_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
BENCH_SCALE ?= 1
BENCH_COUNTIES ?= 40
BENCH_LIMIT ?= 600

.PHONY: help setup test test-fast demo bench lint i18n translations package deploy clean db db-stop docs

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 14

setup:  ## install Debian packages, the venv and pinned Python packages (idempotent)
	@bash scripts/setup.sh

translations: $(QM)  ## compile the zh_CN translation (.qm)

$(QM): $(TS)
	@lrelease -silent $(TS) -qm $(QM) || (echo "lrelease missing: run make setup" && false)

i18n: setup  ## refresh the .ts from the sources (pylupdate5), then compile it
	pylupdate5 -noobsolete $(PY_SOURCES) $(UI_SOURCES) -ts $(TS)
	@$(PY) scripts/check_translations.py $(TS)
	lrelease -silent $(TS) -qm $(QM)

test: setup translations  ## run all tests (core, headless QGIS, qgis_process, desktop under Xvfb)
	@mkdir -p /tmp/runtime-$$(id -u) && chmod 700 /tmp/runtime-$$(id -u)
	$(QGIS_ENV) $(PY) -m pytest -q tests

test-fast: setup translations  ## the core and headless tests only
	$(QGIS_ENV) $(PY) -m pytest -q tests/unit tests/qgis

demo: setup translations  ## derive the units of the bundled sample district into out/
	@mkdir -p /tmp/runtime-$$(id -u) && chmod 700 /tmp/runtime-$$(id -u)
	$(QGIS_ENV) $(PY) scripts/demo.py

bench: setup translations  ## time deriveunits, validateplan, screensite and compareversions against plain QGIS, and the PostGIS store against the GeoPackage (BENCH_SCALE=5 large, 30 a whole city; BENCH_LIMIT caps plain QGIS)
	@mkdir -p /tmp/runtime-$$(id -u) && chmod 700 /tmp/runtime-$$(id -u)
	$(QGIS_ENV) $(PY) bench/run_bench.py --scale $(BENCH_SCALE) --limit $(BENCH_LIMIT)
	$(QGIS_ENV) $(PY) bench/bench_validate.py --counties $(BENCH_COUNTIES)
	$(QGIS_ENV) $(PY) bench/bench_screen.py --counties $(BENCH_COUNTIES)
	$(QGIS_ENV) $(PY) bench/bench_compare.py --counties $(BENCH_COUNTIES)
	$(QGIS_ENV) $(PY) bench/bench_postgis.py --counties $(BENCH_COUNTIES)

docs: setup translations  ## the user guide: fresh screenshots from the Chinese QGIS (the desktop test), the message pages, HTML in build/docs
	@mkdir -p /tmp/runtime-$$(id -u) && chmod 700 /tmp/runtime-$$(id -u)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-docs.txt
	@rm -rf build/desktop
	$(QGIS_ENV) $(PY) -m pytest -q tests/desktop --basetemp=$(CURDIR)/build/desktop
	$(PY) scripts/make_docs.py --screenshots build/desktop/test_plugin_in_the_real_qgis_d0/desktop --build

lint: setup  ## ruff
	$(PY) -m ruff check ecozone_plugin tests bench scripts

package: setup translations  ## dist/ecozone_plugin-<version>.zip for "Install from ZIP"
	@rm -rf build/package && mkdir -p build/package
	$(PY) scripts/assemble.py build/package --zip dist/ecozone_plugin-$(VERSION).zip

deploy: setup translations  ## development install (links) into DEPLOY_DIR (a QGIS profile's plugin folder)
	@mkdir -p "$(DEPLOY_DIR)"
	$(PY) scripts/assemble.py "$(DEPLOY_DIR)" --link

db: setup  ## start a local PostgreSQL + PostGIS development server in .db/ and print its connection string
	@$(PY) scripts/pg_server.py start .db

db-stop:  ## stop the development server of make db (its data stay in .db/)
	@$(PY) scripts/pg_server.py stop .db

clean:  ## remove build output (keeps .venv)
	rm -rf build dist out .pytest_cache $(QM)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
