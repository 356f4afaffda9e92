"""Talking to the hub over HTTPS. Every answer is checked against the protocol before it is believed, and every
failure becomes a `HubError` whose message a user can act on."""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from dzdesk.sync.protocol import API_PREFIX, ChangesPage, Me, PushRequest, PushResponse, RemoteRecord

M = TypeVar("M", bound=BaseModel)
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


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


class HubProtocolError(HubError):
    """The answer is not what a dzdesk hub sends (garbage, truncated, wrong types): nothing was changed."""


def _verify(ca_bundle: str) -> ssl.SSLContext | bool:
    if not ca_bundle:
        return True
    if not Path(ca_bundle).is_file():
        raise HubError(f"the CA bundle {ca_bundle} does not exist")
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise HubError(f"the CA bundle {ca_bundle} cannot be read: {exc}") from exc


class HubClient:
    def __init__(self, url: str, token: str, ca_bundle: str = "", timeout: httpx.Timeout = TIMEOUT,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
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

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
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
        if response.status_code >= 400 and not (method == "HEAD" and response.status_code == 404):
            if response.status_code == 404 and method == "GET" and path.startswith(("/blobs/", "/records/")):
                return response
            raise HubError(f"the hub answered {response.status_code}: {_detail(response)}", response.status_code)
        return response

    def _model(self, response: httpx.Response, model: type[M]) -> M:
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
        return response

    def changes(self, since: int, limit: int) -> ChangesPage:
        page = self._model(self._request("GET", "/changes", params={"since": since, "limit": limit}), ChangesPage)
        if page.changes and (page.changes[0].rev <= since or page.next_since != page.changes[-1].rev):
            raise HubProtocolError("the hub's page of changes is out of order; nothing was changed")
        return page

    def record(self, entity: str, record_id: str) -> RemoteRecord | None:
        response = self._request("GET", f"/records/{entity}/{record_id}")
        return None if response.status_code == 404 else self._model(response, RemoteRecord)

    def has_blob(self, sha256: str) -> bool:
        return self._request("HEAD", f"/blobs/{sha256}").status_code == 200

    def put_blob(self, sha256: str, data: bytes) -> None:
        self._request("PUT", f"/blobs/{sha256}", content=data,
                      headers={"Content-Type": "application/octet-stream"})

    def get_blob(self, sha256: str) -> bytes | None:
        response = self._request("GET", f"/blobs/{sha256}")
        if response.status_code == 404:
            return None
        if hashlib.sha256(response.content).hexdigest() != sha256:
            raise HubProtocolError(f"blob {sha256[:12]}… arrived damaged; it was not stored")
        return response.content


def _retry_after(response: httpx.Response) -> int | None:
    """The seconds a 429 answer asks to wait, when it says so in whole seconds (a date is not worth parsing)."""
    value = response.headers.get("Retry-After", "").strip()
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _detail(response: httpx.Response) -> str:
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
