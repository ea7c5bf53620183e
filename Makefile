# Kuaiban developer commands. Only Python 3.11+ and make are needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml distributions/kuaiban-power/pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run test test-fast bench bench-submit bench-queue browser-deps clean

setup: $(STAMP)

$(STAMP): pyproject.toml distributions/kuaiban-power/pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip==25.3"
	$(BIN)/python -m pip install -q -e ".[test]" -e distributions/kuaiban-power
	rm -f $(VENV)/.installed-*
	touch $@

run: setup  ## web + worker + embedded Redis + SQLite, demo data on first start
	$(BIN)/kuaiban run

test: setup  ## the whole suite (PostgreSQL/Redis/browser variants run when available)
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow"

browser-deps:  ## Debian's Chromium for the browser tests, poppler and zbar for the document tests (needs root)
	command -v chromium >/dev/null && command -v pdftotext >/dev/null && command -v zbarimg >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk poppler-utils zbar-tools)

bench: setup  ## catalog benchmark on 110,000 entries (installs wrk from Debian if missing)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m tests.bench.catalog_bench

bench-submit: setup  ## case submissions/s (2 uploads + submit) with p50/p99, SQLite and PostgreSQL (if reachable)
	$(BIN)/python -m tests.bench.submit_bench

clean:
	rm -rf $(VENV) var

bench-queue: setup  ## the window queue of a clerk whose scope holds 100,000 open cases
	$(BIN)/python -m tests.bench.queue_bench
