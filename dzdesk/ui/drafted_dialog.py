"""The part every record editor shares: a draft kept when it is closed unsaved, and the end of a save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from dzdesk.drafts import DraftStore


class DraftedDialog(QDialog):
    """Subclasses set `draft_key`, mark `_dirty` on edits, and give their field values in `draft_values()`."""

    saved = Signal(str)

    def __init__(self, drafts: DraftStore, draft_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.draft_key = draft_key
        self._dirty = False

    def draft_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def keeps_drafts(self) -> bool:
        return True

    def finish_saved(self, record_id: str) -> None:
        """After a committed save: the draft is no longer needed, listeners hear of it, the dialog closes."""
        self.drafts.discard(self.draft_key)
        self._dirty = False
        self.saved.emit(record_id)
        super().accept()

    def reject(self) -> None:
        if self._dirty and self.keeps_drafts():
            self.drafts.save(self.draft_key, self.draft_values())
        super().reject()
