"""The hub's HTTP API. Every endpoint but the health check needs a bearer token."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dzdesk import __version__
from dzdesk.hub import probe_results, service
from dzdesk.hub.accounts import SignInThrottle, authenticate
from dzdesk.hub.database import HubDatabase
from dzdesk.hub.models import HubUser
from dzdesk.sync.protocol import (
    API_PREFIX,
    ENTITIES,
    MAX_BLOB_BYTES,
    MAX_BODY_BYTES,
    MAX_PAGE,
    MIN_SCHEMA,
    SCHEMA_VERSION,
    SHA256_PATTERN,
    ChangesPage,
    ErrorBody,
    Health,
    Me,
    ProbeResultsStored,
    ProbeResultsUpload,
    PushRequest,
    PushResponse,
    RemoteRecord,
)

_bearer = HTTPBearer(auto_error=False, description="the token `dzdesk hub add-user` printed")
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN)]
MAX_REV = 2**63 - 1  # the largest revision either database stores; a larger `since` is refused, not a crash


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


NO_BODY: dict[str, Any] = {"content": {}}  # an answer to HEAD, or a bare status: no body, no content type
# Every answer an endpoint can give is declared, so a client (and the fuzz test) can rely on the document.
SIGN_IN: dict[int | str, dict[str, Any]] = {
    401: _error("the token is missing, unknown or revoked"),
    413: _error("the request body is over its limit"),
    429: _error("too many refused tokens from this address; try again after `Retry-After` seconds"),
}
ERRORS: dict[int | str, dict[str, Any]] = {**SIGN_IN, 422: _error("a parameter or the body is not valid; `detail` "
                                                                  "names it")}
NOT_FOUND = {404: _error("no such record or blob")}
SCHEMA = {426: _error("the client speaks a record schema this hub does not take; `detail` says which to update")}


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


def current_user(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> HubUser:
    throttle: SignInThrottle = request.app.state.throttle
    address = request.client.host if request.client is not None else ""
    wait = throttle.wait(address)
    if wait:  # refused before the token is looked at: a right guess looks the same as a wrong one
        raise HTTPException(429, f"too many refused tokens from this address; try again in {wait} s",
                            headers={"Retry-After": str(wait)})
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "sign in: send the token as 'Authorization: Bearer …'",
                            headers={"WWW-Authenticate": "Bearer"})
    db: HubDatabase = request.app.state.db
    with db.transaction() as session:
        user = authenticate(session, credentials.credentials)
    if user is None:
        throttle.failed(address)
        raise HTTPException(401, "the token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
    return user


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


User = Annotated[HubUser, Depends(current_user)]


def create_app(db: HubDatabase, throttle: SignInThrottle | None = None,
               keep_results_days: int = probe_results.KEEP_DAYS) -> FastAPI:
    app = FastAPI(title="dzdesk hub", version=__version__,
                  description="The central API the dzdesk clients of a team sync their records and blobs with.")
    app.state.db = db
    app.state.throttle = throttle or SignInThrottle()
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(BodyLimit)

    @app.get(f"{API_PREFIX}/health", response_model=Health, responses={413: ERRORS[413]})
    def health() -> Health:
        return Health(status="ok", version=__version__)

    @app.get(f"{API_PREFIX}/me", response_model=Me, responses=SIGN_IN)
    def me(user: User) -> Me:
        return service.account_of(user)

    @app.post(f"{API_PREFIX}/push", response_model=PushResponse, responses={
        **ERRORS, 400: _error("the body is not JSON"),
        409: _error("the batch id was used by another account"), **SCHEMA,
    })
    def push(request: PushRequest, user: User) -> PushResponse:
        try:
            return service.push(db, user, request)
        except service.SchemaMismatchError as exc:
            raise HTTPException(426, str(exc)) from exc
        except service.BatchTakenError as exc:
            raise HTTPException(409, str(exc)) from exc
        except service.BatchRefusedError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get(f"{API_PREFIX}/changes", response_model=ChangesPage, responses={**ERRORS, **SCHEMA})
    def changes(user: User, since: Annotated[int, Query(ge=0, le=MAX_REV)] = 0,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
                schema_version: Annotated[int, Query(ge=MIN_SCHEMA, le=SCHEMA_VERSION, description="the record "
                                                     "schema the client speaks; absent for clients older than any "
                                                     "hub takes")] = 1,
                results_since: Annotated[int, Query(ge=0, le=MAX_REV, description="the last probe result's `seq` "
                                                    "the client has")] = 0,
                ) -> ChangesPage:
        try:
            return service.changes(db, user, since, limit, schema_version, results_since)
        except service.SchemaMismatchError as exc:
            raise HTTPException(426, str(exc)) from exc

    @app.post(f"{API_PREFIX}/probe-results", response_model=ProbeResultsStored, responses={
        **ERRORS, 400: _error("the body is not JSON")})
    def upload_probe_results(request: ProbeResultsUpload, user: User) -> ProbeResultsStored:
        """Appends the caller's probe results to its team's; a result already stored (same id) is left as it was."""
        return probe_results.upload(db, user, request, keep_results_days)

    @app.get(f"{API_PREFIX}/records/{{entity}}/{{record_id}}", response_model=RemoteRecord,
             responses={**ERRORS, **NOT_FOUND})
    def record(user: User, entity: Annotated[str, Path(max_length=40)],
               record_id: Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]) -> RemoteRecord:
        if entity not in ENTITIES:
            raise HTTPException(404, f"unknown entity '{entity}'")
        found = service.get_record(db, user, entity, record_id)
        if found is None:
            raise HTTPException(404, "no such record")
        return found

    @app.head(f"{API_PREFIX}/blobs/{{sha256}}", response_class=Response, responses={
        **ERRORS, 200: {"description": "the hub has the blob", **NO_BODY},
        404: {"description": "the hub does not have the blob", **NO_BODY}})
    def blob_exists(sha256: Sha256, user: User) -> Response:
        return Response(status_code=200 if service.has_blob(db, user, sha256) else 404)

    @app.put(f"{API_PREFIX}/blobs/{{sha256}}", status_code=201, response_class=Response, responses={
        **ERRORS, 201: {"description": "stored", **NO_BODY},
        200: {"description": "the hub had the blob already", **NO_BODY},
        400: _error("the bytes do not match their sha256")})
    async def upload_blob(sha256: Sha256, request: Request, user: User) -> Response:
        data = await request.body()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise HTTPException(400, "the uploaded bytes do not match their sha256; nothing was stored")
        created = service.put_blob(db, user, sha256, data)
        return Response(status_code=201 if created else 200)

    @app.get(f"{API_PREFIX}/blobs/{{sha256}}", response_class=Response, responses={
        **ERRORS, **NOT_FOUND,
        200: {"description": "the blob's bytes", "content": {"application/octet-stream": {}}}})
    def download_blob(sha256: Sha256, user: User) -> Response:
        data = service.get_blob(db, user, sha256)
        if data is None:
            raise HTTPException(404, "no such blob")
        return Response(content=data, media_type="application/octet-stream")

    return app
