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
    for var in ("FAZHI_LLM_BASE_URL", "FAZHI_LLM_MODEL", "FAZHI_LLM_GGUF", "FAZHI_CHROMA_URL",
                "FAZHI_BACKEND", "FAZHI_STORE_DIR", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"):
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
