"""Run `fazhi serve` as a child process on a free loopback port (tests, benchmarks, supervisors)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from assistant.errors import FazhiError
from assistant.llm import free_port


class AppProcess:
    """A served app; use as a context manager so the child is always stopped."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        port: int | None = None,
        log: Path | None = None,
        command: str = "serve",
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**os.environ, **(env or {})}
        self.log = log
        self.command = command
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180.0) -> AppProcess:
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL  # noqa: SIM115 - the child writes it while it runs
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", self.command, "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise FazhiError(f"网页服务启动失败（退出码 {self.proc.returncode}），见日志 {self.log}")
            try:
                if httpx.get(self.url + "config", timeout=2).status_code in (200, 401):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise FazhiError(f"网页服务在 {timeout:.0f} 秒内未就绪")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def __enter__(self) -> AppProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
