"""Alembic environment for the local store. dzdesk passes its own connection; the `alembic` command uses the URL."""

from alembic import context
from sqlalchemy import create_engine

from dzdesk.store.models import Base

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as own_connection:
        _run_on(own_connection)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text index and its shadow tables are made by hand in migration 0003, not by the models."""
    return not (type_ == "table" and name and name.startswith("search_index"))


def _run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


run()
