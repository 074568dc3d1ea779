# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots clean compile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# The sources are installed editable, and PYTHONDONTWRITEBYTECODE may be set:
# compile them once so that starting coop-tui does not compile them every time.
compile: $(STAMP)
	@$(BIN)/python -m compileall -q src

run: compile  ## open the app on a fresh copy of the demo plan
	$(BIN)/coop-tui --demo

# Pilot tests mostly wait for the app to be idle: more workers than cores pay.
# The long tests (marked slow) go first, two at a time, so none finishes last.
JOBS ?= 6

lint: $(STAMP)  ## ruff (lint and format), mypy --strict, the import contracts
	$(BIN)/ruff check src tests screenshots
	$(BIN)/ruff format --check src tests screenshots
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint  ## lint, types and import contracts, then the whole suite in JOBS workers (JOBS=1: one process)
	$(BIN)/python -m pytest -q $(if $(filter 1,$(JOBS)),,-n $(JOBS) --maxschedchunk 2)

screenshots: $(STAMP)  ## regenerate screenshots/ from the demo plan
	$(BIN)/python -m pip install --quiet -e ".[test,screenshots]"
	$(BIN)/python screenshots/generate.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info

bench: compile  ## speed and memory figures against references (see README)
	@command -v tmux >/dev/null || { echo "make bench needs tmux (apt-get install tmux)"; exit 2; }
	$(BIN)/python tests/bench/bench.py
