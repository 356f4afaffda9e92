"""The dashboard read with `sqlite3` from the statements kept by the last gathering, before SQLAlchemy is imported:
the window's first page at start-up (`read_dashboard_plainly`). What it reads equals what `gather_dashboard` reads
from the same database at the same moment; when the kept text cannot be trusted it answers None and the page is
read the usual way once the store is open.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from datetime import datetime

from dzdesk.config import DataDir
from dzdesk.reports.dashboard_data import DashboardData, dashboard_of
from dzdesk.store.plain_reader import PlainReader, source_key

log = logging.getLogger(__name__)
# What the kept text is compiled from: a change to any of these makes it unknown (`plain_reader.source_key`).
SOURCES = ("dzdesk.reports.dashboard_data", "dzdesk.reports.dashboard_statements", "dzdesk.probes.board",
           "dzdesk.probes.board_rules", "dzdesk.store.probe_repo", "dzdesk.store.statement_cache",
           "dzdesk.store.types", "dzdesk.store.base", "dzdesk.store.incident_models", "dzdesk.store.training_models",
           "dzdesk.store.visit_models", "dzdesk.store.probe_models", "dzdesk.store.outbox")


@functools.cache
def statements_key() -> str:
    """Hashed once per process: the start-up's plain reading and the first gathering, which keeps the text, both
    ask for it, and the sources do not change under a running window."""
    return source_key(SOURCES)


def read_dashboard_plainly(data_dir: DataDir, now: datetime, cert_warning_days: int) -> DashboardData | None:
    reader = PlainReader.open(data_dir.database, data_dir.plain_statements_file, statements_key())
    if reader is None:
        return None
    try:
        with reader:
            return dashboard_of(reader, now, cert_warning_days)
    except (sqlite3.Error, KeyError, ValueError, TypeError) as exc:  # read the usual way: what it says is logged
        log.warning("the dashboard could not be read before the store opened: %s", exc)
        return None
