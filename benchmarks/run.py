"""dzdesk's performance figures, each the median of several runs, beside the targets they must meet.

    python -m benchmarks.run [--quick] [--json] [--only NAME,...]

The data is generated here (seeded) in a temporary folder. `--quick` uses small sizes and one run per figure, for
a smoke run in CI; the targets apply to the full sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks import baselines, data

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sizes:
    incidents_year: int
    visits: int
    trainings: int
    attendees: int
    probe_results: int
    incidents_list: int
    sync_records: int
    runs: int
    idle_s: int  # how long the window sits idle on the dashboard while `gui_stall_ms` watches its event loop


FULL = Sizes(20_000, 2_000, 300, 30_000, 500_000, 100_000, 10_000, 5, 60)
QUICK = Sizes(2_000, 100, 20, 400, 20_000, 5_000, 500, 1, 5)

TARGETS = {"startup_ratio": 1.5, "ready_ratio": 4, "incident_filter_ms": 50, "search_ms": 30, "visit_pdf_ms": 300,
           "annual_report_s": 5, "probe_sweep_ratio": 1.3, "sync_10k_s": 10, "sync_noop_ms": 50, "rss_mb": 250,
           "gui_stall_ms": 16}
# printed beside the targets, with none of their own: the two halves of `gui_stall_ms`, and each
# absolute figure's baseline (`benchmarks/baselines.py`)
INFORMATIONAL = ("gui_stall_idle_ms", "gui_stall_pull_ms", *baselines.BASELINE_OF.values())


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


# Installed dzdesk runs from compiled bytecode (pip and the one-folder build both ship it), so the child processes
# may cache theirs: in a folder of their own, outside the checkout, even where the environment forbids writing it.
BYTECODE = Path(tempfile.gettempdir()) / "dzdesk-bench-bytecode"


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), PYTHONPYCACHEPREFIX=str(BYTECODE))
    env.pop("DZDESK_HOME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


BARE_WINDOW = ("from PySide6.QtWidgets import QApplication, QMainWindow; from PySide6.QtCore import QTimer; "
               "app = QApplication([]); w = QMainWindow(); w.show(); QTimer.singleShot(0, app.quit); app.exec()")


# -- the figures ------------------------------------------------------------------------------------------------
def startup_ratio(year_dir: data.DataDir, sizes: Sizes) -> tuple[float, float]:
    """The window on screen, and its data on screen (`ready_ratio`), each ÷ a bare window.

    Measured in rounds — a bare window, the window, the window with its data, one after another — and each ratio
    is the median of the rounds' own: a machine that slows down or speeds up for a few seconds (a shared or
    throttled core) moves a round's three starts together, where blocks of one kind each would take it whole."""
    def timed(command: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(command, check=True, env=_env(), capture_output=True, timeout=120)
        return time.perf_counter() - started

    gui = [sys.executable, "-m", "dzdesk", "gui", "--data-dir", str(year_dir.root)]
    bare = [sys.executable, "-c", BARE_WINDOW]
    timed([*gui, "--quit-after-ready", "0"])  # warm-up: bytecode compiled and cached, files in the OS cache
    timed(bare)
    shown, ready = [], []
    for _round in range(max(3, 2 * sizes.runs)):
        baseline = timed(bare)
        shown.append(timed([*gui, "--quit-after", "0"]) / baseline)
        ready.append(timed([*gui, "--quit-after-ready", "0"]) / baseline)
    return statistics.median(shown), statistics.median(ready)


def rss_baseline_mb() -> float:
    """Peak resident memory of a bare PySide6 window that opens and quits."""
    _code, peak = _peak_rss_mb([sys.executable, "-c", BARE_WINDOW])
    return peak


def rss_mb(year_dir: data.DataDir) -> float:
    """Peak resident memory of the window's own process, every page built and the incident list showing."""
    (year_dir.root / "window.ini").write_text("[General]\npage=2\n", encoding="utf-8")  # the incident list
    code, peak = _peak_rss_mb([sys.executable, "-m", "dzdesk", "gui", "--quit-after-ready", "1500", "--data-dir",
                               str(year_dir.root)])
    if code != 0:
        raise RuntimeError(f"the window exited with {code}")
    return peak


# Starts the command from a small process of its own and prints its exit code and `ru_maxrss` (KB).
_PEAK_OF = ("import os, subprocess, sys\n"
            "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "_pid, status, usage = os.wait4(child.pid, 0)\n"
            "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)")


def _peak_rss_mb(command: list[str]) -> tuple[int, float]:
    """Runs `command`; its exit code and its peak resident memory (MB).

    Linux counts into a child's `ru_maxrss` the memory of the process that started it, as it was when the child
    became the program: started from this benchmark (hundreds of MB once the year is made), the window and the bare
    window both measured the benchmark, 202 MB each. Started from a small launcher (`python -S`, ~10 MB, less than
    any window), the figure is the program's own."""
    launcher = subprocess.run([sys.executable, "-S", "-c", _PEAK_OF, *command], env=_env(), capture_output=True,
                              text=True, check=True, timeout=300)
    code, peak_kb = (int(word) for word in launcher.stdout.split())
    return code, peak_kb / 1024


def gui_stall_ms(year_dir: data.DataDir, work: Path, sizes: Sizes) -> tuple[float, float]:
    """The longest the window's event loop is blocked (ms), (idle on the dashboard with the year for `idle_s`,
    while it pulls `sync_records` records and a second after): the longest gap between the ticks of a 1-ms timer,
    in the window's own process, on a copy of the year whose probe results were sent at an earlier sync."""
    import shutil

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from dzdesk.config import DataDir, Settings
    from dzdesk.domain.catalogue import load_catalogue
    from dzdesk.domain.probe_target import ProbeTarget
    from dzdesk.store import open_store
    from dzdesk.store.blobs import BlobStore
    from dzdesk.store.probe_repo import save_target
    from dzdesk.sync.client import HubClient
    from dzdesk.sync.engine import synchronise
    from dzdesk.ui.context import AppContext
    from dzdesk.ui.main_window import MainWindow
    from dzdesk.ui.operations import wait_for_workers
    from tests.support.hub import free_port, running_hub

    app = QApplication.instance() or QApplication([])
    copy = DataDir(shutil.copytree(year_dir.root, work / "stall")).ensure()
    copy.window_state_file.write_text("[General]\npage=0\n", encoding="utf-8")  # the dashboard

    def longest_gap(run_for_ms: int | None, *finished: Any) -> float:
        """Runs the event loop until one of the `finished` signals is emitted (and a second more), or for
        `run_for_ms`."""
        gap, last = [0.0], [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gap[0], last[0] = max(gap[0], now - last[0]), now

        loop = QEventLoop()
        ticker = QTimer(interval=1)
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(tick)
        for signal in finished:
            signal.connect(lambda *_args: QTimer.singleShot(1000, loop.quit))
        if run_for_ms is not None:
            QTimer.singleShot(run_for_ms, loop.quit)
        last[0] = time.perf_counter()
        ticker.start()
        loop.exec()
        ticker.stop()
        return gap[0] * 1000

    hub_db = f"sqlite:///{work / 'stall-hub.sqlite3'}"
    with running_hub(hub_db) as hub:  # filled here, then served by a process of its own, as a team's hub is
        token = hub.add_user("李明")
        filler = open_store(data.new_data_dir(work, "stall-filler"), author="李明")
        try:
            with filler.transaction() as session:
                for n in range(sizes.sync_records):
                    save_target(session, ProbeTarget(f"目标{n:05d}", "approval", url=f"https://h{n}.example/"))
            with HubClient(hub.url, token) as client:
                synchronise(filler, BlobStore(filler.data_dir.blobs), client)
        finally:
            filler.close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dzdesk", "hub", "serve", "--db", hub_db, "--port", str(port)],
                              env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port)
        settings = Settings.load(copy.settings_file)
        settings.hub_url, settings.demo = f"http://127.0.0.1:{port}", False
        os.environ["DZDESK_HUB_TOKEN"] = token
        store = open_store(copy, author="李明")
        with store.engine.begin() as connection:  # sent at an earlier sync: the pull alone is timed, not an upload
            connection.exec_driver_sql("UPDATE probe_results SET uploaded = 1")
        try:
            window = MainWindow(AppContext(copy, settings, store, load_catalogue()))
            window.sync.stop()  # the benchmark starts the pull itself
            window.show()
            longest_gap(3000)  # settles: the first page's data, the other pages built
            idle = longest_gap(sizes.idle_s * 1000)
            failures: list[str] = []
            window.sync.failed.connect(failures.append)
            if not window.sync.sync_now():
                raise RuntimeError("the window did not start the sync")
            pull = longest_gap(None, window.sync.finished, window.sync.failed)
            if failures:
                raise RuntimeError(f"the pull failed: {failures[0]}")
            window.close()
            wait_for_workers(30_000)  # the reads the pull set off, before the store closes
            app.processEvents()
        finally:
            os.environ.pop("DZDESK_HUB_TOKEN", None)
            store.close()
    finally:
        server.terminate()
        server.wait(10)
    return idle, pull


def _wait_for_port(port: int) -> None:
    import socket

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the hub did not start")


def incident_filter_ms(list_dir: data.DataDir, sizes: Sizes) -> tuple[float, float]:
    """A filter change on the incident list until its first page, read on a worker, is on screen (ms); and
    (`incident_filter_baseline_ms`, no target) SQLite's own `SELECT count(*)` of the same filters, in the same
    process and on the same file: what the machine takes for the rows alone, so the code can be told apart."""
    import sqlite3

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from dzdesk.config import Settings
    from dzdesk.domain.catalogue import load_catalogue
    from dzdesk.store import open_store
    from dzdesk.store.incident_models import Incident
    from dzdesk.store.incident_queries import _filtered
    from dzdesk.ui.context import AppContext
    from dzdesk.ui.incidents.page import IncidentsPage

    app = QApplication.instance() or QApplication([])
    store = open_store(list_dir)
    try:
        page = IncidentsPage(AppContext(list_dir, Settings(), store, load_catalogue()))
        page.resize(1200, 700)
        page.show()

        def settle() -> None:
            """Until the list of the current filter is on screen with its count (nothing of it still read), and the
            window has drawn what the count changed (the scroll bar, the rows below): the next change is timed
            alone, as a person makes it, not while the window still paints the one before."""
            while not page.model.is_settled():
                loop = QEventLoop()
                page.listed.connect(loop.quit)
                QTimer.singleShot(50, loop.quit)
                loop.exec()
                page.listed.disconnect(loop.quit)
            for _ in range(3):  # posted paints, then the layouts they post in turn
                app.processEvents()

        settle()
        filters = [lambda: page.severity.setCurrentIndex(1), lambda: page.severity.setCurrentIndex(0),
                   lambda: page.platform.setCurrentIndex(1), lambda: page.platform.setCurrentIndex(0),
                   lambda: page.search.setText("上传"), lambda: page.search.setText("")]
        queries = []

        def once() -> float:
            times = []
            for change in filters:
                loop = QEventLoop()
                page.model.first_page_shown.connect(loop.quit)
                started = time.perf_counter()
                change()  # a combo box applies its filter at once
                if page._filter_timer.isActive():  # typed text: what the typing pause then runs
                    page._filter_timer.stop()
                    page.apply_filter()
                loop.exec()  # until the worker's first page is in the model
                page.table.viewport().repaint()  # and painted
                times.append((time.perf_counter() - started) * 1000)
                page.model.first_page_shown.disconnect(loop.quit)
                queries.append(page.current_query())
                settle()  # the count finishes before the next change: one change is measured at a time
            return statistics.median(times)

        result = median_of(sizes.runs, once)
        page.close()
        app.processEvents()
    finally:
        store.close()

    connection = sqlite3.connect(list_dir.database)
    try:
        statements = []
        for query in queries[:len(filters)]:
            statement = _filtered(select(func.count()).select_from(Incident), query)
            statements.append(str(statement.compile(store.engine, compile_kwargs={"literal_binds": True})))
        for sql in statements:
            connection.execute(sql).fetchone()  # the same pages in the OS cache as the list had

        def counted() -> float:
            times = []
            for sql in statements:
                started = time.perf_counter()
                connection.execute(sql).fetchone()
                times.append((time.perf_counter() - started) * 1000)
            return statistics.median(times)

        baseline = median_of(sizes.runs, counted)
    finally:
        connection.close()
    return result, baseline


def search_ms(list_dir: data.DataDir, sizes: Sizes) -> float:
    from dzdesk.store import open_store
    from dzdesk.store.global_search import search_everything

    store = open_store(list_dir)
    try:
        with store.session() as session:
            search_everything(session, "上传")  # warm the page cache, as a running app has it

            def once() -> float:
                started = time.perf_counter()
                for query in ("上传", "审批", "证书", "超时"):
                    search_everything(session, query)
                return (time.perf_counter() - started) * 1000 / 4

            return median_of(max(3, sizes.runs), once)
    finally:
        store.close()


def visit_pdf_ms(work: Path, sizes: Sizes) -> float:
    from dzdesk.domain.catalogue import load_catalogue
    from dzdesk.reports.visit_report import gather_visit_report, render_visit_report
    from dzdesk.store import open_store
    from dzdesk.store.blobs import BlobStore
    from dzdesk.store.visit_models import Visit

    visit_dir = data.new_data_dir(work, "visit")
    visit_id = data.visit_with_photos(visit_dir)
    store = open_store(visit_dir)
    try:
        def once() -> float:
            started = time.perf_counter()
            with store.session() as session:
                report = gather_visit_report(session, session.get(Visit, visit_id), load_catalogue(),
                                             BlobStore(visit_dir.blobs))
            render_visit_report(report, work / "visit.pdf", datetime.now(UTC))
            return (time.perf_counter() - started) * 1000

        once()  # the first render loads the font, once per process
        return median_of(max(3, sizes.runs), once)
    finally:
        store.close()


def annual_report_s(year_dir: data.DataDir, work: Path, sizes: Sizes) -> float:
    from dzdesk.domain.catalogue import load_catalogue
    from dzdesk.domain.timefmt import year_range
    from dzdesk.reports.operations_data import gather_operations
    from dzdesk.reports.operations_report import ReportMeta, render_operations_report
    from dzdesk.store import open_store

    store = open_store(year_dir)
    try:
        def once() -> float:
            started = time.perf_counter()
            start, end = year_range(2026)
            with store.session() as session:
                report = gather_operations(session, load_catalogue(), start, end, data.NOW)
            render_operations_report(report, ReportMeta("annual", "2026 年", "运维一组", "李明"), work / "annual.pdf")
            return time.perf_counter() - started

        return median_of(max(1, sizes.runs // 2), once)
    finally:
        store.close()


class _SlowHandler(baselines.QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.startswith("/slow"):
            time.sleep(1.0)
        body = "网上大厅".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def probe_sweep_ratio(sizes: Sizes) -> float:
    from dzdesk.domain.probe_target import ProbeTarget
    from dzdesk.probes.options import ProbeOptions
    from dzdesk.probes.sweep import run_sweep

    server = _Server(("127.0.0.1", 0), _SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    targets = [ProbeTarget(f"目标{n}", "approval", url=f"{base}/{'slow' if n < 10 else 'fast'}?n={n}",
                           keyword="网上大厅") for n in range(60)]
    try:
        def once() -> float:
            started = time.perf_counter()
            outcomes = run_sweep(targets, ProbeOptions(trust_env=False))
            assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
            return (time.perf_counter() - started) / 1.0

        return median_of(max(3, sizes.runs), once)
    finally:
        server.shutdown()
        server.server_close()


def sync_figures(work: Path, sizes: Sizes) -> tuple[float, float, float]:
    """(seconds to push `sync_records` records and pull them into a fresh client, ms of a sync with nothing to do,
    ms of one plain request to the same hub)"""
    from dzdesk.domain.probe_target import ProbeTarget
    from dzdesk.store import open_store
    from dzdesk.store.blobs import BlobStore
    from dzdesk.store.probe_repo import save_target
    from dzdesk.sync.client import HubClient
    from dzdesk.sync.engine import synchronise
    from tests.support.hub import running_hub

    with running_hub(f"sqlite:///{work / 'hub.sqlite3'}") as hub:
        token = hub.add_user("李明")
        first = open_store(data.new_data_dir(work, "sync-a"), author="李明")
        second = open_store(data.new_data_dir(work, "sync-b"), author="李明")
        try:
            with first.transaction() as session:
                for n in range(sizes.sync_records):
                    save_target(session, ProbeTarget(f"目标{n:05d}", "approval", url=f"https://h{n}.example/"))
            started = time.perf_counter()
            with HubClient(hub.url, token) as client:
                synchronise(first, BlobStore(first.data_dir.blobs), client)
                synchronise(second, BlobStore(second.data_dir.blobs), client)
            both = time.perf_counter() - started
            with HubClient(hub.url, token) as client:
                synchronise(second, BlobStore(second.data_dir.blobs), client)

                def noop() -> float:
                    began = time.perf_counter()
                    summary = synchronise(second, BlobStore(second.data_dir.blobs), client)
                    assert summary.requests == 1
                    return (time.perf_counter() - began) * 1000

                idle = median_of(max(5, sizes.runs), noop)
            plain = baselines.sync_noop_baseline_ms(hub.url, sizes.runs)
        finally:
            first.close()
            second.close()
    return both, idle, plain


# -- running ------------------------------------------------------------------------------------------------------
def measure(sizes: Sizes, only: set[str] | None, report: Callable[[str], None]) -> dict[str, float]:
    figures: dict[str, float] = {}

    def wanted(*names: str) -> bool:
        return only is None or bool(only & set(names))

    with tempfile.TemporaryDirectory(prefix="dzdesk-bench-") as folder:
        work = Path(folder)
        if wanted("startup_ratio", "ready_ratio", "annual_report_s", "rss_mb", "gui_stall_ms"):
            report(f"generating a year: {sizes.incidents_year} incidents, {sizes.visits} visits, "
                   f"{sizes.trainings} trainings, {sizes.attendees} attendees, {sizes.probe_results} probe results")
            year_dir = data.new_data_dir(work, "year")
            data.add_incidents(year_dir, sizes.incidents_year)
            data.add_visits_and_trainings(year_dir, sizes.visits, sizes.trainings, sizes.attendees)
            data.add_probe_results(year_dir, sizes.probe_results)
            data.reset_statistics(year_dir)
            if wanted("startup_ratio", "ready_ratio"):
                figures["startup_ratio"], figures["ready_ratio"] = startup_ratio(year_dir, sizes)
            if wanted("annual_report_s"):
                figures["annual_report_s"] = annual_report_s(year_dir, work, sizes)
                figures["annual_report_baseline_s"] = baselines.annual_report_baseline_s(year_dir.database,
                                                                                         sizes.runs)
            if wanted("rss_mb"):
                figures["rss_mb"] = rss_mb(year_dir)
                figures["rss_baseline_mb"] = rss_baseline_mb()
            if wanted("gui_stall_ms"):
                report(f"the window idle on the dashboard for {sizes.idle_s} s, then pulling {sizes.sync_records}")
                idle, pull = gui_stall_ms(year_dir, work, sizes)
                figures.update(gui_stall_ms=max(idle, pull), gui_stall_idle_ms=idle, gui_stall_pull_ms=pull)
                figures["gui_stall_baseline_ms"] = baselines.gui_stall_baseline_ms(min(sizes.idle_s, 10))
        if wanted("incident_filter_ms", "search_ms"):
            report(f"generating {sizes.incidents_list} incidents for the list and the search")
            list_dir = data.new_data_dir(work, "list")
            data.add_incidents(list_dir, sizes.incidents_list, seed=5)
            data.reset_statistics(list_dir)
            if wanted("incident_filter_ms"):
                figures["incident_filter_ms"], figures["incident_filter_baseline_ms"] = incident_filter_ms(
                    list_dir, sizes)
            if wanted("search_ms"):
                figures["search_ms"] = search_ms(list_dir, sizes)
                figures["search_baseline_ms"] = baselines.search_baseline_ms(list_dir.database, sizes.runs)
        if wanted("visit_pdf_ms"):
            figures["visit_pdf_ms"] = visit_pdf_ms(work, sizes)
            photos = [path.read_bytes() for path in sorted((work / "visit").glob("site*.jpg"))]
            figures["visit_pdf_baseline_ms"] = baselines.visit_pdf_baseline_ms(photos, sizes.runs)
        if wanted("probe_sweep_ratio"):
            figures["probe_sweep_ratio"] = probe_sweep_ratio(sizes)
        if wanted("sync_10k_s", "sync_noop_ms"):
            figures["sync_10k_s"], figures["sync_noop_ms"], figures["sync_noop_baseline_ms"] = sync_figures(work, sizes)
            figures["sync_10k_baseline_s"] = baselines.sync_baseline_s(sizes.sync_records, sizes.runs)
    return {name: round(value, 3) for name, value in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each (a smoke run)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of figures")
    parser.add_argument("--only", default="", help="comma-separated figure names")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = QUICK if args.quick else FULL
    only = {n.strip() for n in args.only.split(",") if n.strip()} or None
    figures = measure(sizes, only, lambda line: print(line, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps({"mode": "quick" if args.quick else "full", **figures}, indent=2))
        return 0
    note = "(quick: the sizes are too small to judge)" if args.quick else ""
    print(f"{'figure':<20}{'value':>12}{'target':>10}{'baseline':>12}  {note}")
    shown_as_baseline = set(baselines.BASELINE_OF.values())
    for name, value in figures.items():
        if name in shown_as_baseline:
            continue
        target = TARGETS.get(name)
        baseline = figures.get(baselines.BASELINE_OF.get(name, ""))
        verdict = "" if args.quick or target is None else ("meets" if value <= target else "MISSES")
        print(f"{name:<20}{value:>12.3f}{'—' if target is None else target:>10}"
              f"{'—' if baseline is None else f'{baseline:.3f}':>12}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
