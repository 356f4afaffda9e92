"""Tables of probe targets, maintenance windows, probe results and each target's current state.

Targets and windows are team records that sync. Results are facts: each laptop and watcher of the team sends its
own to the hub, apart from the records' merging, and takes the others' back, each marked with who probed from
where. States are this machine's own, made from its own results.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, Date, Float, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence
from dzdesk.domain.probe_target import TARGET_FIELDS, ProbeTarget, target_of
from dzdesk.store.base import Base, RecordMixin, new_id
from dzdesk.store.types import UTCDateTime


class ProbeTargetRecord(RecordMixin, Base):
    __tablename__ = "probe_targets"

    name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    platform: Mapped[str] = mapped_column(String(20), nullable=False)
    kind: Mapped[str] = mapped_column(String(8), default="http", nullable=False)
    url: Mapped[str] = mapped_column(String(500), default="", nullable=False)
    host: Mapped[str] = mapped_column(String(255), default="", nullable=False)
    port: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expect_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    keyword: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    timeout_s: Mapped[float] = mapped_column(Float, default=5.0, nullable=False)
    latency_threshold_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verify_tls: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    cert_warning_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    module: Mapped[str] = mapped_column(String(60), default="", nullable=False)
    district: Mapped[str] = mapped_column(String(40), default="", nullable=False)
    username: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    notes: Mapped[str] = mapped_column(Text, default="", nullable=False)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    def to_target(self) -> ProbeTarget:
        return target_of(self.kind, [getattr(self, name) for name in TARGET_FIELDS])

    def apply(self, target: ProbeTarget) -> None:
        """Copies every field of `target`, assigning only what changed so an unchanged target queues no sync."""
        for name in TARGET_FIELDS:
            if getattr(self, name) != getattr(target, name):
                setattr(self, name, getattr(target, name))
        if self.kind != str(target.kind):
            self.kind = str(target.kind)


class MaintenanceWindowRecord(RecordMixin, Base):
    __tablename__ = "maintenance_windows"

    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    recurrence: Mapped[str] = mapped_column(String(8), default="once", nullable=False)
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    platform: Mapped[str] = mapped_column(String(20), default="", nullable=False)
    target_name: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    note: Mapped[str] = mapped_column(Text, default="", nullable=False)

    def to_window(self) -> MaintenanceWindow:
        return MaintenanceWindow(starts_at=self.starts_at, duration=timedelta(minutes=self.duration_minutes),
                                 recurrence=Recurrence(self.recurrence), until=self.until, platform=self.platform,
                                 target_name=self.target_name, note=self.note)


class ProbeResult(Base):
    """One result, this laptop's or pulled from the team's hub: a fact that is appended, never edited."""

    __tablename__ = "probe_results"
    # A target's results in time order, each with what the figures over observed time read of it, so that a year of
    # them comes from the index alone (`probe_history.observed_period`) rather than row by row from the whole table.
    __table_args__ = (Index("ix_probe_results_observed", "target_id", "started_at", "ok", "in_maintenance",
                            "latency_ms", "vantage", "interval_s"),
                      Index("ix_probe_results_result_id", "result_id", unique=True),
                      Index("ix_probe_results_to_upload", "uploaded", sqlite_where=text("uploaded = 0")))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[str] = mapped_column(String(36), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ok: Mapped[bool] = mapped_column(Boolean, nullable=False)
    latency_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    failure: Mapped[str] = mapped_column(String(20), default="", nullable=False)  # a `Failure` member name
    detail: Mapped[str] = mapped_column(Text, default="", nullable=False)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cert_not_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cert_issuer: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    in_maintenance: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    warnings: Mapped[str] = mapped_column(String(100), default="", nullable=False)  # `Warning_` names, comma-joined
    # Made here: the same result sent to the hub twice is stored there once, and pulled back here it is not doubled.
    result_id: Mapped[str] = mapped_column(String(36), default=new_id, nullable=False)
    vantage: Mapped[str] = mapped_column(String(80), default="", nullable=False)  # who probed; "": this laptop
    network: Mapped[str] = mapped_column(String(80), default="", nullable=False)  # where from, as its prober says
    interval_s: Mapped[int] = mapped_column(Integer, default=0, nullable=False)  # the prober's schedule; 0: one-off
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)  # the hub has it


class ProbeState(Base):
    """A target's confirmed state and its latest result, kept so the board opens without reading the history."""

    __tablename__ = "probe_states"

    target_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    state: Mapped[str] = mapped_column(String(8), default="unknown", nullable=False)
    since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    streak: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    streak_started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    pending: Mapped[str] = mapped_column(String(8), default="", nullable=False)  # what the streak would confirm
    last_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    last_latency_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_failure: Mapped[str] = mapped_column(String(20), default="", nullable=False)  # a `Failure` member name
    last_detail: Mapped[str] = mapped_column(Text, default="", nullable=False)
    last_in_maintenance: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    cert_not_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cert_issuer: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    warnings: Mapped[str] = mapped_column(String(100), default="", nullable=False)
