"""The window's first page read with `sqlite3` from the kept statements: the same figures as through a session,
at any moment, and nothing read from text that cannot be trusted."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from dzdesk.config import DataDir
from dzdesk.domain.timefmt import SHANGHAI
from dzdesk.reports.dashboard_data import gather_dashboard
from dzdesk.reports.dashboard_plain import read_dashboard_plainly
from dzdesk.reports.dashboard_statements import STATEMENTS, keep_first_page_statements
from dzdesk.store import open_store
from dzdesk.store.statement_cache import compiled
from tests.reports.test_dashboard_data import NOW, fill

# The moments read at: a month's first instant and last (local time), January (23 months read) and December
# (12), a deadline's very instant, and moments before and after the data.
MOMENTS = [NOW, datetime(2026, 1, 1, tzinfo=SHANGHAI), datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=SHANGHAI),
           datetime(2026, 6, 30, 16, 0, tzinfo=UTC), datetime(2025, 3, 1, 8, tzinfo=UTC),
           datetime(2027, 2, 14, 3, 30, tzinfo=UTC), datetime.now(UTC)]


def _both(data_dir: DataDir, store, moment: datetime, days: int = 30):
    with store.session() as session:
        expected = gather_dashboard(session, moment, days)
    return expected, read_dashboard_plainly(data_dir, moment, days)


def test_the_demo_year_reads_the_same_both_ways_at_every_moment(demo_copy) -> None:
    data_dir = DataDir(demo_copy)
    store = open_store(data_dir)
    try:
        with store.session() as session:
            assert keep_first_page_statements(session, data_dir.plain_statements_file) is True
            assert keep_first_page_statements(session, data_dir.plain_statements_file) is False  # it serves
        read = []
        for moment in MOMENTS:
            expected, plain = _both(data_dir, store, moment)
            assert plain == expected, moment
            read.append(expected)
        assert read[-1].target_count > 0 and read[-1].year.incidents.total > 0
        assert any(data.unanswered_total for data in read) and any(data.agenda.visits_week for data in read)
    finally:
        store.close()


def test_the_tiles_of_other_vantages_and_the_agenda_read_the_same(store, data_dir) -> None:
    fill(store)  # faults, complaints, visits and follow-ups, trainings, targets with this laptop's and others' results
    with store.session() as session:
        keep_first_page_statements(session, data_dir.plain_statements_file)
    for moment in (NOW, NOW + timedelta(hours=1), NOW - timedelta(days=40), NOW + timedelta(days=3)):
        expected, plain = _both(data_dir, store, moment, days=400)
        assert plain == expected, moment


def test_kept_text_that_cannot_be_trusted_is_not_read(store, data_dir) -> None:
    path = data_dir.plain_statements_file
    assert read_dashboard_plainly(data_dir, NOW, 30) is None  # nothing kept yet
    with store.session() as session:
        keep_first_page_statements(session, path)
    assert read_dashboard_plainly(data_dir, NOW, 30) is not None
    kept = json.loads(path.read_text(encoding="utf-8"))

    path.write_text(json.dumps({**kept, "key": "compiled from other sources"}), encoding="utf-8")
    assert read_dashboard_plainly(data_dir, NOW, 30) is None
    path.write_text(json.dumps(kept)[:200], encoding="utf-8")  # cut short
    assert read_dashboard_plainly(data_dir, NOW, 30) is None
    path.write_text("[1, 2]", encoding="utf-8")  # another shape
    assert read_dashboard_plainly(data_dir, NOW, 30) is None
    path.write_text(json.dumps(kept), encoding="utf-8")
    with sqlite3.connect(data_dir.database) as db:  # a migration is due: the tables may be others now
        db.execute("UPDATE alembic_version SET version_num = 'older'")
    assert read_dashboard_plainly(data_dir, NOW, 30) is None
    with sqlite3.connect(data_dir.database) as db:
        db.execute("UPDATE alembic_version SET version_num = ?", (kept["revision"],))
    assert read_dashboard_plainly(data_dir, NOW, 30) is not None
    broken = {**kept, "statements": {**kept["statements"], "dashboard.unanswered": {
        **kept["statements"]["dashboard.unanswered"], "sql": "SELECT id FROM no_such_table"}}}
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert read_dashboard_plainly(data_dir, NOW, 30) is None  # said in the log, read the usual way


def test_another_source_rewrites_what_is_kept(store, data_dir, monkeypatch) -> None:
    path = data_dir.plain_statements_file
    with store.session() as session:
        keep_first_page_statements(session, path)
    monkeypatch.setattr("dzdesk.reports.dashboard_statements.statements_key", lambda: "a newer dzdesk")
    with store.session() as session:
        assert keep_first_page_statements(session, path) is True
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == "a newer dzdesk"


def test_a_kept_statement_is_sqlalchemys_own_text(store) -> None:
    with store.session() as session:
        texts = compiled(session, STATEMENTS)
    assert set(texts) == set(STATEMENTS)
    assert "GROUP BY" in texts["dashboard.faults_by_month"]["sql"]
    assert [tag for _name, tag, _given, _value in texts["board.replayed"]["params"]][:3] == ["", "", "utc"]


@pytest.mark.parametrize("module", ["dzdesk.reports.dashboard_plain", "dzdesk.ui.dashboard.page"])
def test_the_first_page_reads_and_imports_without_sqlalchemy(module, store, data_dir) -> None:
    fill(store)
    with store.session() as session:
        keep_first_page_statements(session, data_dir.plain_statements_file)
    script = ("import sys; from datetime import datetime, UTC; from pathlib import Path; "
              f"import {module}; from dzdesk.config import DataDir; "
              "from dzdesk.reports.dashboard_plain import read_dashboard_plainly; "
              f"data = read_dashboard_plainly(DataDir(Path(sys.argv[1])), datetime.now(UTC), 30); "
              "print(data is not None, sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))")
    done = subprocess.run([sys.executable, "-c", script, str(data_dir.root)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(None, 1) == ["True", "[]\n"]


def test_a_module_kept_in_an_archive_is_keyed_by_its_code(tmp_path) -> None:
    """A one-folder build keeps the modules' bytecode in an archive, not their sources: two builds of different
    statements still give different keys, and one build always the same."""
    import importlib
    import zipfile

    from dzdesk.store.plain_reader import source_key

    archive = tmp_path / "build.zip"  # where the build keeps its modules, rebuilt in place

    def key_of_build(body: str) -> str:
        archive.unlink(missing_ok=True)
        with zipfile.ZipFile(archive, "w") as out:
            out.writestr("kept_statements.py", body)
        sys.path.insert(0, str(archive))
        sys.path_importer_cache.pop(str(archive), None)
        importlib.invalidate_caches()
        try:
            return source_key(["kept_statements"])
        finally:
            sys.path.remove(str(archive))

    first, again, other = key_of_build("LIMIT = 12\n"), key_of_build("LIMIT = 12\n"), key_of_build("LIMIT = 13\n")
    assert first == again != other


def test_a_statement_the_plain_reader_cannot_convert_is_not_kept_and_the_page_still_reads(store, data_dir) -> None:
    from sqlalchemy import JSON, literal, select

    from dzdesk.store.statement_cache import keep_statements

    odd = {**STATEMENTS, "dashboard.odd": select(literal({"a": 1}, JSON))}
    with store.session() as session:
        assert keep_statements(session, data_dir.plain_statements_file, odd, "key") is False
        assert gather_dashboard(session, NOW, 30, data_dir.plain_statements_file) is not None
    assert read_dashboard_plainly(data_dir, NOW, 30) is not None  # the usual statements were kept
