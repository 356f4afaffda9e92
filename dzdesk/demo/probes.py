"""A year of hourly probe history for the default catalogue, with a few outages true to life and a certificate
close to expiry, so the board, the charts and the health report have something to show.

Addresses use the reserved `.invalid` domain: a sweep started in a demo directory honestly finds nothing there.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from dzdesk.demo.context import DemoContext
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence, maintenance_spans
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import ConfirmPolicy, replay
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget, default_targets
from dzdesk.domain.record_ids import default_target_id
from dzdesk.store.meta import set_meta
from dzdesk.store.probe_models import ProbeResult, ProbeState, ProbeTargetRecord
from dzdesk.store.probe_repo import save_window

HOSTS = {"credit": "xyxx.dzzjj.invalid", "approval": "gcxm.dzzjj.invalid"}
CERT_EXPIRY_DAYS = {"credit": 12, "approval": 204}  # the credit platform's certificate is due for renewal

# (target name, local start, hours, failure, detail): what went wrong this year.
OUTAGES = [
    ("审批系统-网上大厅", datetime(2026, 3, 17, 20), 5, Failure.STATUS, "502 (expected below 400)"),
    ("信用平台-门户", datetime(2026, 7, 8, 14), 6, Failure.TIMEOUT, "5 s"),
    ("信用平台-信用信息采集", datetime(2026, 7, 8, 14), 6, Failure.TIMEOUT, "5 s"),
    ("审批系统-渠县", datetime(2026, 9, 2, 9), 8, Failure.REFUSED, "connection refused or unreachable"),
    ("审批系统-联合验收", datetime(2026, 10, 23, 10), 4, Failure.KEYWORD, "联合验收"),
]


def _addressed(target: ProbeTarget, index: int) -> ProbeTarget:
    host = HOSTS[target.platform]
    if target.district:
        return replace(target, url=f"https://{host}/qx/{index:02d}/", keyword="", timeout_s=8)
    path = f"m{index:02d}/" if target.module else ""
    keyword = "网上大厅" if target.module == "网上大厅" else ""
    return replace(target, url=f"https://{host}/{path}", keyword=keyword, latency_threshold_ms=3000)


def fill(demo: DemoContext) -> int:
    rng, session = demo.rng, demo.session
    set_meta(session, "probe_defaults_added", "1")
    targets = [_addressed(t, i) for i, t in enumerate(default_targets(demo.catalogue))]
    targets += [ProbeTarget(name=f"{demo.catalogue.platform(code).short_name}-证书", platform=code,
                            kind=ProbeKind.TLS, url=f"https://{host}/", cert_warning_days=30)
                for code, host in HOSTS.items()]
    records = []
    defaults = {t.name for t in default_targets(demo.catalogue)}
    for position, target in enumerate(targets):
        record = ProbeTargetRecord(position=position)
        if target.name in defaults:
            record.id = default_target_id(target.name)
        record.apply(target)
        session.add(record)
        records.append(record)
    first_sunday = datetime(2026, 1, 4, 2, tzinfo=SHANGHAI)
    windows = [MaintenanceWindow(first_sunday, timedelta(hours=2), Recurrence.WEEKLY, platform="approval",
                                 note="审批系统每周例行维护（周日 02:00–04:00）")]
    for window in windows:
        save_window(session, window)
    session.flush()

    end = demo.now.replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=365)
    outages = {}
    for name, local_start, hours, failure, detail in OUTAGES:
        begins = local_start.replace(tzinfo=SHANGHAI)
        if begins + timedelta(hours=hours) <= end:
            outages.setdefault(name, []).append((begins, begins + timedelta(hours=hours), failure, detail))
    rows: list[tuple[object, ...]] = []
    policy = ConfirmPolicy()
    issuer = "GlobalSign RSA OV SSL CA 2018"
    for record, target in zip(records, targets, strict=True):
        base = rng.uniform(60, 260) if target.kind is ProbeKind.HTTP else rng.uniform(25, 60)
        cert_not_after = end + timedelta(days=CERT_EXPIRY_DAYS[target.platform], hours=7)
        cert_text = _stored(cert_not_after)
        # The target's maintenance as spans, walked alongside the hours (a year of moments, each asked of every
        # window, took a good part of the demo's time).
        spans = maintenance_spans(windows, target.name, target.platform, start, end)
        span = 0
        moment = start + timedelta(seconds=rng.randrange(0, 600))
        series = []
        while moment < end:
            while span < len(spans) and spans[span][1] <= moment:
                span += 1
            during = span < len(spans) and spans[span][0] <= moment
            down = next(((f, d) for s, e, f, d in outages.get(target.name, []) if s <= moment < e), None)
            if down is None and during and rng.random() < 0.5:
                down = (Failure.STATUS, "503 (expected below 400)")
            if down is None and rng.random() < 0.002:  # a lone lost answer that confirms nothing
                down = (Failure.TIMEOUT, "5 s")
            busy = 1.6 if 1 <= moment.hour < 10 else 1.0  # 09:00-18:00 in Beijing
            ok = down is None
            latency = round(base * busy * math.exp(rng.gauss(0, 0.25)), 1)
            if not ok and down[0] is Failure.TIMEOUT:
                latency = 5000.0
            status = None
            if target.kind is ProbeKind.HTTP:
                status = 200 if ok or down[0] is Failure.KEYWORD else 502 if "502" in down[1] else \
                    503 if "503" in down[1] else None
            last = (moment, ok, latency, "" if ok else down[0].name, "" if ok else down[1], during)
            rows.append((record.id, _stored(moment), ok, latency, "" if ok else down[0].name, "" if ok else down[1],
                         status, cert_text, issuer, during, "", str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                         3600))
            if not during:
                series.append((moment, ok))
            moment += timedelta(hours=1)
        tracker, _transitions = replay(series, policy)
        session.add(ProbeState(
            target_id=record.id, state=str(tracker.state), since=tracker.since, streak=tracker.streak,
            streak_started=tracker.streak_started, pending=str(tracker.pending or ""),
            last_at=last[0], last_ok=last[1], last_latency_ms=last[2],
            last_failure=last[3], last_detail=last[4], last_in_maintenance=last[5],
            cert_not_after=cert_not_after, cert_issuer=issuer,
            warnings="CERT_EXPIRING" if CERT_EXPIRY_DAYS[target.platform] <= 30 else ""))
        if len(rows) >= 50_000:
            _insert_results(session, rows)
            rows = []
    _insert_results(session, rows)
    return len(records)


_COLUMNS = ("target_id", "started_at", "ok", "latency_ms", "failure", "detail", "status_code", "cert_not_after",
            "cert_issuer", "in_maintenance", "warnings", "result_id", "interval_s")


def _insert_results(session: Session, rows: list[tuple[object, ...]]) -> None:
    """A third of a million rows: binding them through SQLAlchemy's types would take most of the demo's time, so
    they go to the driver directly, times in the form the store's UTC column writes (the demo's tests read them)."""
    if rows:
        statement = (f"INSERT INTO {ProbeResult.__table__.name} ({', '.join(_COLUMNS)}) "
                     f"VALUES ({', '.join('?' for _ in _COLUMNS)})")
        session.connection().exec_driver_sql(statement, rows)


def _stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
