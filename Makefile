# The two commands of the README: `make demo` (set up + run on the example corpus), `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= dragoman.duckdb

.PHONY: demo test setup lint bench clean

demo: $(VENV)/.installed
	$(BIN)/dragoman ingest --quiet --db $(DB) examples/demo
	$(BIN)/dragoman ingest --quiet --db $(DB) --date 2026-01-20 examples/seed

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

setup: $(VENV)/.installed

# Everything is installed from the package index by pyproject.toml (the spaCy model included).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

lint: $(VENV)/.installed
	$(BIN)/ruff check dragoman tests benchmarks
	$(BIN)/ruff format --check dragoman tests benchmarks
	$(BIN)/mypy dragoman

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
