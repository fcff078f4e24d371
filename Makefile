# fazhi — two commands on a fresh machine: `make run` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
UV      := python3 -m uv
PORT    ?= 7860
HOST    ?= 127.0.0.1

.PHONY: run test bench setup setup-full check-office clean

$(VENV)/.base: pyproject.toml
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q uv
	@test -x $(PY) || $(UV) venv -q --python 3.11 $(VENV)
	$(UV) pip install -q --python $(PY) -e '.[test]'
	@touch $@

# The local-LLM extra compiles llama.cpp (~5 min on 2 cores). uv's sdist cache expires, so the built
# wheel is also kept in a wheelhouse that later installs prefer over rebuilding.
WHEELHOUSE ?= $(HOME)/.cache/fazhi/wheels
$(VENV)/.full: $(VENV)/.base
	@mkdir -p $(WHEELHOUSE)
	$(UV) pip install -q --python $(PY) --find-links $(WHEELHOUSE) -e '.[local,test]'
	@find $(HOME)/.cache/uv -name 'llama_cpp_python-*.whl' -exec cp -n {} $(WHEELHOUSE)/ \; 2>/dev/null || true
	@touch $@

setup: $(VENV)/.base
setup-full: $(VENV)/.full

run: setup
	$(PY) -m assistant.cli demo --host $(HOST) --port $(PORT)

test: setup-full
	$(PY) -m pytest

bench: setup-full
	$(PY) bench/run_all.py

check-office: setup
	$(PY) bench/check_office.py

clean:
	rm -rf $(VENV) .pytest_cache eval/results/*.json
