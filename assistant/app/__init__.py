"""The fazhi web app (Gradio): 撰写助手, 报告审查, 批量汇总, 语料库, 设置/状态 — one module per tab.

Public face: `launch` and `build_app` (server), `parse_users`, `AppProcess` (the app as a child process,
for tests and supervisors), and `services.user_message` for the one-line error a user sees.
"""

from __future__ import annotations

from assistant.app.process import AppProcess
from assistant.app.server import build_app, launch, parse_users
from assistant.app.services import get_store, reset_store, user_message, write_lock

__all__ = ["AppProcess", "build_app", "get_store", "launch", "parse_users", "reset_store", "user_message", "write_lock"]
