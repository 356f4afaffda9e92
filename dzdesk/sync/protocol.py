"""The wire protocol between dzdesk and its hub, shared by both sides so they cannot drift apart.

A record travels as its entity (table name), client-made id and a JSON payload of its fields. A push names the
revision its change is based on and the fields it changed since then, so the hub can merge changes made on two
sides field by field. Every message is validated on arrival, so a hub or client that sends garbage is refused in
words instead of corrupting the other side.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

API_PREFIX = "/v1"
MAX_BATCH = 500  # changes in one push
MAX_PAGE = 1000  # changes in one pull page
MAX_BODY_BYTES = 16 * 1024 * 1024  # a push request; a record is small, but text fields may be long
MAX_BLOB_BYTES = 64 * 1024 * 1024  # a photo or a training video excerpt
MAX_RESULTS = 5000  # probe results in one upload, and in one page of changes
SHA256_PATTERN = r"^[0-9a-f]{64}$"
ID_PATTERN = r"^[0-9a-f-]{36}$"

# What syncs, parents before children: a batch or page applied in this order never breaks a foreign key.
ENTITIES: tuple[str, ...] = (
    "team_settings",
    "incidents", "incident_events", "incident_pauses", "incident_corrections", "complaints",
    "visits", "visit_follow_ups", "visit_attachments", "visit_amendments", "visit_incidents",
    "trainings", "training_attendees", "training_materials",
    "probe_targets", "maintenance_windows",
    "indicator_definitions", "indicator_values", "indicator_notes",
    "issued_reports",
    "sync_conflicts",
)
# Team configuration and shared bookkeeping: any member of the team may change these, not only their author.
SHARED_ENTITIES = frozenset({"probe_targets", "maintenance_windows", "sync_conflicts", "indicator_definitions",
                             "indicator_values", "indicator_notes"})
# A team's own settings (its working calendar first): every member reads them, only a lead of the team changes
# them. Each record names its team in the field `team`, which never changes, and its id is derived from the team
# and its `key` (`dzdesk.domain.record_ids.team_setting_id`), so two leads writing one setting write one record.
LEAD_ENTITIES = frozenset({"team_settings"})
# Records that are evidence: appended, never changed or deleted once the hub has them (a corrected time on the
# record, an issued report in the register). The hub refuses a change to one in words.
APPEND_ONLY_ENTITIES = frozenset({"incident_corrections", "issued_reports"})
# Fields that hold blob names (sha256), per entity: their blobs travel before the records that name them.
BLOB_FIELDS: dict[str, tuple[str, ...]] = {
    "visits": ("signature_sha256",),
    "visit_attachments": ("sha256",),
    "training_materials": ("sha256",),
}
CONFLICTS = "sync_conflicts"
# The record schema both sides speak. A push names it, and the hub refuses one it was not built for, in words,
# rather than store a field it does not know or drop it. Raise it (and MIN_SCHEMA when old clients must go) with
# every change to FIELDS.
# 3: team settings; an incident's response deadline no longer travels (each laptop derives it from the calendar of
# the incident's team); default targets and indicator records keyed by team.
# 4: a fault's corrected and late-entered times (incident_corrections) and the register of issued reports.
SCHEMA_VERSION = 4
MIN_SCHEMA = 4
COMMON_FIELDS = ("id", "created_at", "updated_at", "author", "deleted")
# Fields every edit touches on both sides: never a conflict, never a pending edit of their own.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "author", "changed_by"})


def _fields(names: str) -> frozenset[str]:
    return frozenset((*COMMON_FIELDS, *names.split()))


# Every field a record of each entity carries at SCHEMA_VERSION (a test checks them against the local tables).
FIELDS: dict[str, frozenset[str]] = {
    "team_settings": _fields("changed_by key team value"),
    "incidents": _fields(
        "assignee cause channel closed_at department description district lesson module platform reported_at "
        "reporter reporter_contact resolution resolved_at responded_at severity status title "
        "typical"
    ),
    "incident_events": _fields("at from_status incident_id kind note to_status"),
    "incident_pauses": _fields("end_at incident_id reason start_at"),
    "incident_corrections": _fields("at field incident_id late new_value old_value"),
    "complaints": _fields("channel complainant contact content handling outcome received_at replied_at unit"),
    "visits": _fields(
        "address arrived_at categories contact_name contact_phone departed_at department district engineers "
        "office platforms problems_found report_number signature_sha256 signed_at signer_name work_done"
    ),
    "visit_follow_ups": _fields("done due position text visit_id"),
    "visit_attachments": _fields("caption filename kind position sha256 visit_id"),
    "visit_amendments": _fields("at text visit_id"),
    "visit_incidents": _fields("incident_id visit_id"),
    "trainings": _fields("district ends_at kind modules notes platforms starts_at target_units title trainers venue"),
    "training_attendees": _fields("checked_in_at department name phone position role status training_id unit walk_in"),
    "training_materials": _fields("filename sha256 training_id"),
    "probe_targets": _fields(
        "cert_warning_days district enabled expect_status host keyword kind latency_threshold_ms module name "
        "notes platform port position timeout_s url username verify_tls"
    ),
    "maintenance_windows": _fields("duration_minutes note platform recurrence starts_at target_name until"),
    "indicator_definitions": _fields("code higher_is_better name position synonyms target threshold_pct unit"),
    "indicator_values": _fields("area code month source value"),
    "indicator_notes": _fields("action area cause code kind month"),
    "issued_reports": _fields(
        "code content_sha256 issued_at kind number sha256 signed signer timestamped title"
    ),
    "sync_conflicts": _fields(
        "entity field kept_at kept_author kept_value other_at other_author other_value record_id resolution "
        "resolved"
    ),
}
# A child record names its parent in this field; the hub refuses a new child whose parent it does not have.
PARENTS: dict[str, tuple[str, str]] = {
    "incident_events": ("incidents", "incident_id"), "incident_pauses": ("incidents", "incident_id"),
    "incident_corrections": ("incidents", "incident_id"),
    "visit_follow_ups": ("visits", "visit_id"), "visit_attachments": ("visits", "visit_id"),
    "visit_amendments": ("visits", "visit_id"), "visit_incidents": ("visits", "visit_id"),
    "training_attendees": ("trainings", "training_id"), "training_materials": ("trainings", "training_id"),
}


class Role(StrEnum):
    ENGINEER = "engineer"
    LEAD = "lead"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Change(_Strict):
    entity: str = Field(max_length=40)
    id: str = Field(pattern=ID_PATTERN)
    base_rev: int = Field(ge=0, description="the hub revision the change was made on; 0 for a new record")
    changed: list[str] = Field(max_length=200, description="fields changed since base_rev")
    payload: dict[str, Any] = Field(description="every field of the record as the client has it now")


class PushRequest(_Strict):
    batch_id: str = Field(pattern=ID_PATTERN, description="the same id on a retry makes the push idempotent")
    schema_version: int = Field(default=1, ge=MIN_SCHEMA, le=SCHEMA_VERSION,
                                description="the record schema the client speaks (SCHEMA_VERSION); a push "
                                "without it comes from a client older than any hub takes")
    changes: list[Change] = Field(max_length=MAX_BATCH)


class Outcome(StrEnum):
    APPLIED = "applied"  # stored as sent
    MERGED = "merged"  # stored with fields another side changed in the meantime
    CONFLICT = "conflict"  # both sides changed a field; the later value was kept and the other recorded
    REJECTED = "rejected"  # not allowed or not valid; `message` says why


class ChangeResult(_Strict):
    entity: str
    id: str
    outcome: Outcome
    rev: int = Field(ge=0, description="the record's hub revision after the push (0 when rejected)")
    message: str = ""
    payload: dict[str, Any] | None = Field(default=None, description="the record as the hub stored it, when that is "
                                           "not what the change sent (merged, a conflict kept, bookkeeping)")


class PushResponse(_Strict):
    batch_id: str
    results: list[ChangeResult]


class RemoteRecord(_Strict):
    entity: str
    id: str = Field(pattern=ID_PATTERN)
    rev: int = Field(ge=1)
    owner: str
    team: str = Field(default="", max_length=80, description="the team the record belongs to")
    payload: dict[str, Any]


class Me(_Strict):
    name: str
    role: Role
    team: str
    teams: list[str] = Field(default_factory=list, description="every team whose records the account reads (a "
                             "lead's own and those it leads); a lead changes these teams' settings")


class _PlainText(_Strict):
    """Text fields without NUL characters: PostgreSQL refuses them outright, and no prober writes one."""

    @model_validator(mode="after")
    def _no_nul(self) -> Self:
        for name, value in self:
            if isinstance(value, str) and "\x00" in value:
                raise ValueError(f"{name} holds a NUL character")
        return self


class ProbeResultIn(_PlainText):
    """One probe result as its prober saw it: a fact, never edited, so it travels apart from the records' merge."""

    id: str = Field(pattern=ID_PATTERN, description="made by the prober: the same result sent again is stored once")
    target_id: str = Field(pattern=ID_PATTERN)
    target_name: str = Field(max_length=100)
    started_at: AwareDatetime
    ok: bool
    latency_ms: float | None = Field(default=None, ge=0, le=10_000_000)
    failure: str = Field(default="", max_length=20)
    detail: str = Field(default="", max_length=2000)
    status_code: int | None = Field(default=None, ge=0, le=999)
    cert_not_after: AwareDatetime | None = None
    cert_issuer: str = Field(default="", max_length=200)
    in_maintenance: bool = False
    interval_s: int = Field(default=0, ge=0, le=86_400, description="the schedule the prober was on; 0: a one-off")
    vantage: str = Field(max_length=80, description="which laptop or watcher probed")
    network: str = Field(default="", max_length=80, description="where from, e.g. 达川区政务服务中心内网")


class ProbeResultsUpload(_PlainText):
    vantage: str = Field(max_length=80, description="the laptop or watcher uploading; its heartbeat is noted")
    kind: str = Field(default="laptop", pattern=r"^(laptop|watcher)$")
    network: str = Field(default="", max_length=80)
    results: list[ProbeResultIn] = Field(max_length=MAX_RESULTS)


class ProbeResultsStored(_Strict):
    stored: int = Field(ge=0, description="results new to the hub")
    already: int = Field(ge=0, description="results the hub had (a retried upload)")


class ProbeResultOut(ProbeResultIn):
    seq: int = Field(ge=1, description="the hub's order of arrival; pass the last as `results_since`")
    team: str = Field(max_length=80)


class VantageSeen(_Strict):
    """A laptop or watcher of the team, and when the hub last heard from it: a silent watcher shows."""

    team: str
    vantage: str
    kind: str
    network: str
    last_seen: AwareDatetime


class ChangesPage(_Strict):
    changes: list[RemoteRecord]
    next_since: int = Field(ge=0, description="pass as `since` to read on")
    more: bool
    account: Me | None = Field(default=None, description="who the hub takes the caller for: a laptop learns a "
                               "change of role or team without asking")
    results: list[ProbeResultOut] = Field(default_factory=list, description="the team's probe results after "
                                          "`results_since`, in order of arrival")
    results_next: int = Field(default=0, ge=0, description="pass as `results_since` to read on")
    results_more: bool = False
    vantages: list[VantageSeen] = Field(default_factory=list)


class Health(_Strict):
    status: str
    version: str


class ErrorBody(_Strict):
    detail: str
