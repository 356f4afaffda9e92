"""Repeated refused tokens from one address are slowed down: after too many within a window the hub answers 429
with Retry-After, before it looks at the token, until the window has passed; the health check stays open, other
addresses are not affected, and the sync client says what happened in words.

The hubs here are real (uvicorn on a loopback port, SQLite in the test's folder); the limit and the window are made
small so a test waits a second, not a minute. Requests come from distinct loopback addresses (127.0.0.x) where a
test needs several clients.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import dzdesk.hub.accounts as accounts
from dzdesk.config import DataDir
from dzdesk.hub.accounts import SignInThrottle
from dzdesk.hub.settings import HubSettings
from dzdesk.store import Store, open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.client import HubAuthError, HubClient, HubThrottledError
from dzdesk.sync.engine import synchronise
from tests.support.hub import RunningHub, running_hub
from tests.sync.helpers import add_fault, all_payloads, cursor, hub_records, outbox

LIMIT = 5
WINDOW = 1.5
WRONG = {"Authorization": "Bearer dzh_" + "x" * 43}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def from_address(address: str) -> httpx.Client:
    """An HTTP client whose connections leave from `address`: the hub sees it as another computer."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


@pytest.fixture
def small_hub(tmp_path: Path) -> Iterator[RunningHub]:
    """A hub that throttles after LIMIT refused tokens within WINDOW seconds."""
    settings = HubSettings(sign_in_limit=LIMIT, sign_in_window=WINDOW)
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", settings) as hub:
        yield hub


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    store = open_store(DataDir(tmp_path / "laptop").ensure(), author="张伟")
    yield store
    store.close()


def test_too_many_refused_tokens_are_answered_429_until_the_window_has_passed(small_hub: RunningHub) -> None:
    token = small_hub.add_user("张伟")
    with from_address("127.0.0.2") as http:
        url = small_hub.url
        assert http.get(f"{url}/v1/me", headers=bearer(token)).status_code == 200
        started = time.monotonic()
        for _ in range(LIMIT):
            assert http.get(f"{url}/v1/me", headers=WRONG).status_code == 401

        throttled = http.get(f"{url}/v1/changes", headers=WRONG)
        assert throttled.status_code == 429
        wait = int(throttled.headers["Retry-After"])
        assert 1 <= wait <= WINDOW + 1
        assert throttled.json() == {"detail": f"too many refused tokens from this address; try again in {wait} s"}
        assert throttled.headers["x-content-type-options"] == "nosniff"
        # The right token waits too: while throttled, a right guess cannot be told from a wrong one.
        assert http.get(f"{url}/v1/me", headers=bearer(token)).status_code == 429
        assert http.post(f"{url}/v1/push", headers=bearer(token), json={}).status_code == 429
        # The health check and the API document need no token and stay open.
        assert http.get(f"{url}/v1/health").json()["status"] == "ok"
        assert http.get(f"{url}/openapi.json").status_code == 200

        time.sleep(max(0.0, started + WINDOW - time.monotonic()) + 0.1)
        me = http.get(f"{url}/v1/me", headers=bearer(token))
        assert me.status_code == 200, me.text
        assert me.json()["name"] == "张伟"


def test_the_window_slides_so_a_steady_guesser_stays_slow(small_hub: RunningHub) -> None:
    """After the wait, one more refused token brings the wait back: the rate stays at LIMIT per WINDOW."""
    with from_address("127.0.0.3") as http:
        for _ in range(LIMIT):
            assert http.get(f"{small_hub.url}/v1/me", headers=WRONG).status_code == 401
        assert http.get(f"{small_hub.url}/v1/me", headers=WRONG).status_code == 429
        time.sleep(WINDOW + 0.1)
        assert http.get(f"{small_hub.url}/v1/me", headers=WRONG).status_code == 401
        assert [http.get(f"{small_hub.url}/v1/me", headers=WRONG).status_code for _ in range(LIMIT)] == (
            [401] * (LIMIT - 1) + [429])


def test_other_addresses_and_requests_without_a_token_are_not_throttled(small_hub: RunningHub) -> None:
    token = small_hub.add_user("李娜")
    with from_address("127.0.0.4") as guesser, from_address("127.0.0.5") as colleague:
        # Forgetting the header is not guessing: it never counts.
        assert [guesser.get(f"{small_hub.url}/v1/me").status_code for _ in range(LIMIT * 2)] == [401] * LIMIT * 2
        assert guesser.get(f"{small_hub.url}/v1/me", headers=bearer(token)).status_code == 200
        for _ in range(LIMIT):
            guesser.get(f"{small_hub.url}/v1/me", headers=WRONG)
        assert guesser.get(f"{small_hub.url}/v1/me", headers=bearer(token)).status_code == 429
        assert colleague.get(f"{small_hub.url}/v1/me", headers=bearer(token)).status_code == 200
        assert colleague.get(f"{small_hub.url}/v1/me", headers=WRONG).status_code == 401


def test_behind_the_reverse_proxy_each_client_is_counted_alone(small_hub: RunningHub) -> None:
    """The hub runs behind a TLS proxy on the same machine, which names the client in X-Forwarded-For. That header
    is believed from 127.0.0.1 only: a client elsewhere cannot escape the throttle by inventing it."""
    token = small_hub.add_user("王强")
    with httpx.Client(base_url=small_hub.url, timeout=30) as proxy:
        for _ in range(LIMIT):
            proxy.get("/v1/me", headers={**WRONG, "X-Forwarded-For": "203.0.113.7"})
        assert proxy.get("/v1/me", headers={**bearer(token), "X-Forwarded-For": "203.0.113.7"}).status_code == 429
        assert proxy.get("/v1/me", headers={**bearer(token), "X-Forwarded-For": "203.0.113.8"}).status_code == 200
    with from_address("127.0.0.6") as outsider:
        for n in range(LIMIT):
            outsider.get(f"{small_hub.url}/v1/me", headers={**WRONG, "X-Forwarded-For": f"198.51.100.{n}"})
        refused = outsider.get(f"{small_hub.url}/v1/me", headers={**bearer(token), "X-Forwarded-For": "198.51.100.99"})
        assert refused.status_code == 429


def test_the_default_limit_is_thirty_refused_tokens_a_minute(tmp_path: Path) -> None:
    """High enough that a laptop with a revoked token, syncing every few minutes, never meets it."""
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub, from_address("127.0.0.7") as http:
        statuses = [http.get(f"{hub.url}/v1/me", headers=WRONG).status_code for _ in range(31)]
        assert statuses == [401] * 30 + [429]
        wait = int(http.get(f"{hub.url}/v1/me", headers=WRONG).headers["Retry-After"])
        assert 55 <= wait <= 60


def test_the_sync_client_says_it_was_throttled_and_changes_nothing(small_hub: RunningHub, laptop: Store) -> None:
    token = small_hub.add_user("张伟")
    incident_id = add_fault(laptop, "受理单打印空白")
    before, queued = all_payloads(laptop), outbox(laptop)
    blobs = BlobStore(laptop.data_dir.blobs)
    # The laptop was signed in with an old token; its syncs are refused until it is throttled.
    for _ in range(LIMIT):
        with HubClient(small_hub.url, "dzh_revoked-long-ago") as stale, pytest.raises(HubAuthError):
            synchronise(laptop, blobs, stale)
    started = time.monotonic()
    with HubClient(small_hub.url, token) as client:
        with pytest.raises(HubThrottledError, match=r"refused too many tokens .* try again in \d+ s") as caught:
            synchronise(laptop, blobs, client)
        assert caught.value.status == 429 and 1 <= (caught.value.retry_after or 0) <= WINDOW + 1
        assert all_payloads(laptop) == before and outbox(laptop) == queued
        assert hub_records(small_hub) == []

        time.sleep(max(0.0, started + WINDOW - time.monotonic()) + 0.1)
        summary = synchronise(laptop, blobs, client)
    assert summary.pushed == len(queued) and outbox(laptop) == []
    assert {r.id for r in hub_records(small_hub, "incidents")} == {incident_id}
    assert cursor(laptop) == str(max(r.rev for r in hub_records(small_hub)))


def test_memory_is_bounded_by_forgetting_the_address_seen_longest_ago(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guesser with many addresses cannot make the hub keep an entry for each of them."""
    monkeypatch.setattr(accounts, "MAX_TRACKED_ADDRESSES", 3)
    now = [0.0]
    throttle = SignInThrottle(limit=1, window=60, clock=lambda: now[0])
    for n in range(5):
        now[0] += 1
        throttle.failed(f"198.51.100.{n}")
    assert [throttle.wait(f"198.51.100.{n}") for n in range(5)] == [0, 0, 58, 59, 60]
    now[0] += 58.5  # .2 has waited its minute out; .3 and .4 still wait
    assert [throttle.wait(f"198.51.100.{n}") for n in range(2, 5)] == [0, 1, 2]
