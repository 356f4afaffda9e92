"""How much room the hub's probe results take, on PostgreSQL and on SQLite, and how fast they are stored.

    python -m benchmarks.hub_results_storage [--days N] [--quick] [--cold]

One watcher checks 60 targets every 5 minutes for `--days` days (30 by default: 518 400 results; `--quick`: 2 days)
and uploads them through `dzdesk.hub.probe_results.upload` in batches of 5000, as the clients do, into a private
PostgreSQL cluster and a SQLite hub database, both migrated as `dzdesk hub serve` migrates them. Then the room:

- PostgreSQL: `pg_total_relation_size('hub_probe_results')` (the table, its indexes and TOAST) after `VACUUM ANALYZE`;
- SQLite: the pages of the table and its indexes (`dbstat`; without it, the file after `VACUUM`), and the file.

Printed per database: rows, bytes per result, the room of a month (30 days) and of a year (× 365/30) at that rate,
and the upload rate (results per second through `upload()`, the request's validation not counted; on PostgreSQL
with the table's statistics taken after the first batch, as autovacuum takes them; `--cold` without). Figures
only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import default_targets
from dzdesk.hub.accounts import add_user
from dzdesk.hub.database import HubDatabase, migrate
from dzdesk.hub.models import HubUser
from dzdesk.hub.probe_results import upload
from dzdesk.sync.protocol import MAX_RESULTS, ProbeResultIn, ProbeResultsUpload, Role

TARGETS = 60
INTERVAL = timedelta(minutes=5)
SWEEPS_PER_DAY = int(timedelta(days=1) / INTERVAL)
VANTAGE, NETWORK, TEAM, WATCHER = "值守机@hub", "机房", "运维一组", "值守机"
ISSUERS = ("CN=WoTrus OV Server CA  [Run by the Issuer],O=WoTrus CA Limited,C=CN",
           "CN=GeoTrust CN RSA CA G1,O=DigiCert Inc,OU=www.digicert.com,C=US",
           "CN=Encryption Everywhere DV TLS CA - G2,OU=www.digicert.com,O=DigiCert Inc,C=US")


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    latency_ms: float  # its usual answer time
    cert_not_after: datetime | None
    cert_issuer: str


def targets(rng: random.Random, now: datetime) -> list[Target]:
    """The 35 default targets and 25 district entrances of the hall: one in three on HTTPS with a certificate."""
    catalogue = load_catalogue()
    names = [target.name for target in default_targets(catalogue)]
    districts = [d for d in catalogue.districts for _ in range(3)]
    names += [f"审批系统-网上大厅-{district}{'' if n % 3 == 0 else f'窗口{n % 3}'}"
              for n, district in enumerate(districts)]
    made = []
    for n, name in enumerate(names[:TARGETS]):
        https = n % 3 == 0
        made.append(Target(str(uuid.UUID(int=rng.getrandbits(128), version=4)), name, rng.uniform(40, 400),
                           now + timedelta(days=rng.uniform(20, 700)) if https else None,
                           rng.choice(ISSUERS) if https else ""))
    return made


def results(days: int, seed: int = 7) -> Iterator[ProbeResultIn]:
    """A watcher's results, sweep after sweep, ending now: mostly ok, a few failures and two outages a month."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = now - timedelta(days=days)
    watched = targets(rng, now)
    sweeps = days * SWEEPS_PER_DAY
    # An outage of one target every two weeks or so, 20 minutes to 2 hours; a maintenance night once a week.
    outages = {(rng.randrange(TARGETS), rng.randrange(sweeps)): rng.randint(4, 24) for _ in range(max(1, days // 14))}
    down: dict[int, int] = {}
    for sweep in range(sweeps):
        began = start + sweep * INTERVAL
        for (target, first), length in outages.items():
            if first == sweep:
                down[target] = length
        maintenance = began.weekday() == 5 and 16 <= began.hour < 18  # Saturday night in Beijing, in UTC
        for n, target in enumerate(watched):
            at = began + timedelta(milliseconds=rng.uniform(0, 900))
            latency = round(rng.lognormvariate(0, 0.35) * target.latency_ms, 1)
            if down.get(n):
                ok, failure, detail, status, latency = False, "TIMEOUT", "连接超时", None, 10_000.0
            elif rng.random() < 0.004:
                ok, latency = False, round(latency * 3, 1)
                failure, detail, status = rng.choice((("TIMEOUT", "连接超时", None),
                                                      ("STATUS", "503 (expected below 400)", 503),
                                                      ("STATUS", "502 (expected below 400)", 502),
                                                      ("REFUSED", "[Errno 111] Connection refused", None),
                                                      ("KEYWORD", "网上大厅", 200)))
            else:
                ok, failure, detail, status = True, "", "", 200
            yield ProbeResultIn(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), target_id=target.id,
                                target_name=target.name, started_at=at, ok=ok, latency_ms=latency, failure=failure,
                                detail=detail, status_code=status, cert_not_after=target.cert_not_after,
                                cert_issuer=target.cert_issuer, in_maintenance=maintenance,
                                interval_s=int(INTERVAL.total_seconds()), vantage=VANTAGE, network=NETWORK)
        for n in list(down):
            down[n] -= 1
            if not down[n]:
                del down[n]


@dataclass
class Hub:
    name: str
    db: HubDatabase
    user: HubUser
    seconds: float = 0.0  # spent in upload()


def open_hub(name: str, url: str) -> Hub:
    db = HubDatabase(url)
    migrate(db.engine)
    with db.transaction() as session:
        add_user(session, WATCHER, Role.ENGINEER, TEAM)
    with db.transaction() as session:
        user = session.scalars(select(HubUser).where(HubUser.name == WATCHER)).one()
    return Hub(name, db, user)


def load(hubs: list[Hub], days: int, report: Callable[[str], None], cold: bool = False) -> int:
    """Uploads the results to every hub, batch by batch (each batch goes to all, so all hold the same rows).

    After the first batch PostgreSQL's statistics of the table are taken, as autovacuum takes them on a running hub
    (unless `cold`): without them the planner reads each upload's check for results already stored through the
    (team, seq) index, all of the team's rows, and an upload slows down as the table grows until autovacuum comes.
    """
    total = 0
    batch: list[ProbeResultIn] = []
    expected = days * SWEEPS_PER_DAY * TARGETS

    def send() -> None:
        request = ProbeResultsUpload(vantage=VANTAGE, kind="watcher", network=NETWORK, results=batch)
        for hub in hubs:
            started = time.perf_counter()
            stored = upload(hub.db, hub.user, request)
            hub.seconds += time.perf_counter() - started
            assert stored.stored == len(batch), stored
        batch.clear()

    for result in results(days):
        batch.append(result)
        total += 1
        if len(batch) == MAX_RESULTS:
            send()
            if total == MAX_RESULTS and not cold:
                analyse(hubs)
            if total % 100_000 < MAX_RESULTS:
                rates = ", ".join(f"{hub.name} {total / hub.seconds:,.0f}/s" for hub in hubs)
                report(f"  {total:,} of {expected:,} results uploaded ({rates} so far)")
    if batch:
        send()
    return total


def analyse(hubs: list[Hub]) -> None:
    for hub in hubs:
        if hub.db.engine.dialect.name == "postgresql":
            with hub.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE hub_probe_results"))


def postgres_bytes(db: HubDatabase) -> tuple[int, dict[str, int]]:
    """(the table with its indexes and TOAST, after VACUUM ANALYZE; its parts)"""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE hub_probe_results"))
        row = connection.execute(text(
            "SELECT pg_total_relation_size('hub_probe_results'), pg_relation_size('hub_probe_results'), "
            "pg_indexes_size('hub_probe_results'), pg_database_size(current_database())")).one()
    return row[0], {"table": row[1], "indexes": row[2], "database": row[3]}


def sqlite_bytes(path: Path, db: HubDatabase) -> tuple[int, dict[str, int]]:
    """(the pages of the table and its indexes, or without `dbstat` the file after VACUUM; the file's size)"""
    db.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        parts = {"file": path.stat().st_size}
        try:
            rows = connection.execute(
                "SELECT name, SUM(pgsize) FROM dbstat WHERE name = 'hub_probe_results' OR name IN "
                "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hub_probe_results') "
                "GROUP BY name").fetchall()
        except sqlite3.OperationalError:  # built without dbstat
            rows = []
        if rows:
            parts["table"] = sum(size for name, size in rows if name == "hub_probe_results")
            parts["indexes"] = sum(size for name, size in rows if name != "hub_probe_results")
            return sum(size for _name, size in rows), parts
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    parts["file after VACUUM"] = path.stat().st_size
    return parts["file after VACUUM"], parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hub_results_storage",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30, help="days of results to upload (default 30)")
    parser.add_argument("--quick", action="store_true", help="2 days: a smoke run, too small to judge")
    parser.add_argument("--cold", action="store_true",
                        help="no ANALYZE after the first batch: PostgreSQL's uploads as on a fresh table")
    args = parser.parse_args(argv)
    days = 2 if args.quick else args.days
    if days < 1:
        parser.error("--days must be at least 1")

    from tests.support.hub import PostgresServer

    def report(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="dzdesk-bench-results-"))
    # A folder of its own: the cluster runs as the postgres user, who cannot enter this user's private folder.
    server = PostgresServer(Path(tempfile.mkdtemp(prefix="dzdesk-bench-pg-")))
    try:
        report("starting a private PostgreSQL cluster")
        server.start()
        sqlite_path = work / "hub.sqlite3"
        hubs = [open_hub("PostgreSQL", server.create_database("hub")), open_hub("SQLite", f"sqlite:///{sqlite_path}")]
        report(f"uploading {days} days of {TARGETS} targets every {INTERVAL.seconds // 60} minutes, "
               f"batches of {MAX_RESULTS}")
        rows = load(hubs, days, report, args.cold)
        measured = [postgres_bytes(hubs[0].db), sqlite_bytes(sqlite_path, hubs[1].db)]
        for hub in hubs:
            hub.db.dispose()
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    month = 30 * SWEEPS_PER_DAY * TARGETS
    note = "  (quick: too small to judge)" if args.quick else ""
    print(f"{TARGETS} targets every {INTERVAL.seconds // 60} minutes, one watcher, {days} days: {rows:,} results{note}")
    print(f"{'database':<12}{'rows':>10}{'bytes/result':>14}{'MB/month':>10}{'GB/year':>9}{'results/s':>11}  parts")
    for hub, (size, parts) in zip(hubs, measured, strict=True):
        per = size / rows
        shown = ", ".join(f"{name} {value / 1e6:.1f} MB" for name, value in parts.items())
        print(f"{hub.name:<12}{rows:>10,}{per:>14.1f}{per * month / 1e6:>10.1f}{per * month * 365 / 30 / 1e9:>9.2f}"
              f"{rows / hub.seconds:>11,.0f}  {shown}")
    print("MB and GB are 10^6 and 10^9 bytes; a month is 30 days, a year 365 days at the month's rate.")
    if not args.cold:
        print("PostgreSQL's statistics were taken after the first batch, as autovacuum does; --cold goes without.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
