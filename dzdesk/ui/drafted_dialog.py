"""The part every record editor shares: the stored record read on a worker before anything can be typed over it,
a draft kept when it is closed unsaved and put back over the fields when it opens again, and the end of a save."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from dzdesk.drafts import DraftStore
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.status_bar import say_both_kept


class DraftedDialog(QDialog):
    """Subclasses set `draft_key`, mark `_dirty` on edits, and give their field values in `draft_values()`; those
    that edit a stored record read it with `read_stored` and show it in `_show_stored`."""

    saved = Signal(str)
    loaded = Signal()  # the stored record is in the fields, or why it could not be read is said

    def __init__(self, drafts: DraftStore, draft_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.draft_key = draft_key
        self._dirty = False
        self._loading = True  # fields being filled by the editor itself, not typed: no edit, no default
        self.is_loaded = False  # Save waits for the stored record
        # The stored record as the fields first showed it: a save writes only what differs from it, so what a pull
        # changed while the editor was open stays (`dzdesk.store.edit_conflicts`).
        self.shown: Any = None

    # -- the stored record ---------------------------------------------------------------------------------------
    def read_stored(self, read: Callable[[], Any], held: Sequence[QWidget], reading: str,
                    not_read: Callable[[str], str]) -> None:
        """Runs `read` on a worker and shows what it returns (`_show_stored`); until then the `held` widgets wait, so
        nothing typed is overwritten by the stored record. `reading` and `not_read(reason)` are what the problems
        line says meanwhile and if it fails."""
        for widget in held:
            widget.setEnabled(False)
        self.problems_line().setText(reading)
        run_in_background(read, lambda stored: self._stored_back(stored, held),
                          lambda exc: self._stored_failed(not_read(str(exc))), owner=self)

    def _stored_back(self, stored: Any, held: Sequence[QWidget]) -> None:
        for widget in held:
            widget.setEnabled(True)
        self._show_stored(stored)
        self.shown = self.as_shown()
        self.fields_ready()
        self.loaded.emit()

    def _stored_failed(self, why: str) -> None:
        self.problems_line().setText(why)
        self.loaded.emit()

    def fields_ready(self) -> None:
        """The fields hold the stored (or new) record: a draft kept from last time goes over them."""
        self.is_loaded = True
        draft = self.drafts.load(self.draft_key)
        if draft and self.keeps_drafts():
            self._apply(draft)
            self._dirty = True
        self._loading = False
        self._validate()
        self.first_field().setFocus()

    def as_shown(self) -> Any:
        """The record as the fields hold it, read back before anything is typed or a kept draft goes over them (as
        the form rounds it: a time to the minute). None when the fields make no draft: the save writes them whole."""
        try:
            return self.draft()
        except (ValueError, TypeError, KeyError):
            return None

    def draft(self) -> Any:
        raise NotImplementedError

    def _show_stored(self, stored: Any) -> None:
        raise NotImplementedError

    def _apply(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def _validate(self) -> object:
        raise NotImplementedError

    def problems_line(self) -> QLabel:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def draft_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def keeps_drafts(self) -> bool:
        return True

    def finish_saved(self, record_id: str, both_changed: Sequence[str] = ()) -> None:
        """After a committed save: the draft is no longer needed, listeners hear of it, the dialog closes; fields a
        teammate had changed too since they were shown are said in the window's status bar."""
        say_both_kept(self, both_changed)
        self.drafts.discard(self.draft_key)
        self._dirty = False
        self.saved.emit(record_id)
        super().accept()

    def reject(self) -> None:
        if self._dirty and self.keeps_drafts():
            self.drafts.save(self.draft_key, self.draft_values())
        super().reject()
