# The two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Development defaults; production sets DEBUG=0 and the variables in .env.example.
export DEBUG ?= 1

.PHONY: run setup install system-deps test-deps messages catalogue test lint format bench bench-scale worker beat prod-like clean

run: setup ## set up everything and serve on http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

setup: install system-deps messages .env
	$(MANAGE) migrate --no-input
	$(MANAGE) create_dev_signing_key
	$(MANAGE) seed_demo

# A development .env, so that `.venv/bin/python manage.py …` also runs in
# development mode outside make. Production brings its own (see .env.example).
.env:
	printf '# Development settings written by make; see .env.example\nDEBUG=1\n' > $@

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

system-deps:
	scripts/install-system-deps.sh runtime

test-deps:
	scripts/install-system-deps.sh test

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v0

# Gather new strings into locale/ja/LC_MESSAGES/django.po, then translate them
# there (tests/test_translations.py fails while one is missing).
catalogue: install
	$(MANAGE) makemessages -l ja --no-location --ignore=.venv --ignore=tests --ignore=bench -v0

test: install test-deps messages .env lint ## lint, migrations check, every test
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n 2

# ruff; the layers and the absence of import cycles (import-linter, contracts in
# pyproject.toml); the type checker (mypy with django-stubs).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# The production processes (gunicorn, worker, beat, DEBUG off) against the local
# PostgreSQL and Redis, without Docker; see scripts/prod-like.sh.
prod-like: install messages
	scripts/prod-like.sh

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Render, sign and verify in process; then requests per second under the prod-like
# gunicorn against a bare view (wrk; a fresh PostgreSQL database, ~2 minutes).
bench: install test-deps messages
	$(BIN)/python bench/run.py
	$(BIN)/python bench/served.py

# The registry at 1,000 and 100,000 declarations on PostgreSQL (seeds them once,
# ~15 minutes the first time; the databases are kept for the next run).
bench-scale: install
	$(BIN)/python bench/scale.py --explain

worker: install
	$(BIN)/celery -A portal worker -l info

beat: install
	$(BIN)/celery -A portal beat -l info

clean:
	rm -rf var $(VENV)
