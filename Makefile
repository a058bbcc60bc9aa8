# One task runner for everything: `make run` (set up + serve with sample notices),
# `make test` (set up + the whole test suite). Both work on a fresh Debian machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the readers, OCR and browser tests need.
APT_PACKAGES := antiword tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps venv run test test-fast lint typecheck evaluate train bench schema clean

setup: system-deps venv

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

run: setup
	$(BIN)/nlp-service serve --host $(HOST) --port $(PORT) --seed corpus/authored

test: setup
	$(BIN)/pytest

test-fast: venv
	$(BIN)/pytest -m "not slow"

lint: venv
	$(BIN)/ruff check nlp_service tests bench
	$(BIN)/mypy nlp_service

evaluate: venv
	$(BIN)/nlp-service evaluate --split dev

train: venv
	$(BIN)/nlp-service train

bench: venv
	$(BIN)/python bench/pipeline.py

schema: venv
	$(BIN)/nlp-service schema --out docs/schema/v1.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
