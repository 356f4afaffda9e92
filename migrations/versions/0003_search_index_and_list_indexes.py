"""search index for Chinese text, and the indexes the incident list pages by

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 17:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The text each record is found by, as of this revision (a migration never reads today's models).
SEARCHABLE_TABLES = {
    "incidents": ("title", "description", "module", "reporter", "department", "district", "cause", "resolution",
                  "assignee"),
    "complaints": ("complainant", "unit", "content", "handling", "outcome"),
}


def upgrade() -> None:
    from dzdesk.domain.search_text import index_tokens
    from dzdesk.store.search import search_rowid

    bind = op.get_bind()
    for table in SEARCHABLE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("search_key", sa.BigInteger(), nullable=True))
        ids = [row[0] for row in bind.execute(sa.text(f"SELECT id FROM {table}"))]
        for record_id in ids:
            bind.execute(sa.text(f"UPDATE {table} SET search_key = :key WHERE id = :id"),
                         {"key": search_rowid(record_id), "id": record_id})
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("search_key", existing_type=sa.BigInteger(), nullable=False)
            batch_op.create_index(batch_op.f(f"ix_{table}_search_key"), ["search_key"], unique=False)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_responded_due", ["responded_at", "response_due"], unique=False)
        batch_op.create_index("ix_incidents_severity_reported", ["severity", "reported_at"], unique=False)
        batch_op.create_index("ix_incidents_listing", ["deleted", "platform", "severity", "status", "responded_at"],
                              unique=False)
    # A virtual table: Alembic cannot describe it, so it is made here and left out of comparisons (env.py).
    op.execute("CREATE VIRTUAL TABLE search_index "
               "USING fts5(entity UNINDEXED, record_id UNINDEXED, body, tokenize='unicode61')")
    for table, columns in SEARCHABLE_TABLES.items():
        rows = bind.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table} WHERE deleted = 0")).all()
        for record_id, *texts in rows:
            bind.execute(sa.text("INSERT INTO search_index (rowid, entity, record_id, body) "
                                 "VALUES (:rowid, :entity, :id, :body)"),
                         {"rowid": search_rowid(record_id), "entity": table, "id": record_id,
                          "body": index_tokens(" ".join(t or "" for t in texts))})


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_index")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_listing")
        batch_op.drop_index("ix_incidents_severity_reported")
        batch_op.drop_index("ix_incidents_responded_due")
    for table in SEARCHABLE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_search_key"))
            batch_op.drop_column("search_key")
