"""The full-text index of records, kept current by a flush hook in the same transaction as the records.

One FTS5 table holds every searchable record (incidents and complaints now; visits and trainings as they come),
its text tokenised by `dzdesk.domain.search_text` so that Chinese words of two characters are found.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Select, bindparam, event, false, literal_column, select, text
from sqlalchemy.orm import Session

from dzdesk.domain.search_text import index_tokens, match_expression
from dzdesk.store.base import RecordMixin, new_id
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.training_models import Training
from dzdesk.store.visit_models import Visit

TABLE = "search_index"  # made by migration 0003: fts5(entity UNINDEXED, record_id UNINDEXED, body)


def _incident_text(r: Incident) -> str:
    return " ".join((r.title, r.description, r.module, r.reporter, r.department, r.district, r.cause,
                     r.resolution, r.assignee))


def _complaint_text(r: Complaint) -> str:
    return " ".join((r.complainant, r.unit, r.content, r.handling, r.outcome))


def _visit_text(r: Visit) -> str:
    return " ".join((r.report_number, r.office, r.department, r.district, r.address, r.engineers, r.work_done,
                     r.problems_found, r.contact_name, r.signer_name))


def _training_text(r: Training) -> str:
    return " ".join((r.title, r.modules, r.venue, r.district, r.trainers, r.target_units, r.notes))


SEARCHABLE: dict[type[Any], Callable[[Any], str]] = {
    Incident: _incident_text, Complaint: _complaint_text, Visit: _visit_text, Training: _training_text}


def search_rowid(record_id: str) -> int:
    """A stable 64-bit row id from the record's UUID, so an entry is replaced without scanning the index."""
    return int.from_bytes(uuid.UUID(record_id).bytes[:8], "big", signed=True)


def index_record(connection: Connection, record: RecordMixin, body: str) -> None:
    rowid = search_rowid(record.id)
    connection.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :rowid"), {"rowid": rowid})
    if not record.deleted:
        connection.execute(
            text(f"INSERT INTO {TABLE} (rowid, entity, record_id, body) VALUES (:rowid, :entity, :id, :body)"),
            {"rowid": rowid, "entity": type(record).__tablename__, "id": record.id, "body": index_tokens(body)})


def install_search_hook(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    for record in session.new:
        if type(record) in SEARCHABLE:
            if record.id is None:
                record.id = new_id()
            record.search_key = search_rowid(record.id)


def _after_flush(session: Session, _context: object) -> None:
    changed = [o for o in (*session.new, *session.dirty) if type(o) in SEARCHABLE]
    if not changed:
        return
    connection = session.connection()
    for record in changed:
        index_record(connection, record, SEARCHABLE[type(record)](record))


def matching_keys(query: str) -> Select[Any] | None:
    """The search keys of the records whose text holds every word of `query`, for `Model.search_key.in_(...)`;
    a candidate set where pairs of characters may match apart (see `index_is_exact`). None when the query has
    nothing searchable. Only index row ids are read, which is what keeps a common word fast."""
    expression = match_expression(query)
    if expression is None:
        return None
    return (select(literal_column("rowid"))
            .select_from(text(TABLE))
            # unique: a query of several words holds several of these subqueries
            .where(text(f"{TABLE} MATCH :fts_query").bindparams(bindparam("fts_query", expression, unique=True))))


def reindex_all(session: Session) -> int:
    """Rebuilds the whole index (after a migration or a restore); returns the number of records indexed."""
    connection = session.connection()
    connection.execute(text(f"DELETE FROM {TABLE}"))
    count = 0
    for model, body in SEARCHABLE.items():
        for record in session.scalars(select(model).where(model.deleted == false())).yield_per(2000):
            index_record(connection, record, body(record))
            count += 1
    return count
