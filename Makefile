# The two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Development defaults; production sets DEBUG=0 and the variables in .env.example.
export DEBUG ?= 1

.PHONY: run setup install lock sbom audit system-deps test-deps messages catalogue test lint format bench bench-scale worker beat prod-like screenshots clean

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

# Every dependency pinned and hashed (README "Supply chain"): the locks under
# requirements/ are what gets installed, never a fresh resolution; the portal
# itself goes on top without dependencies of its own.
LOCK_RUNTIME := requirements/runtime.txt
LOCK_DEV := requirements/dev.txt

$(VENV)/.installed: pyproject.toml $(LOCK_RUNTIME) $(LOCK_DEV)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK_DEV)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# After changing the dependencies in pyproject.toml: re-resolve both locks
# (runtime; runtime + dev, held to the runtime's versions), then `make install`.
# `make lock UPGRADE=1` also moves every pin to the newest allowed release.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock:
	test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -m pip install --quiet "uv>=0.5"; }
	$(UV_COMPILE) -o $(LOCK_RUNTIME)
	$(UV_COMPILE) --extra dev -c $(LOCK_RUNTIME) -o $(LOCK_DEV)

# A CycloneDX SBOM of what the portal runs on: every package of the runtime
# lock with its version, hashes and licence where known. Written to var/ (not
# committed); attach it to a release or hand it to a procurer who asks.
SBOM := var/sbom.cdx.json
sbom: install
	mkdir -p var
	$(BIN)/cyclonedx-py requirements $(LOCK_RUNTIME) --pyproject pyproject.toml \
	  --output-reproducible --of JSON -o $(SBOM)
	@echo "SBOM written to $(SBOM)"

# Known vulnerabilities of the locked versions. Needs network access to the
# advisory database (PyPI's JSON API, or OSV with AUDIT_SERVICE=osv).
AUDIT_SERVICE ?= pypi
audit: install
	$(BIN)/pip-audit --vulnerability-service $(AUDIT_SERVICE) --require-hashes --disable-pip \
	  -r $(LOCK_RUNTIME) -r $(LOCK_DEV)

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
# pyproject.toml); the type checker (mypy with django-stubs); bandit's security
# lint over the three apps (configured in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r portal guidelines declarations

# The production processes (gunicorn, worker, beat, DEBUG off) against the local
# PostgreSQL and Redis, without Docker; see scripts/prod-like.sh.
prod-like: install messages
	scripts/prod-like.sh

# The README's pictures (docs/screenshots/): the demo data in a fresh database,
# served and photographed with Debian's chromium.
screenshots: install messages
	$(BIN)/python scripts/screenshots.py

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
