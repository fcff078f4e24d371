# fazhi — two commands on a fresh machine: `make run` and `make test`.
# Installs come from uv.lock (exported to a requirements file), so every machine gets the same versions;
# `make lock` updates uv.lock after a change to pyproject.toml.
VENV    := .venv
PY      := $(VENV)/bin/python
UV      := python3 -m uv
PORT    ?= 7860
HOST    ?= 127.0.0.1
LOCKED  := $(VENV)/requirements

.PHONY: run test lint bench setup setup-full lock check-office clean

$(VENV)/.uv:
	@python3 -m uv --version >/dev/null 2>&1 || { echo "== installing uv"; python3 -m pip install uv; }
	@test -x $(PY) || { echo "== creating $(VENV) (Python 3.11)"; $(UV) venv --python 3.11 $(VENV); }
	@touch $@

# The locked versions of one set of extras, as a requirements file (no hashes, so that a llama-cpp-python
# wheel built earlier and kept in the wheelhouse satisfies the locked version).
$(LOCKED)-%.txt: uv.lock pyproject.toml $(VENV)/.uv
	@echo "== exporting the locked versions (extras: $*) from uv.lock"
	$(UV) export --frozen --no-hashes --no-emit-project $(foreach e,$(subst +, ,$*),--extra $(e)) --output-file $@ >/dev/null

$(VENV)/.base: $(LOCKED)-test+lint.txt
	@echo "== installing fazhi and its locked dependencies into $(VENV)"
	$(UV) pip install --python $(PY) --compile-bytecode -r $<
	$(UV) pip install --python $(PY) --no-deps -e .
	@touch $@

# The local-LLM extra compiles llama.cpp (~5 min on 2 cores) the first time. uv's sdist cache expires,
# so the built wheel is also kept in a wheelhouse that later installs prefer over rebuilding.
WHEELHOUSE ?= $(HOME)/.cache/fazhi/wheels
$(VENV)/.full: $(VENV)/.base $(LOCKED)-local+test+lint.txt
	@mkdir -p $(WHEELHOUSE)
	@ls $(WHEELHOUSE)/llama_cpp_python-*.whl >/dev/null 2>&1 \
	  && echo "== installing the local-LLM extra (llama-cpp-python from the wheelhouse $(WHEELHOUSE))" \
	  || echo "== installing the local-LLM extra: compiling llama.cpp for llama-cpp-python takes ~5 min on 2 cores"
	$(UV) pip install --python $(PY) --compile-bytecode --find-links $(WHEELHOUSE) -r $(LOCKED)-local+test+lint.txt
	@find $(HOME)/.cache/uv -name 'llama_cpp_python-*.whl' -exec cp -n {} $(WHEELHOUSE)/ \; 2>/dev/null || true
	@touch $@

setup: $(VENV)/.base
setup-full: $(VENV)/.full

lock:
	$(UV) lock

run: setup
	$(PY) -m assistant demo --host $(HOST) --port $(PORT)

test: setup-full
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check assistant tests bench
	$(VENV)/bin/ruff format --check assistant tests bench
	$(VENV)/bin/mypy

bench: setup-full
	$(PY) bench/run_all.py

check-office: setup
	$(PY) bench/check_office.py

clean:
	rm -rf $(VENV) .pytest_cache eval/results/*.json
