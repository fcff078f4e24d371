"""What the web server checks before Gradio sees a request: repeated failed logins, oversized uploads.

Gradio's /login accepts any number of wrong passwords at full speed, and its upload route answers a
file over the size cap with "File size exceeded maximum allowed size of N bytes." (and its page, told
the cap, refuses the file in the browser with an English message). This ASGI middleware, installed
through launch(app_kwargs=…), slows logins down per user and client address — a few free tries, then
a lockout that doubles with each further failure — and says both refusals in Chinese.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_MAX_LOGIN_BODY = 64 * 1024


@dataclass
class _Failures:
    count: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Failed logins per (user, address): `free` tries, then each failure locks that pair for
    base · 2^(n − free − 1) seconds, at most `cap`; a success clears it. Memory is bounded."""

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.free, self.base, self.cap, self.clock, self.max_keys = free, base, cap, clock, max_keys
        self._state: OrderedDict[tuple[str, str], _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: tuple[str, str]) -> float:
        """Seconds until `key` may try again (0: now)."""
        with self._lock:
            state = self._state.get(key)
            return max(0.0, state.locked_until - self.clock()) if state else 0.0

    def failed(self, key: tuple[str, str]) -> float:
        """Record a failure; the lock it starts, in seconds."""
        with self._lock:
            state = self._state.pop(key, None) or _Failures()
            state.count += 1
            over = state.count - self.free
            lock = min(self.cap, self.base * 2 ** (over - 1)) if over > 0 else 0.0
            state.locked_until = self.clock() + lock
            self._state[key] = state
            while len(self._state) > self.max_keys:
                self._state.popitem(last=False)
            return lock

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._state.pop(key, None)


def locked_message(seconds: float) -> str:
    return f"登录失败次数过多，请 {max(1, math.ceil(seconds))} 秒后再试。"


def upload_message(cap_mb: int, limit_mb: int) -> str:
    return f"文件过大，无法上传：单个文件不能超过 {cap_mb} MB（报告文件一般应在 {limit_mb} MB 以内）。"


class Guard:
    """ASGI middleware in front of Gradio: the login throttle and Chinese upload refusals."""

    def __init__(self, app: ASGIApp, throttle: LoginThrottle, upload_cap_mb: int, upload_limit_mb: int) -> None:
        self.app, self.throttle = app, throttle
        self.upload_refusal = upload_message(upload_cap_mb, upload_limit_mb).encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", "")).rstrip("/")
        if scope.get("type") == "http" and scope.get("method") == "POST":
            if path.endswith("/login"):
                await self._login(scope, receive, send)
                return
            if path.endswith("/upload"):
                await self.app(scope, receive, self._chinese_413(send))
                return
        await self.app(scope, receive, send)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        body, more = b"", True
        while more and len(body) <= _MAX_LOGIN_BODY:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        form = parse_qs(body.decode("utf-8", "replace"))
        user = (form.get("username") or [""])[0].strip()
        client = scope.get("client") or ("?", 0)
        key = (user, str(client[0]))
        wait = self.throttle.wait(key)
        if wait > 0:
            await _respond(send, 429, {"detail": locked_message(wait)}, {"retry-after": str(math.ceil(wait))})
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        await self.app(scope, replay, watch)
        if status and status[0] == 200:
            self.throttle.succeeded(key)
        elif status and status[0] in (400, 401, 403):
            self.throttle.failed(key)

    def _chinese_413(self, send: Send) -> Send:
        """Gradio's English 413 for a file over the cap becomes our Chinese sentence."""
        replacing = False

        async def wrapped(message: Message) -> None:
            nonlocal replacing
            if message["type"] == "http.response.start" and int(message["status"]) == 413:
                replacing = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(self.upload_refusal)).encode()))
                headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
                headers.append((b"content-type", b"text/plain; charset=utf-8"))
                await send({**message, "headers": headers})
                return
            if replacing and message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": self.upload_refusal, "more_body": False})
                return
            await send(message)

        return wrapped


async def _respond(send: Send, status: int, payload: dict[str, Any], extra: dict[str, str]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in extra.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
