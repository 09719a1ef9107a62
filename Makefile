# The two commands of the README: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
ASOF   := 2026-11-01
SPEC   := data/raw/kravspecifikation-it-tjanster.pdf

.PHONY: demo test lint setup benchmark model clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/kravmatch extract $(SPEC) -o data/extracted
	$(BIN)/kravmatch screen data/raw/cvs --spec data/extracted/kravspecifikation-it-tjanster.json \
		--as-of $(ASOF) -o data/extracted/screening --format csv,json,xlsx

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/ruff format --check pipeline tests benchmarks
	$(BIN)/mypy pipeline

test: lint
	$(BIN)/pytest -q

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) data/extracted/*.json data/extracted/*.csv data/extracted/screening
