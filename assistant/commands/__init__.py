"""CLI command groups, one module per noun; each exposes `register(app)`."""

from __future__ import annotations

import importlib
from types import ModuleType

_NAMES = ["parse", "figures", "store", "review", "draft", "check", "evaluate", "summarize", "serve", "demo"]


def _load() -> list[ModuleType]:
    modules = []
    for name in _NAMES:
        try:
            modules.append(importlib.import_module(f"assistant.commands.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"assistant.commands.{name}":
                raise
    return modules


COMMAND_MODULES = _load()
