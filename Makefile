# The two commands of the README: `make demo` and `make test`.
# Everything else here is set-up they need, done once and reused.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
MYPY_SECRET_KEY := type-checking-only-secret-key-never-used-to-sign-anything

.PHONY: demo test lint format lock vendor messages clean bench

$(STAMP): requirements-dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo ""; \
	  echo "Could not create a virtual environment with '$(PYTHON) -m venv'."; \
	  echo "On Debian install it with:  apt install python3-venv"; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

demo: $(STAMP)
	$(BIN)/mandat demo

test: $(STAMP)
	$(BIN)/python -m mandat.testing.run

# Key pages and registration under load against ceilings of the same run
# (docs/performance.md, "Benchmark"); e.g. make bench ARGS="--scales 1".
bench: $(STAMP)
	$(BIN)/python -m bench.run $(ARGS)

# mypy's Django plugin loads the settings, which refuse to start without a
# SECRET_KEY: one for type checking only is used when none is set.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY="$${SECRET_KEY:-$(MYPY_SECRET_KEY)}" $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin every dependency from pyproject.toml (needs network access to PyPI).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -q -o requirements.lock --python-version 3.11
	$(BIN)/uv pip compile pyproject.toml -q --extra dev -o requirements-dev.lock --python-version 3.11

# Re-fetch the vendored front-end files listed in static/vendor/vendor.json from npm.
vendor: $(STAMP)
	$(BIN)/python -m mandat.core.vendor --fetch

# Extract translatable strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/mandat makemessages --all --no-obsolete --no-location --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var/test-*
