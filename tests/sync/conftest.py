"""Clients of a real hub for the sync tests: each one a data directory of its own with a store, a blob folder and a
hub account, synced through `synchronise` over HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dzdesk.config import DataDir
from dzdesk.store import Store, open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.protocol import Role
from tests.support.hub import RunningHub
from tests.sync.helpers import SyncClient


@pytest.fixture
def make_client(hub: RunningHub, tmp_path: Path) -> Iterator[Callable[..., SyncClient]]:
    """Makes a hub account and a laptop for it; the store signs records with the account's name."""
    opened: list[Store] = []

    def make(name: str, role: Role = Role.ENGINEER, team: str = "一组") -> SyncClient:
        token = hub.add_user(name, role, team)
        data_dir = DataDir(tmp_path / f"client-{len(opened)}").ensure()
        store = open_store(data_dir, author=name)
        opened.append(store)
        return SyncClient(name, store, BlobStore(data_dir.blobs), token, hub.url)

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def a(make_client) -> SyncClient:
    """张伟, an engineer of team 一组."""
    return make_client("张伟")


@pytest.fixture
def b(make_client) -> SyncClient:
    """李娜, an engineer of the same team."""
    return make_client("李娜")
