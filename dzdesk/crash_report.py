"""A crash leaves a report the user can send to support, and nothing secret in it.

`install` routes uncaught exceptions (of the main thread and of any other thread) to `write_report`, which saves
`crash-reports/crash-<time>.txt` in the data directory: the version, the platform, the traceback and the end of
the log. Hard crashes that never reach Python (a segfault in a library) are caught by `faulthandler` in
`crash-reports/fatal.log`; the next start turns a non-empty one into a report. Tokens and anything that looks like
a password are masked before a report is written, and only the newest `KEEP` reports are kept.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from dzdesk import __version__
from dzdesk.logging_setup import LOG_FILE_NAME
from dzdesk.storage_errors import StorageError

log = logging.getLogger(__name__)

FOLDER = "crash-reports"
FATAL_LOG = "fatal.log"
KEEP = 20
LOG_LINES = 200
# Hub tokens, bearer headers and `password=`/`token: ` style pairs: masked in whatever a report quotes.
_SECRETS = re.compile(
    r"(dzh_[A-Za-z0-9_\-]{8,})"
    r"|((?:authorization|bearer)\s*[:=]?\s*(?:bearer\s+)?)([^\s'\",]+)"
    r"|((?:password|passwd|token|secret)[\"']?\s*[:=]\s*[\"']?)([^\s'\",]+)",
    re.IGNORECASE,
)

Notify = Callable[[Path | None, BaseException], None]  # no path: an error said in words, no report needed
_state: dict[str, object] = {}


def mask_secrets(text: str) -> str:
    def masked(match: re.Match[str]) -> str:
        if match.group(1):
            return "dzh_***"
        if match.group(2):
            return f"{match.group(2)}***"
        return f"{match.group(4)}***"

    return _SECRETS.sub(masked, text)


def write_report(folder: Path, error: BaseException, log_file: Path | None = None, context: str = "") -> Path:
    """Writes one report and returns its path; old reports beyond `KEEP` are removed."""
    import platform  # here, not at the top: the window's start imports this module and rarely needs these
    import traceback

    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    lines = [
        f"dzdesk {__version__} crash report",
        f"time (UTC): {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"platform: {platform.platform()}",
        f"python: {sys.version.split()[0]}",
        f"qt: {_qt_version()}",
        f"where: {context or threading.current_thread().name}",
        "",
        "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip(),
        "",
        f"--- the last {LOG_LINES} lines of {LOG_FILE_NAME} ---",
        _log_tail(log_file),
    ]
    path.write_text(mask_secrets("\n".join(lines)) + "\n", encoding="utf-8")
    _rotate(folder)
    return path


def install(data_dir_root: Path, notify: Notify | None = None,
            plain: tuple[type[BaseException], ...] = (StorageError,), hard_crashes: bool = True) -> None:
    """Uncaught exceptions anywhere write a report; `notify(path, error)` then tells the user. The `plain` errors
    (a full or read-only disk) are not defects: they reach `notify(None, error)` with no report. Calling it again
    moves the reports to another data directory."""
    folder = data_dir_root / FOLDER
    log_file = data_dir_root / "logs" / LOG_FILE_NAME
    _state.update(folder=folder, log_file=log_file, notify=notify, plain=plain)
    if hard_crashes:
        _adopt_fatal_log(folder, log_file)
        _enable_faulthandler(folder)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def uninstall() -> None:
    """Back to Python's own handling (tests install and remove the hooks around one window)."""
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    _state.clear()


def set_notify(notify: Notify | None) -> None:
    _state["notify"] = notify


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    _report(error.with_traceback(tb), "main thread")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or isinstance(args.exc_value, SystemExit):
        return
    _report(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")


def _report(error: BaseException, context: str) -> None:
    folder, log_file, plain = _state.get("folder"), _state.get("log_file"), _state.get("plain", ())
    path: Path | None = None
    if isinstance(error, plain):  # type: ignore[arg-type]
        log.warning("%s", error)
        notify = _state.get("notify")
        if callable(notify):
            notify(None, error)
        else:
            print(f"dzdesk: {error}", file=sys.stderr)
        return
    log.error("uncaught %s in %s", type(error).__name__, context, exc_info=error)
    if isinstance(folder, Path):
        try:
            path = write_report(folder, error, log_file if isinstance(log_file, Path) else None, context)
        except OSError as exc:  # a full or read-only disk: say so, the traceback is still on stderr
            print(f"dzdesk: the crash report could not be written: {exc}", file=sys.stderr)
    notify = _state.get("notify")
    if callable(notify) and path is not None:
        try:
            notify(path, error)
            return
        except Exception:  # the notice must never hide the report
            log.exception("showing the crash notice failed")
    import traceback

    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    if path is not None:
        print(f"dzdesk: an unexpected error; a report for support was written to {path}", file=sys.stderr)


def _log_tail(log_file: Path | None) -> str:
    if log_file is None or not log_file.exists():
        return "(no log)"
    try:
        with log_file.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 200_000))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError as exc:
        return f"(the log could not be read: {exc})"
    return "\n".join(text.splitlines()[-LOG_LINES:])


def _rotate(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.txt"))
    for old in reports[:-KEEP]:
        old.unlink(missing_ok=True)


def _qt_version() -> str:
    qt = sys.modules.get("PySide6.QtCore")
    return getattr(qt, "qVersion", lambda: "not loaded")()


def _enable_faulthandler(folder: Path) -> None:
    previous = _state.pop("fatal_file", None)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = (folder / FATAL_LOG).open("a", encoding="utf-8")
    except OSError:
        return  # a read-only data directory: the window says so on its own
    faulthandler.enable(handle, all_threads=True)
    _state["fatal_file"] = handle
    if previous is not None:
        previous.close()  # type: ignore[attr-defined]


def _adopt_fatal_log(folder: Path, log_file: Path) -> None:
    """A hard crash of the last run left a faulthandler dump: it becomes a report like any other."""
    fatal = folder / FATAL_LOG
    try:
        dump = fatal.read_text(encoding="utf-8", errors="replace").strip() if fatal.exists() else ""
    except OSError:
        return
    if not dump:
        return
    try:
        write_report(folder, _HardCrashError(dump), log_file, "a hard crash of the previous run")
        fatal.write_text("", encoding="utf-8")
    except OSError:
        pass


class _HardCrashError(Exception):
    """The previous run died below Python; its faulthandler dump is the message."""
