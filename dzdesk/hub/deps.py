"""What the hub's endpoints depend on, declared once as named aliases (`DbDep`, `CurrentUser`, `SettingsDep`, …).

`create_app` wires the database, the settings and the sign-in throttle into the application when it starts; these
providers are the only code that reads them back, so an endpoint names what it needs in its signature and never
looks into the application object. `DbDep` is the database, not a request-wide session: each service call owns its
transaction (a push holds the revision lock for exactly its own, a blob upload retries in a fresh one), and it
commits before the endpoint answers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from dzdesk.hub.accounts import SignInThrottle, authenticate
from dzdesk.hub.database import HubDatabase
from dzdesk.hub.models import HubUser
from dzdesk.hub.settings import HubSettings

_bearer = HTTPBearer(auto_error=False, description="the token `dzdesk hub add-user` printed")


def hub_database(request: Request) -> HubDatabase:
    return request.app.state.db


def hub_settings(request: Request) -> HubSettings:
    return request.app.state.settings


def sign_in_throttle(request: Request) -> SignInThrottle:
    return request.app.state.throttle


def client_address(request: Request) -> str:
    """The caller's address as the server saw it (the proxy's forwarded one from 127.0.0.1 only)."""
    return request.client.host if request.client is not None else ""


DbDep = Annotated[HubDatabase, Depends(hub_database)]
SettingsDep = Annotated[HubSettings, Depends(hub_settings)]
ThrottleDep = Annotated[SignInThrottle, Depends(sign_in_throttle)]
ClientAddress = Annotated[str, Depends(client_address)]
BearerToken = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def current_user(db: DbDep, throttle: ThrottleDep, address: ClientAddress, credentials: BearerToken) -> HubUser:
    """The account the bearer token belongs to; refused with 429 while the address is throttled, before the token
    is looked at, so a right guess looks the same as a wrong one."""
    wait = throttle.wait(address)
    if wait:
        raise HTTPException(429, f"too many refused tokens from this address; try again in {wait} s",
                            headers={"Retry-After": str(wait)})
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "sign in: send the token as 'Authorization: Bearer …'",
                            headers={"WWW-Authenticate": "Bearer"})
    with db.transaction() as session:
        user = authenticate(session, credentials.credentials)
    if user is None:
        throttle.failed(address)
        raise HTTPException(401, "the token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[HubUser, Depends(current_user)]
