# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# WeasyPrint (the PDF documents) needs Pango, and Pango needs libthai to break Thai lines; Debian images
# usually have them, a bare one may not; HarfBuzz-Subset makes the PDF fonts small and fast (WeasyPrint will
# require it). LibreOffice (Calc and Writer, without a screen) is the real office program the tests save
# workbooks with and open documents in, with Thai fonts (TLWG) to show them and its Python bridge
# (python3-uno) for a test that edits a workbook in it; poppler-utils renders PDF
# pages to look at. Installed only when
# missing (CI runs as root).
SYSTEM_DEPS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0 fontconfig \
	libreoffice-calc-nogui libreoffice-writer-nogui python3-uno poppler-utils fonts-thai-tlwg

.PHONY: install system-deps demo test lint schema clean bench docs-check

system-deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=""; for p in $(SYSTEM_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing$$missing (PDF output, office round-trip tests)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	else echo "not a Debian system: make sure Pango (with libthai) is installed for PDF output, and LibreOffice for the tests"; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: system-deps $(STAMP)

demo: install
	$(VENV)/bin/sheetsync demo demo

# Lint and type-check first ([tool.mypy] in pyproject.toml): a failure stops before the tests run.
test: install
	$(VENV)/bin/ruff check sheetsync tests bench
	$(VENV)/bin/mypy sheetsync
	$(PY) -m pytest -q -n 2

lint: install
	$(VENV)/bin/ruff check sheetsync tests bench
	$(VENV)/bin/mypy sheetsync

# The benchmark of issue 7 (not a test): sheetsync against the naive gspread loop and frictionless, on the
# loopback Sheets fake and the workbook, and the workbook write against openpyxl's whole save; prints a table and
# writes bench/results.json (about 5 minutes on 2 cores).
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# GNU time measures each child's own peak memory (a child's ru_maxrss also holds the pages it was forked with).
bench: install $(BENCH_STAMP)
	@if command -v dpkg >/dev/null 2>&1 && ! dpkg -s time >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time; fi
	$(PY) bench/syncbench.py

schema: install
	$(VENV)/bin/sheetsync schema

clean:
	rm -rf $(VENV) demo .pytest_cache

# Every document kind of the demo office rendered to PNG pages (out/docs-check/png) and checked by
# program as a records officer checks them by eye: fonts, margins, page numbers, no name or date split
# (tests/support/docs_check.py); the DOCX files are printed by LibreOffice and checked the same way.
docs-check: install
	$(PY) -m tests.support.docs_check out/docs-check
