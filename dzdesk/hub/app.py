"""The hub's HTTP API. Every endpoint but the health check needs a bearer token."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dzdesk import __version__
from dzdesk.hub import service
from dzdesk.hub.accounts import authenticate
from dzdesk.hub.database import HubDatabase
from dzdesk.hub.models import HubUser
from dzdesk.sync.protocol import (
    API_PREFIX,
    ENTITIES,
    MAX_BLOB_BYTES,
    MAX_BODY_BYTES,
    MAX_PAGE,
    SHA256_PATTERN,
    ChangesPage,
    ErrorBody,
    Health,
    Me,
    PushRequest,
    PushResponse,
    RemoteRecord,
    Role,
)

_bearer = HTTPBearer(auto_error=False, description="the token `dzdesk hub add-user` printed")
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN)]
ERRORS = {401: {"model": ErrorBody}, 409: {"model": ErrorBody}, 413: {"model": ErrorBody}, 422: {"model": ErrorBody}}


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
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "sign in: send the token as 'Authorization: Bearer …'",
                            headers={"WWW-Authenticate": "Bearer"})
    db: HubDatabase = request.app.state.db
    with db.transaction() as session:
        user = authenticate(session, credentials.credentials)
    if user is None:
        raise HTTPException(401, "the token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
    return user


User = Annotated[HubUser, Depends(current_user)]


def create_app(db: HubDatabase) -> FastAPI:
    app = FastAPI(title="dzdesk hub", version=__version__,
                  description="The central API the dzdesk clients of a team sync their records and blobs with.")
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(BodyLimit)

    @app.get(f"{API_PREFIX}/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", version=__version__)

    @app.get(f"{API_PREFIX}/me", response_model=Me, responses=ERRORS)
    def me(user: User) -> Me:
        return Me(name=user.name, role=Role(user.role), team=user.team)

    @app.post(f"{API_PREFIX}/push", response_model=PushResponse, responses=ERRORS)
    def push(request: PushRequest, user: User) -> PushResponse:
        try:
            return service.push(db, user, request)
        except service.BatchTakenError as exc:
            raise HTTPException(409, str(exc)) from exc
        except service.BatchRefusedError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get(f"{API_PREFIX}/changes", response_model=ChangesPage, responses=ERRORS)
    def changes(user: User, since: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500) -> ChangesPage:
        return service.changes(db, user, since, limit)

    @app.get(f"{API_PREFIX}/records/{{entity}}/{{record_id}}", response_model=RemoteRecord,
             responses={**ERRORS, 404: {"model": ErrorBody}})
    def record(user: User, entity: Annotated[str, Path(max_length=40)],
               record_id: Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]) -> RemoteRecord:
        if entity not in ENTITIES:
            raise HTTPException(404, f"unknown entity '{entity}'")
        found = service.get_record(db, user, entity, record_id)
        if found is None:
            raise HTTPException(404, "no such record")
        return found

    @app.head(f"{API_PREFIX}/blobs/{{sha256}}", responses={**ERRORS, 404: {"model": ErrorBody}})
    def blob_exists(sha256: Sha256, _user: User) -> Response:
        return Response(status_code=200 if service.has_blob(db, sha256) else 404)

    @app.put(f"{API_PREFIX}/blobs/{{sha256}}", status_code=201, responses={**ERRORS, 400: {"model": ErrorBody}})
    async def upload_blob(sha256: Sha256, request: Request, user: User) -> Response:
        data = await request.body()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise HTTPException(400, "the uploaded bytes do not match their sha256; nothing was stored")
        created = service.put_blob(db, user, sha256, data)
        return Response(status_code=201 if created else 200)

    @app.get(f"{API_PREFIX}/blobs/{{sha256}}", responses={**ERRORS, 404: {"model": ErrorBody}},
             response_class=Response)
    def download_blob(sha256: Sha256, _user: User) -> Response:
        data = service.get_blob(db, sha256)
        if data is None:
            raise HTTPException(404, "no such blob")
        return Response(content=data, media_type="application/octet-stream")

    return app
