"""What went wrong with a model endpoint, in one Chinese sentence, and whether asking again can help.

Two kinds of failure: the endpoint refused or never answered (down, 401, 404, 429/5xx after the
openai client's own retries) — `LLMError`, final; and an answer that started but did not finish
properly — the stream ended without a finish reason, a line was not JSON, the connection broke in
the middle — a `StreamFault`, which the client answers by continuing from the text already received
(or asking again when there is none). The distinction matters to the user: "cannot reach the service"
is wrong, and sends them to the wrong place, when the service had answered.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Protocol

from assistant.errors import LLMError

if TYPE_CHECKING:
    import openai


class Endpoint(Protocol):
    base_url: str
    model: str
    timeout: float
    retries: int


class StreamFault(Exception):
    """An answer that began (or an HTTP 200) but did not come back whole; worth continuing or retrying."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "cut" | "malformed" | "broken"
        self.message = message


# What a malformed body raises inside openai/langchain: json.JSONDecodeError and pydantic's
# ValidationError are ValueErrors; a JSON of the wrong shape gives TypeError/KeyError/IndexError.
MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError)
# The network errors under the wrappers, by name: httpx re-raises httpcore's (and some builds vendor
# httpcore under another module name), so the class is matched by its name, not its module.
_BROKE = {"RemoteProtocolError", "ReadError"}
_NETWORK = _BROKE | {"ConnectError", "ConnectTimeout", "ReadTimeout", "WriteError", "WriteTimeout", "PoolTimeout"}
_NO_CHUNKS = "No generation chunks"


def where(llm: Endpoint) -> str:
    return f"{llm.base_url}（模型 {llm.model}）"


def cut_fault(llm: Endpoint, received: int) -> StreamFault:
    if received == 0:
        return StreamFault("cut", f"模型服务 {where(llm)} 没有返回任何内容就结束了回答")
    return StreamFault("cut", f"模型服务 {where(llm)} 的回答没有结束标志（finish_reason）就中断了")


def malformed_fault(exc: Exception, llm: Endpoint, received: int) -> StreamFault:
    if isinstance(exc, ValueError) and _NO_CHUNKS in str(exc):
        return cut_fault(llm, received)
    if isinstance(exc, json.JSONDecodeError):
        snippet = " ".join(exc.doc.split())[:40]
        return StreamFault("malformed", f"模型服务 {where(llm)} 返回了无法解析的数据（不是 JSON：「{snippet}」）")
    return StreamFault("malformed", f"模型服务 {where(llm)} 返回的数据格式不对（{_short(exc, 80)}）")


def transport_fault(exc: BaseException, llm: Endpoint, received: int) -> StreamFault | LLMError:
    """A network error: final when nothing was answered (the openai client has retried that already),
    a fault to recover from when the service had started answering."""
    cause = _root_cause(exc)
    # A response that began and then broke (headers, an incomplete chunk) is an answer cut off; a server
    # that took the connection and closed it without a response is one that did not answer.
    broke = type(cause).__name__ in _BROKE and "without sending" not in str(cause)
    answered = received > 0 or broke
    timed_out = "Timeout" in type(cause).__name__ or "Timeout" in type(exc).__name__
    if not answered:
        if timed_out:
            return LLMError(
                f"模型服务 {where(llm)} 在 {llm.timeout:g} 秒内没有响应，请稍后重试或调大 FAZHI_LLM_TIMEOUT。"
            )
        if type(cause).__name__ == "RemoteProtocolError":
            return LLMError(f"模型服务 {where(llm)} 接受了连接但没有回应，已重试 {llm.retries} 次，请检查服务日志。")
        return LLMError(f"无法连接模型服务 {llm.base_url}，请检查 FAZHI_LLM_BASE_URL 或服务是否已启动。")
    if timed_out:
        return StreamFault("broken", f"模型服务 {where(llm)} 的回答在中途停顿超过 {llm.timeout:g} 秒")
    return StreamFault("broken", f"模型服务 {where(llm)} 已开始回答，但传输在中途断开（{_reason(cause)}）")


def _root_cause(exc: BaseException) -> BaseException:
    """The network error under the wrappers (langchain's around openai's around httpx's)."""
    seen: set[int] = set()
    while id(exc) not in seen and type(exc).__name__ not in _NETWORK:
        seen.add(id(exc))
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return exc


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "incomplete chunked read" in text or "peer closed" in text:
        return "连接被对方关闭，回答不完整"
    if type(exc).__name__ == "ReadError" or "reset" in text:
        return "连接被重置"
    return type(exc).__name__


def api_error(exc: openai.APIError, llm: Endpoint, received: int) -> StreamFault | LLMError:
    import openai

    if isinstance(exc, openai.APIConnectionError):  # also APITimeoutError
        return transport_fault(exc, llm, received)
    if isinstance(exc, openai.RateLimitError):
        return LLMError(f"模型服务 {where(llm)} 限流（429），已重试 {llm.retries} 次仍失败，请稍后再试。")
    if isinstance(exc, openai.AuthenticationError):
        return LLMError(f"模型服务 {where(llm)} 拒绝了访问密钥（401），请检查 FAZHI_LLM_API_KEY。")
    if isinstance(exc, openai.NotFoundError):
        return LLMError(f"模型服务 {llm.base_url} 上找不到模型 {llm.model}（404），请检查 FAZHI_LLM_MODEL。")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return LLMError(f"模型服务 {where(llm)} 内部错误（{exc.status_code}），已重试 {llm.retries} 次仍失败。")
        return LLMError(f"模型服务 {where(llm)} 拒绝了请求（{exc.status_code}）：{_short(exc)}")
    if isinstance(exc, openai.APIResponseValidationError):
        return StreamFault("malformed", f"模型服务 {where(llm)} 返回的数据格式不对（{_short(exc, 80)}）")
    if received > 0:  # an error event in the middle of a stream
        return StreamFault("broken", f"模型服务 {where(llm)} 在回答中途报错：{_short(exc, 80)}")
    return LLMError(f"模型服务 {where(llm)} 出错：{_short(exc)}")


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"
