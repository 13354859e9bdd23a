# make run   : install what is needed and start the whole product on this machine
# make test  : install what is needed and run every test
# make bench : performance figures (results in bench/results.txt and bench/results-local.txt;
#              REPLACED_SYSTEM_DIR=<its backend/> also measures the system this product replaces)
# make package: deployable templates for the API and the trainer (ARCH=arm64 for Graviton)
# make lambda-check: the packaged zips answer API Gateway events and train (after make package)
# make scan  : checkov on the packaged templates (after make package)

SHELL := /bin/bash
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12 2>/dev/null))
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
# checkov pins boto3/packaging versions that clash with requirements-dev.txt: its own venv.
SCAN_VENV := .venv-scan
SCAN_STAMP := $(SCAN_VENV)/.installed
export API_PORT ?= 8000
export WEB_PORT ?= 5173
export LOCAL_STATE_DIR ?= .local

.PHONY: docs run test test-api test-trainer test-frontend test-e2e lint bench package scan lambda-check clean frontend-build chromium

$(PY):
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found (expected under pyenv or on PATH)"; exit 1; }
	$(PYTHON312) -m venv $(VENV)

$(PY_STAMP): $(PY) requirements.txt requirements-dev.txt training/requirements.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(SCAN_STAMP): requirements-scan.txt
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found (expected under pyenv or on PATH)"; exit 1; }
	test -x $(SCAN_VENV)/bin/python || $(PYTHON312) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/python -m pip install --quiet -r requirements-scan.txt
	touch $@

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend-build: $(NPM_STAMP)
	cd frontend && npm run build

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: $(PY_STAMP) frontend-build
	$(PY) -m local.stack

lint: $(PY_STAMP) $(NPM_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	cd training && ../$(PY) -m mypy
	cd frontend && npm run lint && npm run format:check

test-api: $(PY_STAMP)
	$(PY) -m pytest tests -n 2

test-trainer: $(PY_STAMP)
	cd training && ../$(PY) -m pytest tests

test-frontend: $(NPM_STAMP)
	cd frontend && npm test && npm run build && npm run size

test-e2e: $(PY_STAMP) frontend-build chromium
	$(PY) -m local.e2e

test: lint package lambda-check scan test-api test-trainer test-frontend test-e2e

# The cold-start figures are measured on the package: build it first.
bench: $(PY_STAMP) package
	$(PY) bench/bench_segmentation.py
	$(PY) bench/bench_local.py
	$(PY) bench/bench_calibration.py
	$(PY) bench/bench_rfm.py

docs: $(PY_STAMP) $(NPM_STAMP)
	$(PY) -m local.api_docs
	cd frontend && npm run gen:api

# ARCH=arm64 packages for Graviton (aarch64 wheels, Architectures: [arm64]); see docs/DEPLOY.md.
ARCH ?= x86_64
package: $(PY_STAMP)
	$(PY) -m deploy.package --arch $(ARCH)

# The packaged zips run as Lambda runs them (clean Python, runtime SDK only) against moto.
lambda-check: $(PY_STAMP)
	$(PY) -m local.lambda_check

scan: $(PY_STAMP) $(SCAN_STAMP)
	$(PY) -m local.scan

clean:
	rm -rf $(VENV) $(SCAN_VENV) build frontend/node_modules frontend/dist
