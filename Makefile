# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/sheetsync demo demo

test: install
	$(VENV)/bin/ruff check sheetsync tests
	$(PY) -m pytest -q -n 2

lint: install
	$(VENV)/bin/ruff check sheetsync tests

schema: install
	$(VENV)/bin/sheetsync schema

clean:
	rm -rf $(VENV) demo .pytest_cache
