"""A real hub on 127.0.0.1 for the sync tests: on SQLite, or on a private PostgreSQL server started for the run."""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from dzdesk.hub.accounts import add_user
from dzdesk.hub.app import create_app
from dzdesk.hub.database import HubDatabase, migrate
from dzdesk.hub.settings import HubSettings
from dzdesk.sync.protocol import Role
from tests.support.secret_scan import remember


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_hub(hub_url: str, process: subprocess.Popen | None = None, timeout_s: float = 60) -> None:
    """Waits until a hub served by a process of its own answers its health check; raises if it does not within
    `timeout_s`, or if its `process` ends first."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{hub_url}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the hub at {hub_url} ended with {process.returncode} before it answered")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the hub at {hub_url} did not start")
        time.sleep(0.1)


class RunningHub:
    def __init__(self, db: HubDatabase, url: str) -> None:
        self.db = db
        self.url = url

    def add_user(self, name: str, role: Role = Role.ENGINEER, team: str = "一组", leads: tuple[str, ...] = ()) -> str:
        with self.db.transaction() as session:
            token = add_user(session, name, role, team, leads)
        remember(token)
        return token


class _Server(uvicorn.Server):
    """uvicorn's server, looking for the request to stop every 5 ms instead of every 100 ms: a test stops a hub
    hundreds of times a run, and waits for each."""

    async def main_loop(self) -> None:
        while not await self.on_tick(0):
            await asyncio.sleep(0.005)


@contextmanager
def running_hub(database_url: str, settings: HubSettings | None = None) -> Iterator[RunningHub]:
    """The hub app served by uvicorn in a thread, on a free loopback port, with `settings` (the defaults when none
    are given)."""
    db = HubDatabase(database_url)
    migrate(db.engine)
    port = free_port()
    server = _Server(uvicorn.Config(create_app(db, settings), host="127.0.0.1", port=port, log_level="error",
                                    lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test hub did not start")
        time.sleep(0.002)
    try:
        yield RunningHub(db, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(10)
        db.dispose()


def _pg_bin(name: str) -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else shutil.which(name)


class PostgresServer:
    """A throw-away PostgreSQL cluster in a temporary folder, listening on a loopback port (trust auth)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.data = root / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self._as = ["runuser", "-u", "postgres", "--"]
            root.mkdir(parents=True, exist_ok=True)
            user = pwd.getpwnam("postgres")
            os.chown(root, user.pw_uid, user.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise RuntimeError("PostgreSQL is not installed (Debian package postgresql)")
        self._run(initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        pg_ctl = _pg_bin("pg_ctl")
        if pg_ctl is not None and self.data.exists():
            subprocess.run([*self._as, pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"], capture_output=True,
                           timeout=60, check=False)
