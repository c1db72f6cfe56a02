# Everything a fresh machine needs: `make run` serves the app, `make test` runs the tests.
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The first Python $(PYTHON_VERSION) that actually runs: on PATH, or one of pyenv's builds.
PYTHON ?= $(shell for candidate in python$(PYTHON_VERSION) $$(pyenv root 2>/dev/null)/versions/$(PYTHON_VERSION)*/bin/python$(PYTHON_VERSION) $$HOME/.pyenv/versions/$(PYTHON_VERSION)*/bin/python$(PYTHON_VERSION); do $$candidate -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$(PYTHON_VERSION)'.split('.')))" >/dev/null 2>&1 && { echo $$candidate; break; }; done)
# The locks (requirements/*.txt, with hashes) are compiled from pyproject.toml by uv.
UV_VERSION := 0.13.9
LOCK_FLAGS := --quiet --generate-hashes --universal --python-version $(PYTHON_VERSION) \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

.PHONY: install install-production lock run demo test bench load lighthouse lint typecheck format clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) not found: install it (pyenv install $(PYTHON_VERSION)) and retry."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Development: exactly the versions and hashes in requirements/dev.txt (runtime + dev tools),
# then the project itself without dependencies.
$(INSTALLED): requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps .
	touch $(INSTALLED)

install: $(INSTALLED)

# Production without Docker: the runtime lock only, no development tools.
install-production: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt

# Recompile the locks from pyproject.toml after changing a dependency; keeps every pin that
# still fits (`make lock UPGRADE=1` moves everything to the newest allowed versions).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --constraint requirements/base.txt \
		$(LOCK_FLAGS) -o requirements/dev.txt
	$(BIN)/python requirements/lockfile.py stamp

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	@DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo --login-hint
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Creates (or replaces) the demo account "demo" with five months of made-up data.
demo: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Seeds 5,000 applications into a separate database and measures the pages (see docs/benchmarks.md).
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null) \
		|| echo "wrk could not be installed: the benchmark falls back to its Python load generator"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# gunicorn (4 workers) on a fresh database under mixed reads and writes from many clients, then
# every acknowledged write looked up (see docs/benchmarks.md). LOAD_ARGS="--engine both" adds
# PostgreSQL (a database rebound_load, created and dropped, beside DATABASE_URL's or the local server).
load: install
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# Lighthouse (npm, pinned, installed into .venv/.node/) on the main pages, signed in, for a seeded
# account of 150 applications; not part of CI (minutes). See docs/benchmarks.md.
lighthouse: install
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

# ruff, then mypy (the files and strictness per package are in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache build
