# ALS Move. Every target sets up what it needs first, so each works on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://alsmove:alsmove@127.0.0.1:5432/alsmove
export DJANGO_SETTINGS_MODULE := config.settings
# With DEBUG off the product refuses the public built-in key. Unless a key is given, the
# targets that serve use one made at random for this machine, kept in var/secret_key.
KEY_FILE := $(CURDIR)/var/secret_key
ifeq ($(origin ALSMOVE_SECRET_KEY)$(origin ALSMOVE_SECRET_KEY_FILE),undefinedundefined)
run serve bench bench-pdf: export ALSMOVE_SECRET_KEY_FILE := $(KEY_FILE)
endif

# The compiled catalogues (.mo) are not kept in git: every target that serves or tests
# compiles them first from alsmove/locale/*/LC_MESSAGES/django.po (GNU gettext's msgfmt).
.PHONY: run serve test test-postgres e2e lint messages bench bench-fit bench-pdf system-deps postgres clean

$(KEY_FILE):
	mkdir -p var
	umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian packages the product and the browser tests need; installed only when missing.
system-deps:
	@bash scripts/system-deps.sh

# compilemessages reads no secret; ALSMOVE_DEBUG only lets settings load without a key.
messages: $(STAMP) system-deps
	ALSMOVE_DEBUG=True $(PY) manage.py compilemessages -v0 --ignore='.venv*' --ignore='node_modules' --ignore='var'

run: $(STAMP) $(KEY_FILE) messages
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_library
	$(PY) manage.py load_resources
	$(PY) manage.py load_skills
	$(PY) manage.py load_equipment
	ALSMOVE_ALLOW_DEMO=True $(PY) manage.py load_demo
	@echo "Serving ALS Move on http://127.0.0.1:8000  (Ctrl+C stops it)"
	$(PY) manage.py runserver 127.0.0.1:8000

# Production-style serving on this machine: gunicorn (CPU count + 1 workers), whitenoise
# serving the collected, compressed static files. HOST and PORT may be set.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(STAMP) $(KEY_FILE) messages
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_library
	$(PY) manage.py load_resources
	$(PY) manage.py load_skills
	$(PY) manage.py load_equipment
	ALSMOVE_STATIC_COMPRESSED=True $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving ALS Move with gunicorn on http://$(HOST):$(PORT)  (Ctrl+C stops it)"
	ALSMOVE_STATIC_COMPRESSED=True $(VENV)/bin/gunicorn config.wsgi --preload \
	  --workers $$(( $$(nproc) + 1 )) --bind $(HOST):$(PORT) --access-logfile -

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(STAMP) system-deps messages lint
	$(VENV)/bin/pytest

postgres:
	@bash scripts/postgres.sh

# The browser tests run in every language on SQLite (make test) and in English here: the
# language changes the words on the page, not the queries, and three languages on both
# databases would take CI past its time limit. PG_E2E_LANGUAGES=en,es,de runs them all.
PG_E2E_LANGUAGES ?= en
test-postgres: $(STAMP) system-deps messages postgres
	ALSMOVE_E2E_LANGUAGES=$(PG_E2E_LANGUAGES) DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest

e2e: $(STAMP) system-deps messages
	$(VENV)/bin/pytest -m e2e

# The load benchmark (SQLite, and PostgreSQL when BENCH_PG_URL names a database it may
# empty), then the progression-fit figure and the PDF documents' render times; each writes
# bench/results.md. SCALE=1 for the
# full clinic network (2,000 people); the default 0.1 keeps the run near 10 minutes.
SCALE ?= 0.1
BENCH_PG_URL ?= postgres://alsmove:alsmove@127.0.0.1:5432/alsmove_bench
bench: $(STAMP) $(KEY_FILE)
	@bash scripts/bench-deps.sh
	@bash scripts/postgres.sh
	@bash scripts/bench-db.sh "$(BENCH_PG_URL)"
	BENCH_PG_URL=$(BENCH_PG_URL) $(PY) bench/load.py --scale $(SCALE)
	$(PY) bench/bench_fit.py
	$(PY) bench/bench_pdf.py

bench-fit: $(STAMP)
	$(PY) bench/bench_fit.py

# Each printable document's render time for the demo person (bench/results.md).
bench-pdf: $(STAMP) $(KEY_FILE)
	@bash scripts/system-deps.sh
	$(PY) bench/bench_pdf.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
