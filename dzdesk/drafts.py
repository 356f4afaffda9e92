"""Unsaved form contents, kept so that a dialog closed by mistake loses nothing.

A draft is a small JSON object under the data directory's `drafts/`, written atomically; it is removed when the
record is saved or the user discards it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dzdesk.atomic_file import write_text_atomically

_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not _SAFE_KEY.match(key):
            raise ValueError(f"unusable draft key {key!r}")
        return self.folder / f"{key}.json"

    def save(self, key: str, values: dict[str, Any]) -> None:
        write_text_atomically(self._path(key), json.dumps(values, ensure_ascii=False, indent=1))

    def load(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # an unreadable draft is worth less than a working dialog
        return values if isinstance(values, dict) else None

    def discard(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
