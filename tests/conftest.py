"""Shared fixtures. Tests that need the real corpus skip with a reason when ../shared is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def shared_corpus_path() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    base = Path(env) if env else REPO_ROOT.parent / "shared"
    return base / "corpus"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never let a test write into the user's real FAZHI_HOME or pick up their LLM settings."""
    home = tmp_path_factory.mktemp("fazhi-home")
    monkeypatch.setenv("FAZHI_HOME", str(home))
    for var in (
        "FAZHI_LLM_BASE_URL",
        "FAZHI_LLM_MODEL",
        "FAZHI_LLM_GGUF",
        "FAZHI_CHROMA_URL",
        "FAZHI_BACKEND",
        "FAZHI_STORE_DIR",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "OPENAI_MODEL",
    ):
        monkeypatch.delenv(var, raising=False)
    from assistant.config import reload_settings

    reload_settings()
    yield home
    reload_settings()


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    path = shared_corpus_path()
    if not path.is_dir():
        pytest.skip(f"需要真实语料 {path}（../shared/corpus 不存在）")
    return path


@pytest.fixture(scope="session")
def seeds(shared_corpus: Path) -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted((shared_corpus / "seeds").glob("*.txt"))}


@pytest.fixture(scope="session")
def work_reports(shared_corpus: Path) -> list[Path]:
    return sorted((shared_corpus / "gov-work-reports").glob("*.txt"))


@pytest.fixture(scope="session")
def labels(shared_corpus: Path) -> dict:
    import yaml

    return yaml.safe_load((shared_corpus / "labels.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch):
    """A scripted OpenAI-compatible server, configured as the active `openai` backend."""
    from assistant.config import reload_settings
    from tests.fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    monkeypatch.setenv("FAZHI_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("FAZHI_LLM_MODEL", server.model)
    monkeypatch.setenv("FAZHI_LLM_RETRIES", "0")
    monkeypatch.setenv("FAZHI_LLM_TIMEOUT", "10")
    reload_settings()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def gemma_gguf() -> Path:
    """The bundled Gemma 3 270M GGUF (assembled from its package, no download)."""
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("未安装 llama-cpp-python[server]（fazhi[local]）")
    try:
        from assistant.llm import BUNDLED_TEST_MODEL, resolve_gguf

        return resolve_gguf(BUNDLED_TEST_MODEL)
    except Exception as exc:
        pytest.skip(f"无法准备 Gemma 270M GGUF：{exc}")


@pytest.fixture(scope="session")
def llama_server(gemma_gguf: Path, tmp_path_factory: pytest.TempPathFactory):
    """A real llama.cpp OpenAI-compatible server on loopback with the Gemma 270M model."""
    from assistant.llm import LocalServer

    log = tmp_path_factory.mktemp("llama") / "server.log"
    with LocalServer(gemma_gguf, context=2048, log_path=log) as server:
        yield server


@pytest.fixture
def llama_backend(llama_server, monkeypatch: pytest.MonkeyPatch):
    """Point the `openai` backend at the real llama.cpp server (short answers keep tests fast)."""
    from assistant.config import reload_settings

    monkeypatch.setenv("FAZHI_LLM_BASE_URL", llama_server.base_url)
    monkeypatch.setenv("FAZHI_LLM_MODEL", llama_server.model)
    monkeypatch.setenv("FAZHI_LLM_MAX_TOKENS", "48")
    monkeypatch.setenv("FAZHI_LLM_TIMEOUT", "60")
    reload_settings()
    return llama_server
