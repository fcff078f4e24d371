"""The one LLM client (any OpenAI-compatible endpoint) and the local llama.cpp server fazhi can start.

Public face: `LLM`, `get_llm`, `strip_think`, `ThinkStripper`, and from the local server `LocalServer`,
`resolve_gguf`, `free_port`, `BUNDLED_TEST_MODEL`, `stop_shared_server`.
"""

from __future__ import annotations

from assistant.llm.client import LLM, CompletionInfo, Message, ThinkStripper, discover_model, get_llm, strip_think
from assistant.llm.local_server import (
    BUNDLED_TEST_MODEL,
    LocalServer,
    free_port,
    resolve_gguf,
    shared_local_server,
    stop_shared_server,
)

__all__ = [
    "BUNDLED_TEST_MODEL",
    "LLM",
    "CompletionInfo",
    "LocalServer",
    "Message",
    "ThinkStripper",
    "discover_model",
    "free_port",
    "get_llm",
    "resolve_gguf",
    "shared_local_server",
    "stop_shared_server",
    "strip_think",
]
