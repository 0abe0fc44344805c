"""Request limits: body size (413) and requests per minute per API key (429)."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from companion.server.errors import error_body


class RateLimiter:
    """A sliding one-minute window per key, in this process. With several workers each worker
    counts its own requests (README: limits per worker)."""

    def __init__(self, per_minute: int, window_seconds: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window_seconds
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float | None:
        """None when the call is allowed (and counted); else seconds until the next is."""
        now = time.monotonic()
        with self._lock:
            calls = self._calls.setdefault(key, deque())
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) >= self.per_minute:
                return calls[0] + self.window - now
            calls.append(now)
            return None

    @staticmethod
    def retry_after(seconds: float) -> str:
        return str(max(1, math.ceil(seconds)))


@dataclass(frozen=True)
class OverLimit:
    """A key over its rate limit: what to tell the client and when it may try again."""

    message: str
    retry_after: str


def over_rate_limit(request: Request, key_name: str) -> OverLimit | None:
    """Count one request of this key against the app's limiter; OverLimit when it is over."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.check(key_name)
    if wait is None:
        return None
    return OverLimit(
        f"more than {limiter.per_minute} requests in a minute with this key", limiter.retry_after(wait)
    )


class BodySizeLimit:
    """Answers 413 to a request body larger than `limit` bytes, by its Content-Length or, for
    streamed (chunked) bodies, as soon as the bytes received pass the limit. Then the app is told
    that the client has gone, and whatever it still tries to send is dropped: a form parser or a
    route that meets the cut-off body can neither turn it into a 400 nor a 500."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        received = 0
        started = False  # the app has begun its own response
        refused = False  # we answered 413

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    if not started:
                        refused = True
                        await self._too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:
                raise  # a real error: the server's own handlers deal with it

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(
            error_body("too_large", f"the request body is larger than the limit of {self.limit} bytes")
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
