"""The hub's HTTP application: its middleware, its error answers and its wiring; the endpoints are in
`dzdesk.hub.routes`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dzdesk import __version__
from dzdesk.hub import service
from dzdesk.hub.accounts import SignInThrottle
from dzdesk.hub.database import HubDatabase
from dzdesk.hub.routes import router
from dzdesk.hub.settings import HubSettings
from dzdesk.sync.protocol import API_PREFIX, MAX_BLOB_BYTES, MAX_BODY_BYTES

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
                    "Referrer-Policy": "no-referrer"}


class BodyLimit:
    """Refuses a request body over its limit: at once from a declared length, or, for a body streamed without
    one, after reading up to the limit (the body is then replayed to the app, which never sees an over-size one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = MAX_BLOB_BYTES if scope["path"].startswith(f"{API_PREFIX}/blobs/") else MAX_BODY_BYTES
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await _too_large(limit, send)
                return
            await self.app(scope, receive, send)  # the server holds the body to its declared length
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(limit, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)


async def _too_large(limit: int, send: Send) -> None:
    response = JSONResponse({"detail": f"the request body is larger than {limit // (1024 * 1024)} MB"},
                            status_code=413, headers=SECURITY_HEADERS)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


log = logging.getLogger(__name__)


async def _client_gone(request: Request, _exc: Exception) -> Response:
    """A client that went away mid-request (a laptop shut, a killed process) is routine: nothing of its request
    was stored, and it sends again. Logged as such, not as a server error."""
    log.info("client %s went away during %s %s", request.client.host if request.client else "?", request.method,
             request.url.path)
    return Response(status_code=400, headers=SECURITY_HEADERS)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """A refused parameter or body, said in one line (`query.since: Input should be …`), in the same shape as
    every other error the hub answers with."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    for error in errors:  # a schema this hub does not speak is said as such, whatever else is wrong
        if tuple(error.get("loc", ()))[-1:] == ("schema_version",) and isinstance(error.get("input"), int | str):
            try:
                service.check_schema(int(error["input"]))
            except (service.SchemaMismatchError, ValueError) as mismatch:
                if isinstance(mismatch, service.SchemaMismatchError):
                    return JSONResponse({"detail": str(mismatch)}, status_code=426)
    lines = []
    for error in errors[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()))
        lines.append(f"{where}: {error.get('msg', 'not valid')}" if where else str(error.get("msg", "not valid")))
    if len(errors) > 3:
        lines.append(f"and {len(errors) - 3} more")
    return JSONResponse({"detail": "; ".join(lines) or "the request is not valid"}, status_code=422)


def create_app(db: HubDatabase, settings: HubSettings | None = None) -> FastAPI:
    """The hub's application over `db`, with `settings` (the defaults when none are given). What the endpoints
    depend on is wired here, once, and read back only by the providers of `dzdesk.hub.deps`."""
    settings = settings or HubSettings()
    app = FastAPI(title="dzdesk hub", version=__version__,
                  description="The central API the dzdesk clients of a team sync their records and blobs with.")
    app.state.db = db
    app.state.settings = settings
    app.state.throttle = SignInThrottle(limit=settings.sign_in_limit, window=settings.sign_in_window)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(BodyLimit)
    app.include_router(router)
    return app
