"""Hub accounts: a token is shown once when the account is made; the hub keeps only its hash."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dzdesk.hub.models import HubUser
from dzdesk.hub.settings import DEFAULT_SIGN_IN_LIMIT, DEFAULT_SIGN_IN_WINDOW
from dzdesk.sync.protocol import Role

TOKEN_PREFIX = "dzh_"


class AccountError(ValueError):
    pass


def hash_token(token: str) -> str:
    """SHA-256 suffices: tokens are 256 random bits, so there is nothing to guess that a slow hash would protect."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(session: Session, name: str, role: Role, team: str = "", leads: tuple[str, ...] = ()) -> str:
    """Creates the account and returns its token, which is never stored or shown again. A lead leads its own team
    and those in `leads`; an engineer leads none."""
    name = name.strip()
    if not name or len(name) > 80:
        raise AccountError("a user name must have 1 to 80 characters")
    led = sorted({each.strip() for each in leads} - {team.strip()})
    if led and role != Role.LEAD:
        raise AccountError("only a lead leads teams; an engineer works in its one team")
    if any(len(each) > 80 for each in led):
        raise AccountError("a team name has at most 80 characters")
    if session.scalar(select(HubUser).where(HubUser.name == name)) is not None:
        raise AccountError(f"a user named {name} already exists")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(HubUser(name=name, role=str(role), team=team.strip(), token_hash=hash_token(token),
                        created_at=datetime.now(UTC), led_teams=led))
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


# -- slowing down repeated failed sign-ins -------------------------------------------------------------------------
FAILED_SIGN_INS = DEFAULT_SIGN_IN_LIMIT  # the defaults of `HubSettings`, for a throttle made without settings
THROTTLE_SECONDS = DEFAULT_SIGN_IN_WINDOW
MAX_TRACKED_ADDRESSES = 10_000  # bounds the memory an attacker with many addresses can make the hub spend


class SignInThrottle:
    """Counts refused tokens per client address and makes an address that presents too many wait.

    A dzdesk token is 256 random bits, so this is not what keeps it from being guessed; it keeps a script that
    tries tokens from hammering the database, and shows up in the hub's answers instead of going unnoticed. The
    state lives in this process's memory: it throttles, it does not decide who may read what, so a restart or a
    second hub process starting from zero costs nothing but a few more tries. A request from a throttled address
    is refused before its token is looked at, so a right guess cannot be told from a wrong one while it waits.
    The limit is high enough that a laptop with a revoked token, syncing every few minutes, never reaches it."""

    def __init__(self, limit: int | None = None, window: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = FAILED_SIGN_INS if limit is None else limit
        self.window = THROTTLE_SECONDS if window is None else window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str) -> int:
        """Whole seconds the address must still wait before its next token is checked; 0 when it may sign in."""
        with self._lock:
            failures = self._recent(address, self._clock())
            if failures is None or len(failures) < self.limit:
                return 0
            return max(1, math.ceil(failures[0] + self.window - self._clock()))

    def failed(self, address: str) -> None:
        """Notes a refused token from the address."""
        with self._lock:
            now = self._clock()
            failures = self._recent(address, now)
            if failures is None:
                if len(self._failures) >= MAX_TRACKED_ADDRESSES:
                    self._forget_stale(now)
                failures = self._failures[address] = deque()
            failures.append(now)

    def _recent(self, address: str, now: float) -> deque[float] | None:
        failures = self._failures.get(address)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[address]
            return None
        return failures

    def _forget_stale(self, now: float) -> None:
        for address in list(self._failures):
            self._recent(address, now)
        while len(self._failures) >= MAX_TRACKED_ADDRESSES:  # all recent: the address seen longest ago goes
            del self._failures[next(iter(self._failures))]
