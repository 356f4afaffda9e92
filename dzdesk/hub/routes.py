"""The hub's endpoints. Every one but the health check needs a bearer token (`CurrentUser`).

Each endpoint names what it depends on through the aliases of `dzdesk.hub.deps`, and declares every answer it can
give, so a client (and the fuzz test) can rely on the OpenAPI document.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from dzdesk import __version__
from dzdesk.hub import blobs, probe_results, service
from dzdesk.hub.deps import CurrentUser, DbDep, SettingsDep
from dzdesk.sync.protocol import (
    API_PREFIX,
    ENTITIES,
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

Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN)]
MAX_REV = 2**63 - 1  # the largest revision either database stores; a larger `since` is refused, not a crash


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


NO_BODY: dict[str, Any] = {"content": {}}  # an answer to HEAD, or a bare status: no body, no content type
SIGN_IN: dict[int | str, dict[str, Any]] = {
    401: _error("the token is missing, unknown or revoked"),
    413: _error("the request body is over its limit"),
    429: _error("too many refused tokens from this address; try again after `Retry-After` seconds"),
}
ERRORS: dict[int | str, dict[str, Any]] = {**SIGN_IN, 422: _error("a parameter or the body is not valid; `detail` "
                                                                  "names it")}
NOT_FOUND = {404: _error("no such record or blob")}
SCHEMA = {426: _error("the client speaks a record schema this hub does not take; `detail` says which to update")}

router = APIRouter()


@router.get(f"{API_PREFIX}/health", response_model=Health, responses={413: ERRORS[413]})
def health() -> Health:
    return Health(status="ok", version=__version__)


@router.get(f"{API_PREFIX}/me", response_model=Me, responses=SIGN_IN)
def me(user: CurrentUser) -> Me:
    return service.account_of(user)


@router.post(f"{API_PREFIX}/push", response_model=PushResponse, responses={
    **ERRORS, 400: _error("the body is not JSON"),
    409: _error("the batch id was used by another account"), **SCHEMA,
})
def push(request: PushRequest, user: CurrentUser, db: DbDep) -> PushResponse:
    try:
        return service.push(db, user, request)
    except service.SchemaMismatchError as exc:
        raise HTTPException(426, str(exc)) from exc
    except service.BatchTakenError as exc:
        raise HTTPException(409, str(exc)) from exc
    except service.BatchRefusedError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.get(f"{API_PREFIX}/changes", response_model=ChangesPage, responses={**ERRORS, **SCHEMA})
def changes(user: CurrentUser, db: DbDep, since: Annotated[int, Query(ge=0, le=MAX_REV)] = 0,
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


@router.post(f"{API_PREFIX}/probe-results", response_model=ProbeResultsStored, responses={
    **ERRORS, 400: _error("the body is not JSON")})
def upload_probe_results(request: ProbeResultsUpload, user: CurrentUser, db: DbDep,
                         settings: SettingsDep) -> ProbeResultsStored:
    """Appends the caller's probe results to its team's; a result already stored (same id) is left as it was."""
    return probe_results.upload(db, user, request, settings.keep_results_days)


@router.get(f"{API_PREFIX}/records/{{entity}}/{{record_id}}", response_model=RemoteRecord,
         responses={**ERRORS, **NOT_FOUND})
def record(user: CurrentUser, db: DbDep, entity: Annotated[str, Path(max_length=40)],
           record_id: Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]) -> RemoteRecord:
    if entity not in ENTITIES:
        raise HTTPException(404, f"unknown entity '{entity}'")
    found = service.get_record(db, user, entity, record_id)
    if found is None:
        raise HTTPException(404, "no such record")
    return found


@router.head(f"{API_PREFIX}/blobs/{{sha256}}", response_class=Response, responses={
    **ERRORS, 200: {"description": "the hub has the blob", **NO_BODY},
    404: {"description": "the hub does not have the blob", **NO_BODY}})
def blob_exists(sha256: Sha256, user: CurrentUser, db: DbDep) -> Response:
    return Response(status_code=200 if blobs.has_blob(db, user, sha256) else 404)


@router.put(f"{API_PREFIX}/blobs/{{sha256}}", status_code=201, response_class=Response, responses={
    **ERRORS, 201: {"description": "stored", **NO_BODY},
    200: {"description": "the hub had the blob already", **NO_BODY},
    400: _error("the bytes do not match their sha256")})
async def upload_blob(sha256: Sha256, request: Request, user: CurrentUser, db: DbDep) -> Response:
    data = await request.body()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HTTPException(400, "the uploaded bytes do not match their sha256; nothing was stored")
    created = blobs.put_blob(db, user, sha256, data)
    return Response(status_code=201 if created else 200)


@router.get(f"{API_PREFIX}/blobs/{{sha256}}", response_class=Response, responses={
    **ERRORS, **NOT_FOUND,
    200: {"description": "the blob's bytes", "content": {"application/octet-stream": {}}}})
def download_blob(sha256: Sha256, user: CurrentUser, db: DbDep) -> Response:
    data = blobs.get_blob(db, user, sha256)
    if data is None:
        raise HTTPException(404, "no such blob")
    return Response(content=data, media_type="application/octet-stream")

