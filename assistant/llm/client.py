"""The one LLM client: any OpenAI-compatible chat endpoint, through langchain-openai.

Backends:
- `openai`: FAZHI_LLM_BASE_URL / FAZHI_LLM_MODEL / FAZHI_LLM_API_KEY (OPENAI_* also honoured);
  works with vLLM, Ollama, llama.cpp, DeepSeek, Qwen and OpenAI itself.
- `local`: FAZHI_LLM_GGUF — fazhi starts llama-cpp-python's server on loopback (local_server)
  and talks to it as `openai`.
- `composer`: no model; `get_llm` returns None and callers use the deterministic composer.

Everything a model endpoint can do wrong (down, slow, 429/5xx, empty answer, `<think>` blocks,
truncation, an answer cut off without a finish reason, a line that is not JSON, a stream broken midway)
is handled here once (faults.py says what each means), so drafting, review and summaries never see a
raw traceback, and an answer that did not finish is never taken for a finished one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import SecretStr

from assistant.config import Settings, get_settings
from assistant.errors import ConfigError, LLMError, LLMIncompleteError
from assistant.llm import faults
from assistant.llm.faults import StreamFault
from assistant.llm.local_server import shared_local_server
from assistant.prompts import render

Message = dict[str, str]

_THINK_OPEN = "<think>"
_THINK_CLOSE = "</think>"


class ThinkStripper:
    """Drops `<think>…</think>` from a stream whose tags may be split across chunks."""

    def __init__(self) -> None:
        self._inside = False
        self._pending = ""

    def feed(self, chunk: str) -> str:
        data = self._pending + chunk
        self._pending = ""
        out: list[str] = []
        while data:
            tag = _THINK_CLOSE if self._inside else _THINK_OPEN
            idx = data.find(tag)
            if idx >= 0:
                if not self._inside:
                    out.append(data[:idx])
                data = data[idx + len(tag) :]
                self._inside = not self._inside
                continue
            keep = _partial_tag_suffix(data, tag)
            if not self._inside:
                out.append(data[: len(data) - keep])
            self._pending = data[len(data) - keep :] if keep else ""
            break
        return "".join(out)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return "" if self._inside else rest


def _partial_tag_suffix(data: str, tag: str) -> int:
    for size in range(min(len(tag) - 1, len(data)), 0, -1):
        if data.endswith(tag[:size]):
            return size
    return 0


def strip_think(text: str) -> str:
    """Non-streaming form of ThinkStripper; also drops an unclosed trailing <think>."""
    text = re.sub(r"<think>.*?</think>", "", text, flags=re.S)
    return text.split(_THINK_OPEN, 1)[0] if _THINK_OPEN in text else text


@dataclass
class CompletionInfo:
    """What the last `complete()` call ended with, for callers that report on it."""

    finish_reason: str | None = None
    continuations: int = 0
    truncated: bool = False
    seconds: float = 0.0
    first_token_seconds: float | None = None
    chars: int = 0
    faults: list[str] = field(default_factory=list)  # one Chinese line per stream fault recovered from (or not)


@dataclass
class LLM:
    """A chat model behind an OpenAI-compatible endpoint."""

    base_url: str
    model: str
    api_key: str = "not-needed"
    name: str = "openai"
    temperature: float = 0.3
    max_tokens: int = 1024
    timeout: float = 120.0
    retries: int = 3
    max_continuations: int = 2
    stream_retries: int = 2  # a cut-off, malformed or broken answer is continued (or asked again) this often
    last: CompletionInfo = field(default_factory=CompletionInfo)

    def _chat(self, stream: bool) -> Any:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=self.base_url,
            api_key=SecretStr(self.api_key or "not-needed"),
            model=self.model,
            temperature=self.temperature,
            # langchain sends max_completion_tokens, which llama.cpp ignores; max_tokens is universal.
            extra_body={"max_tokens": self.max_tokens},
            timeout=self.timeout,
            max_retries=self.retries,
            streaming=stream,
        )

    def complete(self, messages: list[Message], stream: bool = True) -> Iterator[str]:
        """Yield the answer's text; continue after finish_reason=length up to max_continuations times.

        An answer that starts but does not finish properly (no finish reason, a line that is not JSON,
        a connection broken midway) is continued from the text already yielded, or asked again when
        there is none, up to stream_retries times; then LLMIncompleteError carries the partial text
        (LLMError when there is none). Every other endpoint failure, and an empty answer, is LLMError.
        """
        info = CompletionInfo()
        self.last = info
        started = time.perf_counter()
        convo = list(messages)
        produced: list[str] = []
        faults = 0
        while True:
            stripper = ThinkStripper()
            part: list[str] = []
            fault: StreamFault | None = None
            info.finish_reason = None
            try:
                for piece, finish in self._call(convo, stream):
                    text = stripper.feed(piece)
                    if finish:
                        info.finish_reason = finish
                    if text:
                        if info.first_token_seconds is None:
                            info.first_token_seconds = time.perf_counter() - started
                        part.append(text)
                        yield text
            except StreamFault as exc:
                fault = exc
            tail = stripper.flush()
            if tail:
                part.append(tail)
                yield tail
            produced.append("".join(part))
            so_far = "".join(produced)
            if fault is None:
                if info.finish_reason != "length" or info.continuations == self.max_continuations:
                    break
                info.continuations += 1
                convo = _continuation(messages, so_far)
                continue
            info.faults.append(fault.message)
            if faults >= self.stream_retries:
                info.seconds = time.perf_counter() - started
                info.chars = len(so_far)
                tried = f"，已重试 {faults} 次仍未完成" if faults else ""
                if so_far.strip():
                    raise LLMIncompleteError(f"{fault.message}{tried}。", partial=so_far)
                raise LLMError(f"{fault.message}{tried}。")
            faults += 1
            convo = _continuation(messages, so_far) if so_far.strip() else list(messages)
        info.truncated = info.finish_reason == "length"
        info.seconds = time.perf_counter() - started
        info.chars = sum(len(p) for p in produced)
        if not "".join(produced).strip():
            raise LLMError(f"模型 {self.model} 返回了空内容，请换用其他模型或改用模板撰写（composer）。")

    def complete_text(self, messages: list[Message]) -> str:
        return "".join(self.complete(messages, stream=False))

    def _call(self, messages: list[Message], stream: bool) -> Iterator[tuple[str, str | None]]:
        """(text, finish_reason) pieces of one request; raises LLMError (final) or StreamFault."""
        import openai  # ~1 s to import: only when a model is called

        chat = self._chat(stream)
        lc_messages = [(m["role"], m["content"]) for m in messages]
        received = 0
        try:
            if stream:
                finish = None
                for chunk in chat.stream(lc_messages):
                    received += 1
                    finish = (chunk.response_metadata or {}).get("finish_reason") or finish
                    yield _content_text(chunk.content), finish
                if finish is None:
                    raise faults.cut_fault(self, received)
            else:
                result = chat.invoke(lc_messages)
                yield _content_text(result.content), (result.response_metadata or {}).get("finish_reason")
        except openai.APIError as exc:
            raise faults.api_error(exc, self, received) from exc
        except (httpx.HTTPError, OSError) as exc:
            raise faults.transport_fault(exc, self, received) from exc
        except faults.MALFORMED as exc:
            raise faults.malformed_fault(exc, self, received) from exc


def _continuation(messages: list[Message], so_far: str) -> list[Message]:
    return list(messages) + [
        {"role": "assistant", "content": so_far},
        {"role": "user", "content": render("continue")},
    ]


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def discover_model(base_url: str, api_key: str | None = None, timeout: float = 10.0) -> str:
    """The first model an endpoint lists, for servers that host exactly one (llama.cpp, vLLM)."""
    url = base_url.rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        resp = httpx.get(url, headers=headers, timeout=timeout)
        resp.raise_for_status()
        models = resp.json().get("data") or []
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise LLMError(f"无法连接模型服务 {base_url}，请检查 FAZHI_LLM_BASE_URL 或服务是否已启动。") from exc
    except (httpx.HTTPError, ValueError) as exc:
        raise LLMError(f"无法从 {url} 获取模型列表，请设置 FAZHI_LLM_MODEL：{type(exc).__name__}") from exc
    if not models:
        raise LLMError(f"模型服务 {base_url} 没有列出任何模型，请设置 FAZHI_LLM_MODEL。")
    return str(models[0]["id"])


def get_llm(settings: Settings | None = None, backend: str | None = None) -> LLM | None:
    """The configured model, or None for the composer (no model needed)."""
    settings = settings or get_settings()
    chosen = backend or settings.llm_backend
    common: dict[str, Any] = dict(
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout,
        retries=settings.llm_retries,
    )
    if chosen == "composer":
        return None
    if chosen == "openai":
        if not settings.llm_base_url:
            raise ConfigError("未配置模型服务：请设置 FAZHI_LLM_BASE_URL（或改用 --backend composer）。")
        model = settings.llm_model or discover_model(settings.llm_base_url, settings.llm_api_key)
        return LLM(
            base_url=settings.llm_base_url,
            model=model,
            api_key=settings.llm_api_key or "not-needed",
            name="openai",
            **common,
        )
    if chosen == "local":
        server = shared_local_server(settings)
        return LLM(base_url=server.base_url, model=server.model, name="local", **common)
    raise ConfigError(f"未知的模型后端：{chosen}（可选 composer、openai、local）")
