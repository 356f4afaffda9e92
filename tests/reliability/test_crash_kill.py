"""dzdesk killed with SIGKILL at random moments while it saves records and while it syncs, hundreds of times.

A worker process (crash_worker.py) opens a real data directory with the real store and saves incidents, complaints,
visits with photos and signatures, trainings with rosters and slides, edits and deletes through the repository
functions the window uses, printing an acknowledgement after each commit; in sync mode it also runs the real
`synchronise` against a real hub, which runs here, in the test process, on 127.0.0.1. The test kills the worker
at a seeded random moment — after a random delay, or a random few milliseconds after a chosen event: during
start-up, inside a save's transaction, while a blob is written, while a push or a pull is under way, while blobs
go up or come down — and then, before the next worker starts on the same data directory (so damage would pile
up), checks that:

- `PRAGMA integrity_check` says ok, `PRAGMA foreign_key_check` finds nothing, the search index passes its own
  integrity check;
- every save acknowledged before the kill is there with the fields it saved, and the save that was under way is
  there whole or not at all; no record exists twice (each has a unique key) and none appears that was never
  saved; every incident has exactly one "created" history line and one "edit" line per edit;
- every record is either queued in the outbox or unchanged since the hub last had it; every outbox entry names a
  record that exists; a batch written down for sending still has its outbox entries;
- every blob a record names is in the blob folder, and every blob file's content matches its sha256 name;
- after an acknowledged sync, everything saved before it is on the hub, everything the teammate had sent before
  it is here, and the hub refused nothing and reported no conflict; the pull cursor never goes back.

Every third kill while syncing (and after the last) a clean sync then runs to completion, and the hub and the
laptop must agree: the same records at the same revisions, nothing queued, no revision taken twice for one change
(the hub's counter equals the revisions its stored batch answers handed out), no record on the hub twice, no
conflict record; after the last, the payloads of every record on the laptop, on the hub and on a teammate's
laptop are equal. The others leave a half-sent batch, an outbox and a pull cursor for the next killed worker.

Iterations: by default 200 kills — 120 while saving, 80 while syncing — plus 10 while a new database is
created or an old one upgraded: under a minute on two idle cores, two on busy ones. More with a variable:

    DZDESK_CRASH_ITERATIONS=2000 .venv/bin/pytest tests/reliability

sets the kills while saving and syncing (three fifths and two fifths of them; one in twenty more, at least ten,
go to creating and upgrading). DZDESK_CRASH_SEED (default 20261121) picks the moments and what the workers save;
DZDESK_CRASH_FRESH=1 starts each worker as a new interpreter instead of a fork of a pre-imported one, so start-up
imports are killed too (about a second more per kill). A failure names the kill, the seed, where the kill landed
and the worker's last lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dzdesk.config import DataDir
from dzdesk.hub.database import REV_KEY
from dzdesk.hub.models import HubBatch, HubBlob, HubCounter, HubRecord
from dzdesk.store import SchemaError, open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import CURSOR, PENDING_BATCH, SyncSummary, synchronise
from dzdesk.sync.protocol import BLOB_FIELDS, ENTITIES, Outcome
from tests.reliability.conftest import Launcher
from tests.reliability.crash_worker import FIELD_COLUMNS, KEY_COLUMNS, Writer
from tests.support.hub import RunningHub, running_hub
from tests.sync.helpers import all_payloads

KILLS = int(os.environ.get("DZDESK_CRASH_ITERATIONS", "200"))
SEED = int(os.environ.get("DZDESK_CRASH_SEED", "20261121"))
WRITE_KILLS = KILLS * 3 // 5
SYNC_KILLS = KILLS - WRITE_KILLS
CREATE_KILLS = max(10, KILLS // 20)
FRESH = os.environ.get("DZDESK_CRASH_FRESH") == "1"
IMPORTS = 1.5 if FRESH else 0.0  # seconds a new interpreter takes to import dzdesk before it can start
ME, TEAMMATE = "张伟", "李娜"
_BLOB_NAME = re.compile(r"^[0-9a-f]{64}$")
OLD_DATABASE = Path(__file__).parents[1] / "data" / "schema_0001.sqlite3"
Key = tuple[str, str]  # (table, the record's key)


# -- the worker's own account of what it did ------------------------------------------------------------------------
def read_events(path: Path) -> list[dict[str, Any]]:
    """The worker's complete lines; only the last line can have been cut by the kill, and is left out. (A worker
    killed right after the fork may not have made its file yet.)"""
    if not path.exists():
        return []
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    return [json.loads(line) for line in lines[:-1] if line]


@dataclass
class Save:
    """One save as the worker announced it: the records it creates and the fields it changes."""

    op: str
    new: list[tuple[str, str, dict[str, Any]]]
    edit: list[tuple[str, str, dict[str, Any]]]

    @classmethod
    def of(cls, event: dict[str, Any]) -> Save:
        return cls(event["op"], [tuple(item) for item in event["new"]], [tuple(item) for item in event["edit"]])


@dataclass
class Ledger:
    """What the laptop must hold: every record by key with the fields last saved, and how often it was changed."""

    records: dict[Key, dict[str, Any]] = field(default_factory=dict)
    edits: Counter[Key] = field(default_factory=Counter)

    def apply(self, save: Save) -> None:
        for table, key, fields in save.new:
            self.records[(table, key)] = dict(fields)
        for table, key, fields in save.edit:
            self.records[(table, key)].update(fields)
            self.edits[(table, key)] += 1


@dataclass
class Run:
    """One worker's life, read back from its events after the kill."""

    events: list[dict[str, Any]]
    acked: list[Save]  # in order
    in_flight: Save | None  # announced, not acknowledged: committed or not, it must be whole or absent
    syncs: list[tuple[set[Key], dict[str, Any]]]  # per acknowledged sync: the keys saved before it, its summary
    phase: str


def phase_of(events: list[dict[str, Any]]) -> str:
    """Where the kill landed, from the last thing the worker said."""
    if not any(e["ev"] == "ready" for e in events):
        return "start-up"
    last = events[-1]
    kind = last.get("kind", "")
    if last["ev"] == "blob":
        fetched = len(events) > 1 and events[-2].get("kind") == "get_blob"
        return "blob fetch" if fetched else "blob write"
    if last["ev"] in ("begin", "blob-done"):
        return "save"
    if last["ev"] == "sync-start" or kind in ("push", "record"):
        return "push"
    if kind == "changes":
        return "pull"
    if kind in ("has_blob", "put_blob"):
        return "blob upload"
    if kind == "get_blob":
        return "blob fetch"
    return "between saves"


def replay(events: list[dict[str, Any]], ledger: Ledger) -> Run:
    """Applies the acknowledged saves to the ledger; the save under way at the kill is returned, not applied."""
    acked: list[Save] = []
    pending: Save | None = None
    syncs: list[tuple[set[Key], dict[str, Any]]] = []
    before_sync: set[Key] | None = None
    for event in events:
        if event["ev"] == "begin":
            assert pending is None, "a save began before the previous one was acknowledged"
            pending = Save.of(event)
        elif event["ev"] == "ack":
            assert pending is not None and pending.op == event["op"], "an acknowledgement of no save"
            ledger.apply(pending)
            acked.append(pending)
            pending = None
        elif event["ev"] == "sync-start":
            before_sync = set(ledger.records)
        elif event["ev"] == "synced":
            assert before_sync is not None
            syncs.append((before_sync, event["summary"]))
    return Run(events, acked, pending, syncs, phase_of(events) if events else "start-up")


# -- what the laptop holds ----------------------------------------------------------------------------------------
@dataclass
class Local:
    integrity: list[str]
    foreign_key_problems: list[Any]
    rows: dict[Key, list[dict[str, Any]]]  # every keyed record, by key (two rows: a duplicate)
    ids: dict[str, dict[str, str]]  # table -> id -> updated_at, for every synced table
    server_revs: dict[tuple[str, str], int | None]
    events: dict[str, Counter[str]]  # incident id -> history kinds
    outbox: list[tuple[int, str, str]]
    bases: dict[tuple[str, str], tuple[int, dict[str, Any]]]
    meta: dict[str, str]
    blob_refs: set[str]  # every blob a record names
    own_blob_refs: set[str]  # those named by records saved here: pulled ones get their blobs at the end of a sync


def read_local(database: Path) -> Local | None:
    """Everything the checks need, read with plain sqlite3; None when no database was created yet."""
    if not database.exists():
        return None
    connection = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=10)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        if "alembic_version" not in tables:
            return Local(integrity, [], {}, {}, {}, {}, [], {}, {}, set(), set()) if not tables else None
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        connection.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
        connection.rollback()
        rows: dict[Key, list[dict[str, Any]]] = {}
        for table, key_column in KEY_COLUMNS.items():
            columns = ("id", key_column, *FIELD_COLUMNS[table])
            for values in connection.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                row = dict(zip(columns, values, strict=True))
                rows.setdefault((table, row[key_column]), []).append(row)
        ids: dict[str, dict[str, str]] = {}
        server_revs: dict[tuple[str, str], int | None] = {}
        for table in ENTITIES:
            if table in tables:
                found = connection.execute(f"SELECT id, updated_at, server_rev FROM {table}").fetchall()
                ids[table] = {r[0]: r[1] for r in found}
                server_revs.update({(table, r[0]): r[2] for r in found})
        events: dict[str, Counter[str]] = {}
        for incident_id, kind in connection.execute("SELECT incident_id, kind FROM incident_events"):
            events.setdefault(incident_id, Counter())[kind] += 1
        outbox = connection.execute("SELECT seq, entity, record_id FROM outbox ORDER BY seq").fetchall()
        bases = {(e, r): (rev, json.loads(p)) for e, r, rev, p in
                 connection.execute("SELECT entity, record_id, rev, payload FROM sync_base")}
        meta = dict(connection.execute("SELECT key, value FROM local_meta").fetchall())
        refs: set[str] = set()
        own: set[str] = set()
        for entity, names in BLOB_FIELDS.items():
            for name in names:
                for sha256, author in connection.execute(f"SELECT {name}, author FROM {entity} WHERE {name} != ''"):
                    refs.add(sha256)
                    if author == ME:
                        own.add(sha256)
        return Local(integrity, foreign, rows, ids, server_revs, events, outbox, bases, meta, refs, own)
    finally:
        connection.close()


def _same(expected: dict[str, Any], row: dict[str, Any]) -> bool:
    return all((bool(row[k]) if isinstance(v, bool) else row[k]) == v for k, v in expected.items())


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class Blobs:
    """Checks the blob folder, hashing each file once (names are content: a file is never rewritten)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.verified: set[str] = set()
        self.leftovers: set[str] = set()

    def problems(self, refs: set[str], rehash: bool = False) -> list[str]:
        found = []
        if rehash:
            self.verified.clear()
        for path in self.root.glob("*/*") if self.root.exists() else []:
            if not _BLOB_NAME.fullmatch(path.name):
                self.leftovers.add(str(path.relative_to(self.root)))  # a write cut short: garbage, never read
                continue
            if path.name not in self.verified:
                if hashlib.sha256(path.read_bytes()).hexdigest() != path.name:
                    found.append(f"blob {path.name[:12]}… does not match its name")
                self.verified.add(path.name)
        found += [f"blob {sha[:12]}… is named by a record but missing" for sha in sorted(refs)
                  if not (self.root / sha[:2] / sha).is_file()]
        return found


def local_problems(local: Local, ledger: Ledger, run: Run, others: set[Key]) -> tuple[list[str], bool]:
    """What is wrong on the laptop after a kill, and whether the save under way had committed.

    `others` are the keys of records pulled from the teammate (their fields are the hub's business)."""
    problems = []
    if local.integrity != ["ok"]:
        problems.append(f"integrity_check: {local.integrity[:5]}")
    if local.foreign_key_problems:
        problems.append(f"foreign_key_check: {local.foreign_key_problems[:5]}")
    problems += [f"{key} is there {len(rows)} times" for key, rows in local.rows.items() if len(rows) > 1]
    saved = run.in_flight
    new_keys = {(t, k) for t, k, _ in saved.new} if saved else set()
    there = new_keys & set(local.rows)
    if there and there != new_keys:
        problems.append(f"half of save {saved.op} is there: {sorted(there)} of {sorted(new_keys)}")
    if there:  # committed before the kill, not yet acknowledged: there as it was saved
        problems += [f"{(t, k)} holds {local.rows[(t, k)][0]}, but {f} was saved" for t, k, f in saved.new
                     if (t, k) in local.rows and not _same(f, local.rows[(t, k)][0])]
    problems += [f"{key} was never saved" for key in sorted(set(local.rows) - set(ledger.records) - new_keys - others)]
    problems += [f"{key} was acknowledged but is missing" for key in sorted(set(ledger.records) - set(local.rows))]
    edits = {(t, k): f for t, k, f in saved.edit} if saved else {}
    applied_edits = []
    for key, fields in ledger.records.items():
        rows = local.rows.get(key)
        if not rows:
            continue
        if key in edits:
            if _same({**fields, **edits[key]}, rows[0]):
                applied_edits.append(True)
                continue
            applied_edits.append(False)
        if not _same(fields, rows[0]):
            problems.append(f"{key} holds {rows[0]}, but {fields} was acknowledged")
    if edits and len(set(applied_edits)) > 1:
        problems.append(f"half of save {saved.op} is there: {list(edits)} → {applied_edits}")
    committed = bool(there) if new_keys else all(applied_edits) and bool(applied_edits)
    return problems, committed


def history_problems(local: Local, ledger: Ledger, others: set[Key]) -> list[str]:
    """One "created" line per incident, and one "edit" line per edit of the worker's own (the teammate's edits are
    not counted here; her records are compared with the hub's after a clean sync)."""
    problems = []
    for (table, key), rows in local.rows.items():
        if table != "incidents":
            continue
        kinds = local.events.get(rows[0]["id"], Counter())
        if kinds["created"] != 1:
            problems.append(f"incident {key} has {kinds['created']} 'created' lines")
        if (table, key) not in others and kinds["edit"] != ledger.edits[(table, key)]:
            problems.append(f"incident {key} has {kinds['edit']} 'edit' lines for {ledger.edits[(table, key)]} edits")
    return problems


def outbox_problems(local: Local) -> list[str]:
    problems = []
    queued: dict[str, list[int]] = {}
    for seq, entity, record_id in local.outbox:
        queued.setdefault(record_id, []).append(seq)
        if record_id not in local.ids.get(entity, {}):
            problems.append(f"outbox entry {seq} names {entity} {record_id[:8]}, which does not exist")
    for table, records in local.ids.items():
        for record_id, updated_at in records.items():
            if record_id in queued:
                continue
            base = local.bases.get((table, record_id))
            if base is None:
                problems.append(f"{table} {record_id[:8]} was never synced and is not queued")
            elif _utc(base[1]["updated_at"]) != _utc(updated_at):
                problems.append(f"{table} {record_id[:8]} changed since its sync and is not queued")
    waiting = local.meta.get(PENDING_BATCH)
    if waiting is not None:
        for entity, record_id, max_seq in json.loads(waiting)["seqs"]:
            if not any(seq <= max_seq for seq in queued.get(record_id, [])):
                problems.append(f"the batch waiting to be sent holds {entity} {record_id[:8]}, no longer queued")
    return problems


# -- killing -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Aim:
    """Kill `extra` seconds after the `nth` event `ev` (of `kind`), or after `delay` seconds when `ev` is None."""

    ev: str | None = None
    kind: str | None = None
    nth: int = 1
    extra: float = 0.0
    delay: float = 0.0


def wait_for(events: Path, aim: Aim, give_up: float) -> None:
    """Watches the worker's events until the aimed one has been printed (or `give_up` seconds have passed)."""
    seen, buffer = 0, b""
    deadline = time.monotonic() + give_up
    with events.open("rb") as stream:
        while time.monotonic() < deadline:
            chunk = stream.read()
            if not chunk:
                time.sleep(0.001)
                continue
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                if event["ev"] == aim.ev and (aim.kind is None or event.get("kind") == aim.kind):
                    seen += 1
                    if seen == aim.nth:
                        return


@dataclass
class Killer:
    launcher: Launcher
    folder: Path
    kills: int = 0
    phases: Counter[str] = field(default_factory=Counter)

    def kill(self, job: dict[str, Any], aim: Aim) -> Path:
        """Starts a worker on `job`, kills it with SIGKILL where `aim` says, and returns its events file."""
        self.kills += 1
        events, errors = self.folder / f"events-{self.kills}.jsonl", self.folder / f"errors-{self.kills}.txt"
        job = {**job, "events": str(events), "errors": str(errors)}
        pid = self.launcher.start(job)
        started = time.monotonic()
        try:
            if aim.ev is None:
                time.sleep(aim.delay)
            else:
                while not events.exists() and time.monotonic() - started < 5:
                    time.sleep(0.0005)
                wait_for(events, aim, give_up=2.0 + IMPORTS)
                time.sleep(aim.extra)
        finally:
            os.kill(pid, signal.SIGKILL)
            ended_by, code = self.launcher.reap(pid)
        if ended_by != signal.SIGKILL:
            raise AssertionError(f"worker {self.kills} ended by itself (exit code {code}, signal {ended_by}) "
                                 f"before the kill:\n{errors.read_text()[-3000:]}")
        return events


def describe(kill: int, run: Run, problems: list[str]) -> str:
    tail = "\n".join(json.dumps(e, ensure_ascii=False)[:300] for e in run.events[-6:])
    return (f"after kill {kill} (seed {SEED}, landed in: {run.phase}):\n  " + "\n  ".join(problems[:20])
            + f"\nthe worker's last lines:\n{tail}")


def write_aim(rng: random.Random, index: int) -> Aim:
    """A third of the kills after a random delay; the others a few milliseconds after a chosen event."""
    choice = index % 6
    if choice in (0, 3):
        return Aim(delay=rng.uniform(0.0, 0.3 + IMPORTS))
    if choice == 1:
        return Aim("begin", nth=rng.randint(1, 6), extra=rng.uniform(0.0, 0.012))
    if choice == 2:
        return Aim("blob", nth=rng.randint(1, 4), extra=rng.uniform(0.0, 0.004))
    if choice == 4:
        return Aim("start", extra=rng.uniform(0.0, 0.05 + IMPORTS))
    return Aim("ack", nth=rng.randint(1, 6), extra=rng.uniform(0.0, 0.002))


SYNC_AIMS = [("sync-start", None), ("req", "push"), ("resp", "push"), ("req", "changes"), ("resp", "changes"),
             ("req", "put_blob"), ("req", "get_blob"), ("resp", "get_blob"), ("begin", None), ("start", None)]


def sync_aim(rng: random.Random, index: int) -> Aim:
    """A quarter of the kills after a random delay; the others a few milliseconds after a request starts or its
    answer is back (the push is applied on the hub, or its answer here; a page of the pull is being applied; a
    blob goes up or comes down and is written), inside a save between syncs, or during start-up."""
    if index % 4 == 0:
        return Aim(delay=rng.uniform(0.0, 0.6 + IMPORTS))
    ev, kind = SYNC_AIMS[(index // 4 * 3 + index % 4) % len(SYNC_AIMS)]
    if ev == "start":  # while the lock is taken and the store opened
        return Aim(ev, extra=rng.uniform(0.0, 0.04 + IMPORTS))
    quick = kind in ("put_blob", "get_blob")
    return Aim(ev, kind, nth=1 if quick else rng.randint(1, 2), extra=rng.uniform(0.0, 0.004 if quick else 0.015))


# -- the tests -----------------------------------------------------------------------------------------------------
# Slow: DZDESK_CRASH_ITERATIONS child processes each save and are killed at a random moment, then the store is
# checked; the kills are the point, and each waits for its child to reach that moment.
@pytest.mark.slow
def test_kills_while_saving_lose_no_acknowledged_record(launcher: Launcher, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data_dir = DataDir(tmp_path / "laptop")
    killer = Killer(launcher, tmp_path)
    ledger, blobs = Ledger(), Blobs(data_dir.blobs)
    acknowledged = 0
    for index in range(WRITE_KILLS):
        job = {"mode": "write", "data_dir": str(data_dir.root), "staging": str(tmp_path / "staging"),
               "seed": rng.randrange(2**32), "tag": f"k{index}", "author": ME}
        events = killer.kill(job, write_aim(rng, index))
        run = replay(read_events(events), ledger)
        killer.phases[run.phase] += 1
        acknowledged += len(run.acked)
        local = read_local(data_dir.database)
        if local is None:
            assert not ledger.records, describe(killer.kills, run, ["the database is gone"])
            continue
        problems, committed = local_problems(local, ledger, run, set())
        if committed and run.in_flight is not None:
            ledger.apply(run.in_flight)
        problems += history_problems(local, ledger, set()) + outbox_problems(local) + blobs.problems(local.blob_refs)
        assert not problems, describe(killer.kills, run, problems)
        events.unlink(missing_ok=True)
    final = read_local(data_dir.database)
    assert final is not None and not blobs.problems(final.blob_refs, rehash=True)
    reopened = open_store(data_dir, author=ME)  # the next start of the app
    reopened.close()
    print(f"\n{WRITE_KILLS} kills while saving: {dict(killer.phases)}; {acknowledged} saves acknowledged, "
          f"{len(ledger.records)} keyed records; {len(blobs.leftovers)} temporary blob files left by kills")
    # A test that cannot fail is no test: saves must have been acknowledged, and (in a run long enough to say) the
    # kills must have landed during start-up, inside saves and inside blob writes.
    assert acknowledged >= WRITE_KILLS // 2
    if WRITE_KILLS >= 60:
        assert killer.phases["save"] >= WRITE_KILLS // 6, killer.phases
        assert killer.phases["blob write"] >= 1 and killer.phases["start-up"] >= 1, killer.phases


def test_kills_while_creating_or_upgrading_the_database_leave_one_that_opens(launcher: Launcher,
                                                                             tmp_path: Path) -> None:
    """The first start creates the database and runs every migration, and a start after an update upgrades it (after
    a backup copy): a kill in the middle must leave a database the next start opens, with nothing lost (each step of
    a migration used to commit on its own, and a kill left tables without a revision that dzdesk refused to open)."""
    rng = random.Random(SEED + 1)
    killer = Killer(launcher, tmp_path)
    landed = Counter()
    for index in range(CREATE_KILLS):
        data_dir = DataDir(tmp_path / f"new-{index}")
        upgrade = index % 2 == 1
        if upgrade:  # a database as the first release wrote it, with a pull cursor and a change queued
            data_dir.ensure()
            shutil.copyfile(OLD_DATABASE, data_dir.database)
        job = {"mode": "write", "data_dir": str(data_dir.root), "staging": str(tmp_path / "staging"),
               "seed": rng.randrange(2**32), "tag": f"n{index}", "author": ME}
        ledger = Ledger()
        run = replay(read_events(killer.kill(job, Aim("start", extra=rng.uniform(0.0, 0.2)))), ledger)
        landed[run.phase] += 1
        try:
            store = open_store(data_dir, author=ME)  # the next start: opens, finishes creating, and saves
        except SchemaError as exc:
            raise AssertionError(describe(killer.kills, run, [f"the next start fails: {exc}"])) from exc
        try:
            Writer(store, BlobStore(data_dir.blobs), tmp_path / "staging", rng, f"r{index}",
                   say=lambda *_a, **_k: None).new_incident()
        finally:
            store.close()
        local = read_local(data_dir.database)
        assert local is not None
        problems, _ = local_problems(local, ledger, run, {("incidents", f"故障 r{index}-1")})
        if upgrade and (local.meta.get("hub_cursor") != "42" or len(local.outbox) < 2):
            problems.append(f"the upgraded database lost its data: {local.meta}, outbox {local.outbox}")
        assert not problems, describe(killer.kills, run, problems)
    assert landed["start-up"] >= CREATE_KILLS // 3, landed  # the kills landed while the database was made


@dataclass
class Teammate:
    """李娜 on her own laptop (in this process): she saves records and syncs them, for the worker to pull."""

    store: Any
    blobs: BlobStore
    client: HubClient
    writer: Writer

    def saves_and_syncs(self, saves: int) -> None:
        for _ in range(saves):
            self.writer.save_one()
        synchronise(self.store, self.blobs, self.client)


def hub_state(hub: RunningHub) -> tuple[dict[tuple[str, str], HubRecord], list[dict[str, Any]], int, set[str]]:
    with hub.db.transaction() as session:
        records = {(r.entity, r.id): r for r in session.scalars(select(HubRecord))}
        for record in records.values():
            session.expunge(record)
        answers = [b.response for b in session.scalars(select(HubBatch))]
        counter = int(session.get(HubCounter, REV_KEY).value)
        blob_names = set(session.scalars(select(HubBlob.sha256)))
    return records, answers, counter, blob_names


def agreement_problems(local: Local, hub: RunningHub, ledger: Ledger) -> list[str]:
    """After a clean sync: the laptop and the hub hold the same records at the same revisions, once each."""
    records, answers, counter, blob_names = hub_state(hub)
    problems = []
    here = set(local.server_revs)
    problems += [f"{key} is here but not on the hub" for key in sorted(here - set(records))][:10]
    problems += [f"{key} is on the hub but not here" for key in sorted(set(records) - here)][:10]
    problems += [f"{key} is at revision {local.server_revs[key]} here, {records[key].rev} on the hub"
                 for key in sorted(here & set(records)) if local.server_revs[key] != records[key].rev][:10]
    problems += [f"{key}'s sync base is revision {local.bases.get(key, (None,))[0]}, the hub's {records[key].rev}"
                 for key in sorted(here & set(records)) if local.bases.get(key, (None,))[0] != records[key].rev][:10]
    if local.outbox or PENDING_BATCH in local.meta:
        problems.append(f"{len(local.outbox)} changes still queued after a clean sync")
    applied = Counter((r["entity"], r["id"]) for answer in answers for r in answer["results"]
                      if r["outcome"] != Outcome.REJECTED.value)
    if sum(applied.values()) != counter:
        handed_out = sum(applied.values())
        problems.append(f"the hub's counter is {counter}, its stored answers hand out {handed_out} revisions")
    rejected = [r for answer in answers for r in answer["results"] if r["outcome"] == Outcome.REJECTED.value]
    problems += [f"the hub refused {r['entity']} {r['id'][:8]}: {r['message']}" for r in rejected][:5]
    problems += [f"conflict record {key[1][:8]} on the hub" for key in records if key[0] == "sync_conflicts"]
    by_key = Counter((e, r.payload.get(KEY_COLUMNS[e])) for (e, _), r in records.items() if e in KEY_COLUMNS)
    problems += [f"{key} is on the hub {n} times" for key, n in by_key.items() if n > 1]
    keys_by_id = {(t, rows[0]["id"]): (t, k) for (t, k), rows in local.rows.items()}
    for (entity, record_id), times in applied.items():
        record = records.get((entity, record_id))
        if record is None or record.owner != ME:
            continue
        allowed = 1 + ledger.edits[keys_by_id[(entity, record_id)]] if (entity, record_id) in keys_by_id else 1
        if times > allowed:
            problems.append(f"{entity} {record_id[:8]} was applied on the hub {times} times for {allowed} saves")
    problems += [f"blob {sha[:12]}… is named here but not on the hub" for sha in sorted(local.blob_refs - blob_names)]
    return problems


def sync_problems(local: Local, run: Run, hub: RunningHub, teammate_before: set[Key]) -> list[str]:
    """What an acknowledged sync promised: everything saved before it went up, the teammate's came down."""
    problems = []
    if not run.syncs:
        return problems
    records = hub_state(hub)[0]
    for before, summary in run.syncs:
        if summary["rejected"] or summary["conflicts"]:
            problems.append(f"an acknowledged sync reported {summary}")
        for table, key in sorted(before):
            rows = local.rows.get((table, key))
            if rows and (table, rows[0]["id"]) not in records:
                problems.append(f"{(table, key)} was saved before an acknowledged sync but is not on the hub")
    problems += [f"the teammate's {key} was on the hub before an acknowledged sync but is not here"
                 for key in sorted(teammate_before - set(local.rows))]
    return problems


def clean_sync(data_dir: DataDir, client: HubClient) -> SyncSummary:
    """The laptop started again, syncing until done."""
    store = open_store(data_dir, author=ME)
    try:
        return synchronise(store, BlobStore(data_dir.blobs), client)
    finally:
        store.close()


# Slow: as above, with every child syncing to a real hub, and every laptop checked against the hub after.
@pytest.mark.slow
def test_kills_while_syncing_lose_and_duplicate_nothing(launcher: Launcher, tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    data_dir = DataDir(tmp_path / "laptop")
    killer = Killer(launcher, tmp_path)
    ledger, blobs = Ledger(), Blobs(data_dir.blobs)
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        token = hub.add_user(ME)
        mate_dir = DataDir(tmp_path / "teammate").ensure()
        mate_store = open_store(mate_dir, author=TEAMMATE)
        mate_blobs = BlobStore(mate_dir.blobs)
        mate_keys: set[Key] = set()

        def noted(event: str, **fields: Any) -> None:
            if event == "begin":
                mate_keys.update((t, k) for t, k, _ in fields["new"])

        mate = Teammate(mate_store, mate_blobs, HubClient(hub.url, hub.add_user(TEAMMATE)),
                        Writer(mate_store, mate_blobs, tmp_path / "mate-staging", rng, "m", say=noted))
        (tmp_path / "mate-staging").mkdir()
        restarted = HubClient(hub.url, token)
        cursor, acknowledged_syncs, clean_syncs = 0, 0, 0
        try:
            for index in range(SYNC_KILLS):
                aim = sync_aim(rng, index)
                if aim.kind == "get_blob":  # something to fetch: the teammate's new visit and its photos
                    mate.writer.new_visit()
                if aim.kind == "get_blob" or rng.random() < 0.5:
                    mate.saves_and_syncs(rng.randint(1, 4))
                teammate_before = set(mate_keys)
                job = {"mode": "sync", "data_dir": str(data_dir.root), "staging": str(tmp_path / "staging"),
                       "seed": rng.randrange(2**32), "tag": f"k{index}", "author": ME, "hub_url": hub.url,
                       "token": token, "first_save": "new_visit" if aim.kind == "put_blob" else None}
                events = killer.kill(job, aim)
                run = replay(read_events(events), ledger)
                killer.phases[run.phase] += 1
                acknowledged_syncs += len(run.syncs)
                local = read_local(data_dir.database)
                if local is None:
                    assert not ledger.records, describe(killer.kills, run, ["the database is gone"])
                    continue
                problems, committed = local_problems(local, ledger, run, mate_keys)
                if committed and run.in_flight is not None:
                    ledger.apply(run.in_flight)
                problems += history_problems(local, ledger, mate_keys) + outbox_problems(local)
                problems += blobs.problems(local.own_blob_refs) + sync_problems(local, run, hub, teammate_before)
                now_at = int(local.meta.get(CURSOR) or 0)
                if now_at < cursor:
                    problems.append(f"the pull cursor went back from {cursor} to {now_at}")
                cursor = now_at
                assert not problems, describe(killer.kills, run, problems)
                if index % 3 == 2 or index == SYNC_KILLS - 1:
                    summary = clean_sync(data_dir, restarted)
                    clean_syncs += 1
                    assert not summary.rejected and not summary.conflicts, summary
                    local = read_local(data_dir.database)
                    assert local is not None
                    problems = agreement_problems(local, hub, ledger) + blobs.problems(local.blob_refs)
                    problems += [f"{n} pulled records still wait for a parent" for n in
                                 [summary.parked] if n]
                    assert not problems, describe(killer.kills, run, problems)
                events.unlink(missing_ok=True)
            # The last word: every record's every field the same on this laptop, on the hub and on the teammate's.
            synchronise(mate_store, mate_blobs, mate.client)
            laptop = open_store(data_dir, author=ME)
            try:
                mine, theirs = all_payloads(laptop), all_payloads(mate_store)
            finally:
                laptop.close()
            records = hub_state(hub)[0]
            on_hub: dict[str, dict[str, Any]] = {}
            for (entity, record_id), record in records.items():
                on_hub.setdefault(entity, {})[record_id] = record.payload
            assert {e: p for e, p in mine.items() if p} == on_hub
            assert theirs == mine
            final = read_local(data_dir.database)
            assert final is not None and not blobs.problems(final.blob_refs, rehash=True)
        finally:
            mate_store.close()
            mate.client.close()
            restarted.close()
    print(f"\n{SYNC_KILLS} kills while syncing: {dict(killer.phases)}; {acknowledged_syncs} syncs acknowledged, "
          f"{clean_syncs} clean syncs checked; {len(ledger.records)} keyed records; "
          f"{len(blobs.leftovers)} temporary blob files left by kills")
    assert acknowledged_syncs >= SYNC_KILLS // 10
    if SYNC_KILLS >= 40:
        for phase in ("push", "pull", "start-up"):
            assert killer.phases[phase] >= 1, killer.phases
        assert killer.phases["blob upload"] + killer.phases["blob fetch"] >= 1, killer.phases
