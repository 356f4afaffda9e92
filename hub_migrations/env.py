"""Alembic environment for the hub. `dzdesk hub serve` passes its connection; the `alembic` command uses the URL."""

from alembic import context
from sqlalchemy import create_engine

from dzdesk.hub.models import HubBase

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as own_connection:
        _run_on(own_connection)


def _run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=HubBase.metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
