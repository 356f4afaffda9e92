"""Hub accounts: a token is shown once when the account is made; the hub keeps only its hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.hub.models import HubUser
from dzdesk.sync.protocol import Role

TOKEN_PREFIX = "dzh_"


class AccountError(ValueError):
    pass


def hash_token(token: str) -> str:
    """SHA-256 suffices: tokens are 256 random bits, so there is nothing to guess that a slow hash would protect."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(session: Session, name: str, role: Role, team: str = "") -> str:
    """Creates the account and returns its token, which is never stored or shown again."""
    name = name.strip()
    if not name or len(name) > 80:
        raise AccountError("a user name must have 1 to 80 characters")
    if session.scalar(select(HubUser).where(HubUser.name == name)) is not None:
        raise AccountError(f"a user named {name} already exists")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(HubUser(name=name, role=str(role), team=team.strip(), token_hash=hash_token(token),
                        created_at=datetime.now(UTC)))
    return token


def revoke_user(session: Session, name: str) -> None:
    user = session.scalar(select(HubUser).where(HubUser.name == name))
    if user is None:
        raise AccountError(f"no user named {name}")
    user.revoked_at = user.revoked_at or datetime.now(UTC)


def authenticate(session: Session, token: str) -> HubUser | None:
    """The active user the token belongs to. The lookup is by hash; the final comparison takes constant time."""
    digest = hash_token(token)
    user = session.scalar(select(HubUser).where(HubUser.token_hash == digest))
    if user is None or user.revoked_at is not None or not hmac.compare_digest(user.token_hash, digest):
        return None
    return user
