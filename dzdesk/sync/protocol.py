"""The wire protocol between dzdesk and its hub, shared by both sides so they cannot drift apart.

A record travels as its entity (table name), client-made id and a JSON payload of its fields. A push names the
revision its change is based on and the fields it changed since then, so the hub can merge changes made on two
sides field by field. Every message is validated on arrival, so a hub or client that sends garbage is refused in
words instead of corrupting the other side.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/v1"
MAX_BATCH = 500  # changes in one push
MAX_PAGE = 1000  # changes in one pull page
MAX_BODY_BYTES = 16 * 1024 * 1024  # a push request; a record is small, but text fields may be long
MAX_BLOB_BYTES = 64 * 1024 * 1024  # a photo or a training video excerpt
SHA256_PATTERN = r"^[0-9a-f]{64}$"
ID_PATTERN = r"^[0-9a-f-]{36}$"

# What syncs, parents before children: a batch or page applied in this order never breaks a foreign key.
ENTITIES: tuple[str, ...] = (
    "incidents", "incident_events", "incident_pauses", "complaints",
    "visits", "visit_follow_ups", "visit_attachments", "visit_amendments", "visit_incidents",
    "trainings", "training_attendees", "training_materials",
    "probe_targets", "maintenance_windows",
    "indicator_definitions", "indicator_values", "indicator_notes",
    "sync_conflicts",
)
# Team configuration and shared bookkeeping: any member of the team may change these, not only their author.
SHARED_ENTITIES = frozenset({"probe_targets", "maintenance_windows", "sync_conflicts", "indicator_definitions",
                             "indicator_values", "indicator_notes"})
# Fields that hold blob names (sha256), per entity: their blobs travel before the records that name them.
BLOB_FIELDS: dict[str, tuple[str, ...]] = {
    "visits": ("signature_sha256",),
    "visit_attachments": ("sha256",),
    "training_materials": ("sha256",),
}
CONFLICTS = "sync_conflicts"
# A child record names its parent in this field; the hub refuses a new child whose parent it does not have.
PARENTS: dict[str, tuple[str, str]] = {
    "incident_events": ("incidents", "incident_id"), "incident_pauses": ("incidents", "incident_id"),
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


class PushResponse(_Strict):
    batch_id: str
    results: list[ChangeResult]


class RemoteRecord(_Strict):
    entity: str
    id: str = Field(pattern=ID_PATTERN)
    rev: int = Field(ge=1)
    owner: str
    payload: dict[str, Any]


class ChangesPage(_Strict):
    changes: list[RemoteRecord]
    next_since: int = Field(ge=0, description="pass as `since` to read on")
    more: bool


class Me(_Strict):
    name: str
    role: Role
    team: str


class Health(_Strict):
    status: str
    version: str


class ErrorBody(_Strict):
    detail: str
