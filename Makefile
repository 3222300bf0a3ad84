# make pdf   — install what is missing, then build build/thesis.pdf from the shipped thesis
# make test  — install what is missing, then run lint (ruff, mypy) and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system venv md pdf lint test fmt bench clean

setup: system venv

system:
	@scripts/install-system-packages

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,thesis]'
	touch $(STAMP)

md: venv
	$(BIN)/thesisbuild md

pdf: setup
	$(BIN)/thesisbuild pdf

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -q

fmt: venv
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf build
