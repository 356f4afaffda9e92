"""The reports made recently on this laptop and where they were saved, kept as a small JSON file in the data
directory (the register of issued reports knows numbers and hashes, not where the files went).

Qt-free, so it can be read and written from a worker; a file that cannot be read is treated as an empty list
rather than stopping the page, and is replaced at the next save.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

FILE_NAME = "recent_reports.json"
KEPT = 20


@dataclass(frozen=True)
class RecentReport:
    title: str
    path: str
    saved_at: datetime  # UTC

    @property
    def exists(self) -> bool:
        return Path(self.path).exists()


def recent_file(root: Path) -> Path:
    return root / FILE_NAME


def load_recent(root: Path) -> list[RecentReport]:
    """Newest first; entries that cannot be read are left out."""
    try:
        raw = json.loads(recent_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries: list[RecentReport] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            entries.append(RecentReport(str(item["title"]), str(item["path"]),
                                        datetime.fromisoformat(item["saved_at"])))
        except (KeyError, TypeError, ValueError):
            continue
    return entries


def remember(root: Path, entry: RecentReport) -> list[RecentReport]:
    """Puts `entry` first (once: saving to the same file again moves it up) and keeps the newest `KEPT`; written
    to a temporary file and renamed, so a crash leaves the old list or the new one, never half of one."""
    entries = [entry] + [e for e in load_recent(root) if e.path != entry.path]
    entries = entries[:KEPT]
    target = recent_file(root)
    temporary = target.with_suffix(".tmp")
    rows = [{**asdict(e), "saved_at": e.saved_at.isoformat()} for e in entries]
    temporary.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(target)
    return entries
