"""Talking to the hub over HTTPS. Every answer is checked against the protocol before it is believed, and every
failure becomes a `HubError` whose message a user can act on."""

from __future__ import annotations

import hashlib
import re
import ssl
import time
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from dzdesk.sync.protocol import (
    API_PREFIX,
    MAX_BLOB_BYTES,
    MAX_RESULTS,
    SCHEMA_VERSION,
    ChangesPage,
    Me,
    Outcome,
    ProbeResultsStored,
    ProbeResultsUpload,
    PushRequest,
    PushResponse,
    RemoteRecord,
)
from dzdesk.trust import TrustError, trusting_context

M = TypeVar("M", bound=BaseModel)
TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # for each step: connecting, and every read of the answer
# A whole answer must have arrived by then, however it trickles in (each read within TIMEOUT or not): long enough
# for the largest blob on a slow line.
DEADLINE = 900.0
MAX_ANSWER_BYTES = 128 * 1024 * 1024  # a page of records; a blob may be MAX_BLOB_BYTES
MAX_REV = 2**63 - 1  # the largest revision the hub's databases store (the hub refuses a larger `since`)


class HubError(Exception):
    """The hub could not be used; the message says why."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HubUnreachableError(HubError):
    """No answer at all: the machine is offline, or the hub is down. Sync waits and tries again."""


class HubAuthError(HubError):
    """The token is missing, unknown or revoked."""


class HubThrottledError(HubError):
    """The hub refuses sign-ins from this address for a while, after too many refused tokens from it."""

    def __init__(self, message: str, retry_after: int | None) -> None:
        super().__init__(message, 429)
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[type[HubThrottledError], tuple[str, int | None]]:
        """Rebuilt whole on the other side of a pipe (a sync in a process of its own)."""
        return type(self), (str(self), self.retry_after)


class HubProtocolError(HubError):
    """The answer is not what a dzdesk hub sends (garbage, truncated, wrong types): nothing was changed."""


def _verify(ca_bundle: str) -> ssl.SSLContext:
    """The system's certificates, and the team's CA bundle besides them when one is set."""
    try:
        return trusting_context(ca_bundle)
    except TrustError as exc:
        raise HubError(str(exc)) from exc


class HubClient:
    def __init__(self, url: str, token: str, ca_bundle: str = "", timeout: httpx.Timeout = TIMEOUT,
                 transport: httpx.BaseTransport | None = None, deadline: float = DEADLINE) -> None:
        self.url = url.rstrip("/")
        self.deadline = deadline
        if not self.url.startswith(("https://", "http://")):
            raise HubError(f"'{url}' is not a hub address; it starts with https://")
        self._http = httpx.Client(base_url=self.url + API_PREFIX, headers={"Authorization": f"Bearer {token}"},
                                  verify=_verify(ca_bundle), timeout=timeout, transport=transport,
                                  follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, limit: int | None = None, **kwargs: Any) -> httpx.Response:
        try:
            response = self._read(method, path, MAX_ANSWER_BYTES if limit is None else limit, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise HubUnreachableError(f"cannot reach the hub at {self.url}: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise HubUnreachableError(f"the hub at {self.url} did not answer in time") from exc
        except httpx.RemoteProtocolError as exc:
            raise HubUnreachableError(f"the connection to the hub broke off: {exc}") from exc
        except httpx.HTTPError as exc:
            raise HubError(f"talking to the hub failed: {exc}") from exc
        if response.status_code == 401:
            raise HubAuthError("the hub refused the token: sign in again (dzdesk login)")
        if response.status_code == 429:
            wait = _retry_after(response)
            when = f"in {wait} s" if wait is not None else "later"
            raise HubThrottledError(f"the hub refused too many tokens from this computer's address and is making it "
                                    f"wait: try again {when}, and check the token if it keeps happening", wait)
        if response.status_code == 426:  # the hub and this dzdesk speak different record schemas; it says which
            raise HubError(_detail(response), 426)
        if response.status_code >= 400 and not (method == "HEAD" and response.status_code == 404):
            if response.status_code == 404 and method == "GET" and path.startswith(("/blobs/", "/records/")):
                return response
            raise HubError(f"the hub answered {response.status_code}: {_detail(response)}", response.status_code)
        return response

    def _read(self, method: str, path: str, limit: int, **kwargs: Any) -> httpx.Response:
        """The whole answer, read in pieces so that one that never ends, or is far too large, is given up on in
        words instead of hanging the sync or filling the memory."""
        started = time.monotonic()
        with self._http.stream(method, path, **kwargs) as streamed:
            declared = streamed.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise HubProtocolError(f"the hub's answer would be {_megabytes(int(declared))}, more than "
                                       f"{_megabytes(limit)}; nothing was changed")
            chunks, size = [], 0
            for chunk in streamed.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise HubProtocolError(f"the hub's answer is larger than {_megabytes(limit)}; nothing was "
                                           "changed")
                if time.monotonic() - started > self.deadline:
                    raise HubUnreachableError(f"the hub at {self.url} did not finish its answer within "
                                              f"{self.deadline:.0f} s; nothing was changed")
                chunks.append(chunk)
            headers = [(k, v) for k, v in streamed.headers.multi_items()
                       if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
            return httpx.Response(streamed.status_code, headers=headers, content=b"".join(chunks),
                                  request=streamed.request)

    def _json(self, response: httpx.Response) -> None:
        """Something other than the hub (a proxy's error page, a network's sign-in page) may answer in its place."""
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise HubProtocolError(f"the answer is {kind or 'of no declared type'}, not the hub's JSON: something "
                                   f"else at {self.url} answered in its place (a proxy or a sign-in page?); "
                                   "nothing was changed")

    def _model(self, response: httpx.Response, model: type[M]) -> M:
        self._json(response)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            first = exc.errors()[0] if exc.errors() else {}
            where = ".".join(str(p) for p in first.get("loc", ())) or "the body"
            raise HubProtocolError(f"the hub's answer is not valid ({where}: {first.get('msg', exc)}); "
                                   "nothing was changed") from exc

    def me(self) -> Me:
        return self._model(self._request("GET", "/me"), Me)

    def push(self, request: PushRequest) -> PushResponse:
        response = self._model(self._request("POST", "/push", content=request.model_dump_json(),
                                             headers={"Content-Type": "application/json"}), PushResponse)
        if response.batch_id != request.batch_id or len(response.results) != len(request.changes):
            raise HubProtocolError("the hub answered a different batch; nothing was changed")
        for change, result in zip(request.changes, response.results, strict=True):
            if (result.entity, result.id) != (change.entity, change.id):
                raise HubProtocolError("the hub's answer does not match the changes sent; nothing was changed")
            if result.rev > MAX_REV or (result.rev == 0) != (result.outcome == Outcome.REJECTED):
                raise HubProtocolError(f"the hub's answer gives {change.entity} {change.id[:8]} the revision "
                                       f"{_short(result.rev)}; nothing was changed")
            if result.payload is not None and result.payload.get("id") != change.id:
                raise HubProtocolError(f"the hub's answer for {change.entity} {change.id[:8]} holds another "
                                       "record; nothing was changed")
        return response

    def upload_results(self, request: ProbeResultsUpload) -> ProbeResultsStored:
        stored = self._model(self._request("POST", "/probe-results", content=request.model_dump_json(),
                                           headers={"Content-Type": "application/json"}), ProbeResultsStored)
        if stored.stored + stored.already != len(request.results):
            raise HubProtocolError(f"the hub counted {stored.stored + stored.already} probe results of "
                                   f"{len(request.results)} sent; nothing was marked as sent")
        return stored

    def changes(self, since: int, limit: int, results_since: int = 0) -> ChangesPage:
        params = {"since": since, "limit": limit, "schema_version": SCHEMA_VERSION, "results_since": results_since}
        page = self._model(self._request("GET", "/changes", params=params), ChangesPage)
        seqs = [result.seq for result in page.results]
        if any(b <= a for a, b in zip([results_since, *seqs], seqs, strict=False)) or len(seqs) > MAX_RESULTS \
                or (seqs[-1] if seqs else results_since) != page.results_next or page.results_next > MAX_REV \
                or (page.results_more and not seqs):
            raise HubProtocolError("the hub's page of probe results is out of order; nothing was changed")
        revs = [remote.rev for remote in page.changes]
        if len(revs) > limit:
            raise HubProtocolError(f"the hub sent {len(revs)} changes for a page of {limit}; nothing was changed")
        if any(b <= a for a, b in zip([since, *revs], revs, strict=False)):
            raise HubProtocolError("the hub's page of changes is out of order; nothing was changed")
        for remote in page.changes:
            _check_record(remote)
        if page.next_since > MAX_REV or (revs[-1] if revs else since) != page.next_since or (page.more and not revs):
            raise HubProtocolError(f"the hub's page of changes ends at {_short(page.next_since)}, not after its "
                                   "last change; nothing was changed")
        return page

    def record(self, entity: str, record_id: str) -> RemoteRecord | None:
        response = self._request("GET", f"/records/{entity}/{record_id}")
        if response.status_code == 404:
            return None
        remote = self._model(response, RemoteRecord)
        if (remote.entity, remote.id) != (entity, record_id):
            raise HubProtocolError(f"asked for {entity} {record_id[:8]}, the hub sent {remote.entity[:40]} "
                                   f"{remote.id[:8]}; nothing was changed")
        _check_record(remote)
        return remote

    def has_blob(self, sha256: str) -> bool:
        return self._request("HEAD", f"/blobs/{sha256}").status_code == 200

    def put_blob(self, sha256: str, data: bytes) -> None:
        self._request("PUT", f"/blobs/{sha256}", content=data,
                      headers={"Content-Type": "application/octet-stream"})

    def get_blob(self, sha256: str) -> bytes | None:
        response = self._request("GET", f"/blobs/{sha256}", limit=MAX_BLOB_BYTES)
        if response.status_code == 404:
            return None
        if hashlib.sha256(response.content).hexdigest() != sha256:
            raise HubProtocolError(f"blob {sha256[:12]}… arrived damaged; it was not stored")
        return response.content


def _check_record(remote: RemoteRecord) -> None:
    """A record the hub sent must fit the local database: a revision SQLite can store, and the id it is sent as."""
    if remote.rev > MAX_REV:
        raise HubProtocolError(f"the hub sent {remote.entity[:40]} {remote.id[:8]} with the revision "
                               f"{_short(remote.rev)}; nothing was changed")
    if remote.payload.get("id", remote.id) != remote.id:
        raise HubProtocolError(f"the hub sent {remote.entity[:40]} {remote.id[:8]} holding the id "
                               f"{str(remote.payload['id'])[:40]!r}; nothing was changed")


def _short(number: int) -> str:
    text = str(number)
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} digits)"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _retry_after(response: httpx.Response) -> int | None:
    """The seconds a 429 answer asks to wait, when it says so in whole seconds (a date is not worth parsing)."""
    value = response.headers.get("Retry-After", "").strip()
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _detail(response: httpx.Response) -> str:
    if response.headers.get("Content-Type", "").lower().startswith("text/html"):
        # A proxy's or a server's own error page: its title says what it is, its markup helps nobody.
        title = re.search(r"<title[^>]*>([^<]{1,200})", response.text, re.IGNORECASE)
        said = " ".join(title.group(1).split()) if title else response.reason_phrase
        return f"an HTML page ({said}), not the hub's own answer: is the hub behind its proxy running?"
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        return str(detail[0].get("msg", detail))[:200]
    return str(body)[:200]
