# fazhi — two commands on a fresh machine: `make run` and `make test`.
# Installs come from uv.lock (exported to a requirements file), so every machine gets the same versions;
# `make lock` updates uv.lock after a change to pyproject.toml.
VENV    := .venv
PY      := $(VENV)/bin/python
UV      := python3 -m uv
PORT    ?= 7860
HOST    ?= 127.0.0.1
LOCKED  := $(VENV)/requirements

.PHONY: run test test-no-corpus lint bench setup setup-full lock check-office clean

# A long step prints a line every 30 s (what it is doing, time so far), so a build never looks like a hang:
# $(call heartbeat,what it is doing,command)
define heartbeat
	@start=$$(date +%s); next=30; ( $(2) ) & pid=$$!; \
	while kill -0 $$pid 2>/dev/null; do \
	  sleep 1; t=$$(( $$(date +%s) - start )); \
	  if [ $$t -ge $$next ] && kill -0 $$pid 2>/dev/null; then \
	    echo "   … $(1)，已用 $$((t / 60)) 分 $$((t % 60)) 秒"; next=$$((next + 30)); fi; \
	done; wait $$pid; rc=$$?; echo "   完成（用时 $$(( $$(date +%s) - start )) 秒）"; exit $$rc
endef

$(VENV)/.uv:
	@python3 -m uv --version >/dev/null 2>&1 || { echo "== 安装 uv（pip，约半分钟）"; python3 -m pip install uv; }
	@test -x $(PY) || { echo "== 创建虚拟环境 $(VENV)（Python 3.11）"; $(UV) venv --python 3.11 $(VENV); }
	@touch $@

# The locked versions of one set of extras, as a requirements file (no hashes, so that a llama-cpp-python
# wheel built earlier and kept in the wheelhouse satisfies the locked version).
$(LOCKED)-%.txt: uv.lock pyproject.toml $(VENV)/.uv
	@echo "== 从 uv.lock 导出锁定的依赖版本（extras：$*）"
	$(UV) export --frozen --no-hashes --no-emit-project $(foreach e,$(subst +, ,$*),--extra $(e)) --output-file $@ >/dev/null

$(VENV)/.base: $(LOCKED)-test+lint.txt
	@echo "== 安装 fazhi 及其锁定的依赖到 $(VENV)（首次需从 PyPI 下载数百 MB，视网速需几分钟；uv 已有缓存时约 1 分钟，主要是编译字节码）"
	$(call heartbeat,正在下载并安装依赖,$(UV) pip install --python $(PY) --compile-bytecode -r $<)
	$(UV) pip install --python $(PY) --no-deps -e .
	@touch $@

# The local-LLM extra compiles llama.cpp (~5 min on 2 cores) the first time. uv's sdist cache expires,
# so the built wheel is also kept in a wheelhouse that later installs prefer over rebuilding.
WHEELHOUSE ?= $(HOME)/.cache/fazhi/wheels
$(VENV)/.full: $(VENV)/.base $(LOCKED)-local+test+lint.txt
	@mkdir -p $(WHEELHOUSE)
	@ls $(WHEELHOUSE)/llama_cpp_python-*.whl >/dev/null 2>&1 \
	  && echo "== 安装本地模型组件 llama-cpp-python（使用已编译的 $(WHEELHOUSE)，几秒）" \
	  || echo "== 安装本地模型组件 llama-cpp-python：首次需编译 llama.cpp，双核机器约 5 分钟（之后复用，几秒）"
	$(call heartbeat,正在安装本地模型组件（首次编译 llama.cpp 约 5 分钟）,$(UV) pip install --python $(PY) --compile-bytecode --find-links $(WHEELHOUSE) -r $(LOCKED)-local+test+lint.txt)
	@find $(HOME)/.cache/uv -name 'llama_cpp_python-*.whl' -exec cp -n {} $(WHEELHOUSE)/ \; 2>/dev/null || true
	@touch $@

setup: $(VENV)/.base
setup-full: $(VENV)/.full

lock:
	$(UV) lock

run: setup
	$(PY) -m assistant demo --host $(HOST) --port $(PORT)

test: setup-full
	@echo "== 运行全部测试（约 5–10 分钟；含本地 llama.cpp 服务和无头浏览器测试）"
	$(PY) -m pytest

# The suite as a fresh clone with nothing beside it runs it: ../shared hidden (FAZHI_SHARED → an empty folder),
# so the tests that need the real corpus skip and the ones with a fallback take it.
test-no-corpus: setup-full
	@empty=$$(mktemp -d); echo "== 运行全部测试，不使用 ../shared 语料（FAZHI_SHARED=$$empty）"; \
	FAZHI_SHARED=$$empty $(PY) -m pytest; rc=$$?; rmdir $$empty; exit $$rc

lint: setup
	$(VENV)/bin/ruff check assistant tests bench
	$(VENV)/bin/ruff format --check assistant tests bench
	$(VENV)/bin/mypy

bench: setup-full
	$(PY) bench/run_all.py

# Needs LibreOffice: when it is missing, the script says what it would install with apt-get and asks first
# (YES=1 installs without asking).
check-office: setup
	$(PY) bench/check_office.py $(if $(YES),--yes)

clean:
	rm -rf $(VENV) .pytest_cache eval/results/*.json
