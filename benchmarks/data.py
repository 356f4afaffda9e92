"""Seeded, reproducible data for the benchmarks: a year of an operations team's records at the sizes the
benchmarks name, written in bulk (the same rows and index entries the app writes, without its per-record cost)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from dzdesk.config import DataDir, Settings
from dzdesk.demo.images import signature, site_photo
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import ProbeTarget, default_targets
from dzdesk.domain.search_text import index_tokens
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.domain.training import RosterEntry
from dzdesk.domain.visit import ServiceCategory
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.search import TABLE, search_rowid
from dzdesk.store.training_repo import TrainingDraft, add_attendees, save_training
from dzdesk.store.visit_repo import VisitDraft, add_attachment, save_visit, sign

NOW = datetime(2026, 11, 20, 8, tzinfo=UTC)
WORDS = ("网上大厅", "上传", "审批", "材料", "登录", "超时", "报错", "导出", "打印", "公示", "验收", "信用", "修复",
         "接口", "数据", "同步", "证书", "页面", "缓慢", "无法", "异常", "附件", "流程", "待办", "账号")


def _sentence(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(words))


def add_incidents(store_path: DataDir, count: int, seed: int = 1, year: int = 2026) -> None:
    """`count` incidents spread over the year, with their full-text entries."""
    rng = random.Random(seed)
    catalogue, calendar = load_catalogue(), Settings().calendar()
    store = open_store(store_path)
    start = datetime(year, 1, 1, tzinfo=UTC)
    span = (min(NOW, datetime(year + 1, 1, 1, tzinfo=UTC)) - start).total_seconds()
    try:
        with store.engine.begin() as connection:
            batch: list[dict[str, object]] = []
            index: list[tuple[int, str, str, str]] = []
            for n in range(count):
                record_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                platform = rng.choice(catalogue.platforms)
                severity = rng.choice(list(Severity))
                reported = start + timedelta(seconds=rng.uniform(0, span))
                due = response_due(severity, reported, calendar)
                responded = reported + (due - reported) * rng.uniform(0.1, 1.2) if rng.random() < 0.98 else None
                resolved = None
                if responded and rng.random() < 0.97:
                    resolved = responded + timedelta(hours=rng.uniform(1, 30))
                title = _sentence(rng, 3)
                row = {"id": record_id, "created_at": reported, "updated_at": reported, "author": "李明",
                       "deleted": False, "platform": platform.code, "module": rng.choice(platform.modules),
                       "district": rng.choice(catalogue.districts), "department": rng.choice(catalogue.departments),
                       "reporter": "王芳", "reporter_contact": "13900000000", "channel": "phone",
                       "severity": severity.value, "title": title, "description": _sentence(rng, 8), "cause": "",
                       "resolution": "", "assignee": "李明",
                       "status": "resolved" if resolved else ("responded" if responded else "new"),
                       "reported_at": reported, "responded_at": responded, "resolved_at": resolved,
                       "closed_at": None, "response_due": due, "typical": n % 2000 == 0,
                       "lesson": "经验" if n % 2000 == 0 else "", "search_key": search_rowid(record_id)}
                batch.append(row)
                index.append((row["search_key"], "incidents", record_id,
                              index_tokens(" ".join((title, row["description"], row["module"], row["district"])))))
                if len(batch) == 5000:
                    _flush(connection, batch, index)
            _flush(connection, batch, index)
    finally:
        store.close()


def _flush(connection, batch: list[dict[str, object]], index: list[tuple[int, str, str, str]]) -> None:
    if batch:
        connection.execute(insert(Incident.__table__), batch)
        connection.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, entity, record_id, body) VALUES (?, ?, ?, ?)",
                                   index)
        batch.clear()
        index.clear()


def add_visits_and_trainings(data_dir: DataDir, visits: int, trainings: int, attendees: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    catalogue = load_catalogue()
    store = open_store(data_dir, author="李明")
    blobs = BlobStore(data_dir.blobs)
    photo = data_dir.root / "photo.jpg"
    photo.write_bytes(site_photo(rng, "现场"))
    try:
        with store.transaction() as session:
            for n in range(visits):
                arrived = NOW - timedelta(days=rng.uniform(1, 320))
                visit = save_visit(session, VisitDraft(
                    office=rng.choice(catalogue.departments), platforms=("approval",),
                    categories=(rng.choice(list(ServiceCategory)),), engineers="李明", arrived_at=arrived,
                    departed_at=arrived + timedelta(hours=2), district=rng.choice(catalogue.districts),
                    work_done=_sentence(rng, 10)), NOW)
                if n < 20:
                    add_attachment(session, visit, blobs, photo)
            per = max(1, attendees // max(1, trainings))
            for n in range(trainings):
                starts = NOW - timedelta(days=rng.uniform(1, 320))
                training = save_training(session, TrainingDraft(title=f"培训{n}{_sentence(rng, 2)}", starts_at=starts,
                                                                platforms=("approval",)))
                add_attendees(session, training, [RosterEntry(f"学员{k}", "达川区住建局", "", f"139{n:04d}{k:04d}")
                                                  for k in range(per)])
    finally:
        store.close()


def add_probe_results(data_dir: DataDir, results: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    store = open_store(data_dir)
    try:
        with store.transaction() as session:
            records = []
            for position, target in enumerate(default_targets(load_catalogue())):
                record = ProbeTargetRecord(position=position)
                record.apply(ProbeTarget(target.name, target.platform, url=f"https://example.invalid/{position}",
                                         module=target.module, district=target.district))
                session.add(record)
                records.append(record)
            session.flush()
            ids = [r.id for r in records]
        per = results // len(ids)
        step = timedelta(days=365) / per
        with store.engine.begin() as connection:
            rows = []
            for target_id in ids:
                moment = NOW - timedelta(days=365)
                for _ in range(per):
                    ok = rng.random() > 0.003
                    rows.append({"target_id": target_id, "started_at": moment, "ok": ok,
                                 "latency_ms": round(rng.uniform(50, 400), 1), "failure": "" if ok else "TIMEOUT",
                                 "detail": "", "status_code": 200 if ok else None, "cert_not_after": None,
                                 "cert_issuer": "", "in_maintenance": False, "warnings": ""})
                    moment += step
                    if len(rows) == 50_000:
                        connection.execute(insert(ProbeResult.__table__), rows)
                        rows = []
            if rows:
                connection.execute(insert(ProbeResult.__table__), rows)
    finally:
        store.close()


def visit_with_photos(data_dir: DataDir, photos: int = 4) -> str:
    """One signed visit with `photos` photos, for the visit report figure; returns its id."""
    rng = random.Random(4)
    store = open_store(data_dir, author="李明")
    blobs = BlobStore(data_dir.blobs)
    try:
        with store.transaction() as session:
            arrived = NOW - timedelta(hours=5)
            visit = save_visit(session, VisitDraft(office="达川区住建局", platforms=("approval",),
                                                   categories=(ServiceCategory.FUNCTION,), engineers="李明",
                                                   arrived_at=arrived, departed_at=arrived + timedelta(hours=2),
                                                   work_done=_sentence(rng, 40)), NOW)
            for n in range(photos):
                path = data_dir.root / f"site{n}.jpg"
                path.write_bytes(site_photo(rng, f"现场照片 {n + 1}"))
                add_attachment(session, visit, blobs, path)
            sign(session, visit, "王科长", signature(rng), blobs, arrived + timedelta(hours=2))
            session.flush()
            return visit.id
    finally:
        store.close()


def reset_statistics(data_dir: DataDir) -> None:
    store = open_store(data_dir)
    try:
        store.analyze()
        with store.engine.begin() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        store.close()


def new_data_dir(root: Path, name: str) -> DataDir:
    return DataDir(root / name).ensure()
