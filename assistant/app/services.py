"""What the tabs share: one Store per process, backend description, and safe error text.

The tabs call the same package functions as the CLI; this module only caches the store (opening
Chroma and the BM25 index once per server, not once per click) and turns any failure into the one
Chinese line a user sees instead of a stack trace.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import gradio as gr

from assistant.config import Settings, get_settings
from assistant.errors import FazhiError
from assistant.store import Store

log = logging.getLogger("fazhi.app")

_store_lock = threading.Lock()
_write_lock = threading.Lock()
_store: Store | None = None
_store_key: tuple[str, str | None, str] | None = None


def get_store(settings: Settings | None = None) -> Store:
    """The process-wide Store for the current settings (reopened if FAZHI_HOME changed)."""
    global _store, _store_key
    settings = settings or get_settings()
    key = (str(settings.store_path), settings.chroma_url, settings.collection)
    with _store_lock:
        if _store is None or _store_key != key:
            _store = Store.open(settings)
            _store_key = key
        return _store


def reset_store() -> None:
    global _store, _store_key
    with _store_lock:
        _store, _store_key = None, None


def write_lock() -> threading.Lock:
    """Ingest into the shared store one upload at a time."""
    return _write_lock


def public_url(url: str | None) -> str | None:
    """An endpoint URL without user:password, for display."""
    if not url:
        return url
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def backend_label(settings: Settings | None = None, backend: str | None = None) -> str:
    settings = settings or get_settings()
    chosen = backend if backend and backend != "auto" else settings.llm_backend
    if chosen == "composer":
        return "composer（规则模板撰写，离线，数字全部来自输入）"
    if chosen == "local":
        gguf = Path(str(settings.llm_gguf)).name if settings.llm_gguf else "内置 Gemma 3 270M"
        return f"local（本机 llama.cpp：{gguf}）"
    model = settings.llm_model or "未指定模型"
    return f"openai 兼容接口（{model} @ {public_url(settings.llm_base_url) or '未配置地址'}）"


# Library messages name the CLI option that sets a value ("（--recipients）", "或用 --unit 指定"); the web has
# fields instead of options, so those hints are left out of what a page shows.
_CLI_HINT = re.compile(r"（--[a-z][a-z-]*）|[，,]?或用 --[a-z][a-z-]* 指定")


def for_the_page(message: str) -> str:
    return _CLI_HINT.sub("", message)


def user_message(exc: BaseException) -> str:
    """The one Chinese line shown for a failure; details go to the server log."""
    if isinstance(exc, FazhiError):
        return for_the_page(str(exc))
    log.exception("app action failed", exc_info=exc)
    name = type(exc).__name__
    if "Timeout" in name:
        return "模型服务响应超时，请稍后重试，或在「设置/状态」中检查模型配置。"
    if "Connection" in name or "APIConnection" in name:
        return "无法连接模型服务，请检查模型地址是否可用。"
    return f"处理失败（{name}），请检查输入后重试；详细信息已写入服务器日志。"


# Gradio titles its pop-ups "Error" / "Warning" / "Info": every message a tab shows goes through these.
def failure(exc: BaseException) -> gr.Error:
    """The error pop-up for a failed action: its one Chinese line, no stack trace."""
    return gr.Error(user_message(exc), title="出错了", print_exception=False)


def warn(message: str, duration: float = 10) -> None:
    gr.Warning(message, duration=duration, title="提示")


def inform(message: str) -> None:
    gr.Info(message, title="提示")


def result_table(headers: list[str], label: str, widths: list[str | int], elem_id: str, **extra: Any) -> gr.Dataframe:
    """A read-only table of results: wrapped cells in the given column widths, so no column is cut off."""
    return gr.Dataframe(
        headers=headers, label=label, interactive=False, wrap=True, column_widths=widths, elem_id=elem_id, **extra
    )
