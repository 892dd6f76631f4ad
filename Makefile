# ALS Move. Every target sets up what it needs first, so each works on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://alsmove:alsmove@127.0.0.1:5432/alsmove
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test test-postgres e2e lint bench system-deps postgres clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian packages the product and the browser tests need; installed only when missing.
system-deps:
	@bash scripts/system-deps.sh

run: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_library
	ALSMOVE_ALLOW_DEMO=True $(PY) manage.py load_demo
	@echo "Serving ALS Move on http://127.0.0.1:8000  (Ctrl+C stops it)"
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(STAMP) system-deps lint
	$(VENV)/bin/pytest

postgres:
	@bash scripts/postgres.sh

test-postgres: $(STAMP) system-deps postgres
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest

e2e: $(STAMP) system-deps
	$(VENV)/bin/pytest -m e2e

bench: $(STAMP)
	$(PY) bench/bench_fit.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
