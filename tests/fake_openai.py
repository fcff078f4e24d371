"""A scripted OpenAI-compatible chat server on loopback, for deterministic LLM-path tests.

Replies are queued: a string (answered, streamed in small chunks when asked to stream), or a dict
with any of text, finish_reason ("stop"/"length"), status (e.g. 429, 500 — an error answer),
delay (seconds before answering), chunks (explicit stream pieces). With the queue empty the
`responder(request_json) -> str | dict` callable answers (default: a fixed Chinese sentence).
Every request body is kept in `.requests` so tests can assert what the prompt contained.

Misbehaviour on purpose (streaming only), as real servers and proxies do it:
- "cut": True — the pieces, then the connection closes cleanly: no finish_reason, no [DONE];
- "garbage": "…" — after `after` pieces (default: half) a `data:` line that is not JSON, then the rest;
- "break_after": n — chunked transfer encoding, and after n pieces the socket closes in the middle
  of a chunk (an incomplete chunked read, as when a proxy or the model server dies mid-answer);
- "raw": "…" — a non-streaming answer whose body is this text instead of JSON.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = str | dict[str, Any]


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up on a misbehaving answer is expected, not a server error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeOpenAI:
    def __init__(self, model: str = "fake-model") -> None:
        self.model = model
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.responder: Callable[[dict[str, Any]], Reply] = lambda _req: "这是模拟模型的回答。"
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def queue(self, *replies: Reply) -> FakeOpenAI:
        self.replies.extend(replies)
        return self

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def last_messages(self) -> list[dict[str, str]]:
        return self.requests[-1]["messages"] if self.requests else []

    def _next(self, request: dict[str, Any]) -> dict[str, Any]:
        reply = self.replies.popleft() if self.replies else self.responder(request)
        return {"text": reply} if isinstance(reply, str) else dict(reply)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": fake.model, "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(request)
                reply = fake._next(request)
                if reply.get("delay"):
                    time.sleep(float(reply["delay"]))
                status = int(reply.get("status", 200))
                if status != 200:
                    self._json(status, {"error": {"message": reply.get("text", "scripted error"), "type": "fake"}})
                    return
                text = reply.get("text", "")
                finish = reply.get("finish_reason", "stop")
                if request.get("stream"):
                    self._stream(
                        reply.get("chunks") or [text[i : i + 6] for i in range(0, len(text), 6)], finish, reply
                    )
                elif "raw" in reply:
                    data = str(reply["raw"]).encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self._json(
                        200,
                        {
                            "id": "chatcmpl-fake",
                            "object": "chat.completion",
                            "created": int(time.time()),
                            "model": fake.model,
                            "choices": [
                                {"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": text}}
                            ],
                            "usage": {
                                "prompt_tokens": 10,
                                "completion_tokens": len(text),
                                "total_tokens": 10 + len(text),
                            },
                        },
                    )

            def _stream(self, pieces: list[str], finish: str, reply: dict[str, Any]) -> None:
                chunked = reply.get("break_after") is not None
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                base = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": fake.model,
                }

                def event(delta: dict[str, str], reason: str | None = None) -> bytes:
                    body = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": reason}]}
                    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()

                def send(data: bytes) -> None:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
                    self.wfile.flush()

                send(event({"role": "assistant", "content": ""}))
                garbage_at = int(reply.get("after", len(pieces) // 2)) if "garbage" in reply else -1
                for n, piece in enumerate(pieces):
                    if n == reply.get("break_after"):
                        # A chunk header promising more bytes than ever come, then the socket closes.
                        self.wfile.write(b"400\r\n" + event({"content": piece})[:20])
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    if n == garbage_at:
                        send(f"data: {reply['garbage']}\n\n".encode())
                    send(event({"content": piece}))
                if reply.get("cut"):
                    return  # the connection just closes: no finish_reason, no [DONE]
                send(event({}, finish))
                send(b"data: [DONE]\n\n")
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()

        return Handler
