"""What the machine itself takes for the bare work under each absolute figure, measured in the same run.

A figure alone cannot tell the code from the machine: the list filter took 43 ms on one 2-core machine and 102 ms
on another of the same kind. Beside each absolute figure `scripts/bench.sh` prints the same machine's time for
the work underneath it without dzdesk's code — SQLite's own query over the same rows, reportlab drawing the same
photos, the same bytes over the same loopback — so a figure that grew with its baseline is the machine, and one
that grew alone is the code. The ratios (`startup_ratio`, `ready_ratio`, `probe_sweep_ratio`) carry their baseline
already.
"""

from __future__ import annotations

import io
import json
import sqlite3
import statistics
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# figure → the name its baseline is printed under
BASELINE_OF = {
    "incident_filter_ms": "incident_filter_baseline_ms",
    "search_ms": "search_baseline_ms",
    "visit_pdf_ms": "visit_pdf_baseline_ms",
    "annual_report_s": "annual_report_baseline_s",
    "sync_10k_s": "sync_10k_baseline_s",
    "sync_noop_ms": "sync_noop_baseline_ms",
    "gui_stall_ms": "gui_stall_baseline_ms",
    "rss_mb": "rss_baseline_mb",
}


def _best(runs: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(max(runs, 3)))


def search_baseline_ms(database: Path, runs: int) -> float:
    """SQLite's full-text match for the same four words, its rows fetched, nothing else."""
    connection = sqlite3.connect(database)
    try:
        def once() -> float:
            started = time.perf_counter()
            for word in ("上传", "审批", "证书", "超时"):
                connection.execute("SELECT entity, record_id FROM search_index WHERE search_index MATCH ? LIMIT 200",
                                   (f'"{word}"',)).fetchall()
            return (time.perf_counter() - started) * 1000 / 4

        once()
        return _best(runs, once)
    finally:
        connection.close()


def visit_pdf_baseline_ms(photos: list[bytes], runs: int) -> float:
    """reportlab drawing the same photos on one page with a line of text, without the report's layout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    def once() -> float:
        started = time.perf_counter()
        canvas = Canvas(io.BytesIO(), pagesize=A4)
        canvas.drawString(72, 800, "visit")
        for n, photo in enumerate(photos):
            canvas.drawImage(ImageReader(io.BytesIO(photo)), 72 + (n % 2) * 230, 450 - (n // 2) * 200, 220, 180)
        canvas.showPage()
        canvas.save()
        return (time.perf_counter() - started) * 1000

    once()
    return _best(runs, once)


def annual_report_baseline_s(database: Path, runs: int) -> float:
    """SQLite reading every row the year's report reads (incidents, visits, trainings, attendance), in full."""
    connection = sqlite3.connect(database)
    try:
        def once() -> float:
            started = time.perf_counter()
            for table in ("incidents", "incident_pauses", "complaints", "visits", "trainings", "training_attendees"):
                try:
                    connection.execute(f"SELECT * FROM {table}").fetchall()
                except sqlite3.OperationalError:
                    continue  # a table this version does not have
            return time.perf_counter() - started

        return _best(max(1, runs // 2), once)
    finally:
        connection.close()


class QuietHandler(BaseHTTPRequestHandler):
    """A loopback handler that keeps its connection (HTTP/1.1) and logs nothing: the benchmarks' servers."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: object) -> None:
        pass


class _Echo(QuietHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def sync_baseline_s(records: int, runs: int) -> float:
    """The same number of records of the same size, serialised, sent over loopback to a plain echo server and
    back (as a push and a pull move them), parsed, and inserted into a fresh SQLite table: the bytes' way without
    the sync's rules."""
    import httpx

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    payload = [{"entity": "probe_targets", "id": f"{n:032x}", "payload": {
        "name": f"目标{n:05d}", "platform": "approval", "url": f"https://h{n}.example/", "enabled": True,
        "interval_minutes": 5, "timeout_seconds": 10, "keyword": ""}} for n in range(records)]

    def once() -> float:
        started = time.perf_counter()
        body = json.dumps(payload, ensure_ascii=False).encode()
        with httpx.Client(trust_env=False) as client:
            echoed = client.post(url, content=body).content
        json.loads(echoed)
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE TABLE records (entity TEXT, id TEXT PRIMARY KEY, payload TEXT)")
        connection.executemany("INSERT INTO records VALUES (?, ?, ?)",
                               ((r["entity"], r["id"], json.dumps(r["payload"], ensure_ascii=False)) for r in payload))
        connection.commit()
        connection.close()
        return time.perf_counter() - started

    try:
        return _best(max(1, runs // 2), once)
    finally:
        server.shutdown()
        server.server_close()


def sync_noop_baseline_ms(url: str, runs: int) -> float:
    """One plain request to the same hub (its health check): the loopback's and the server's round trip."""
    import httpx

    with httpx.Client(trust_env=False) as client:
        client.get(f"{url}/api/v1/health")

        def once() -> float:
            started = time.perf_counter()
            client.get(f"{url}/api/v1/health")
            return (time.perf_counter() - started) * 1000

        return _best(max(5, runs), once)


def gui_stall_baseline_ms(seconds: float) -> float:
    """The longest gap between the ticks of the same 1-ms timer in a bare event loop with nothing to do: what
    the machine's scheduler alone costs an event loop."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    gap, last = [0.0], [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gap[0], last[0] = max(gap[0], now - last[0]), now

    loop = QEventLoop()
    ticker = QTimer(interval=1)
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(tick)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    last[0] = time.perf_counter()
    ticker.start()
    loop.exec()
    ticker.stop()
    return gap[0] * 1000
