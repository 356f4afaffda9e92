"""The training session editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import parse_moment
from dzdesk.domain.training import TrainingKind
from dzdesk.drafts import DraftStore
from dzdesk.operations.saved import Saved
from dzdesk.operations.trainings import TrainingNotFoundError, save_session
from dzdesk.store.training_repo import (
    TrainingDraft,
    TrainingRejected,
    load_training,
    materials,
)
from dzdesk.ui.context import AppContext
from dzdesk.ui.drafted_dialog import DraftedDialog
from dzdesk.ui.forms import load_form
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.labels import enum_label
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


def kind_label(kind: TrainingKind) -> str:
    return enum_label(TrainingKind(kind))


class TrainingEditor(DraftedDialog):
    def __init__(self, ctx: AppContext, training_id: str | None = None, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(DraftStore(ctx.data_dir.drafts), f"training-{training_id or 'new'}", parent)
        self.ctx, self.training_id = ctx, training_id
        self._now = now or (lambda: datetime.now(UTC))
        self._loading = True
        self.setWindowTitle(self.tr("Edit training session") if training_id else self.tr("Plan a training session"))
        self.form = load_form("training_form", self)
        find = self.form.findChild
        self.w: dict[str, Any] = {
            "title": find(QLineEdit, "titleEdit"), "kind": find(QComboBox, "kindCombo"),
            "modules": find(QLineEdit, "modulesEdit"), "starts": find(QDateTimeEdit, "startsEdit"),
            "ends": find(QDateTimeEdit, "endsEdit"), "district": find(QComboBox, "districtCombo"),
            "venue": find(QLineEdit, "venueEdit"), "trainers": find(QLineEdit, "trainersEdit"),
            "units": find(QPlainTextEdit, "unitsEdit"), "notes": find(QPlainTextEdit, "notesEdit"),
            "problems": find(QLabel, "problemsLabel"),
        }
        for kind in TrainingKind:
            self.w["kind"].addItem(kind_label(kind), kind.value)
        self.w["district"].addItems(["", *ctx.catalogue.districts])
        box = find(QWidget, "platformsBox")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.platform_checks = {}
        for platform in ctx.catalogue.platforms:
            check = QCheckBox(platform.short_name, box)
            row.addWidget(check)
            self.platform_checks[platform.code] = check
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.staged_materials: list[Path] = []
        self.materials = QListWidget(self)
        self.materials.setMaximumHeight(90)
        add_material = QPushButton(icon("upload"), self.tr("Add &materials…"), self)
        add_material.clicked.connect(self.choose_materials)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(QLabel(self.tr("Materials (slides, handouts, videos)"), self))
        layout.addWidget(self.materials)
        layout.addWidget(add_material, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        for key in ("title", "modules", "venue", "trainers"):
            self.w[key].textChanged.connect(self._changed)
        for key in ("units", "notes"):
            self.w[key].textChanged.connect(self._changed)
        for key in ("starts", "ends"):
            self.w[key].dateTimeChanged.connect(self._changed)
        self.writing = BackgroundWrite(self, [self.buttons.button(QDialogButtonBox.StandardButton.Save)])
        if training_id:
            self.form.setEnabled(False)  # until the session is read, on a worker
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.reading = LatestRead(self, self._read_work, self._read_back, self._not_read)
            self.reading.request()
        else:
            # tomorrow 09:00 in Dazhou (01:00 UTC)
            start = (self._now() + timedelta(days=1)).astimezone(UTC).replace(hour=1, minute=0, second=0,
                                                                              microsecond=0)
            self._loaded({"starts": start.isoformat(), "ends": (start + timedelta(hours=2)).isoformat(),
                          "trainers": ctx.settings.profile.name})

    @property
    def busy(self) -> bool:
        """The session is still being read, or is being saved, on a worker."""
        return self._loading or self.writing.running

    def _read_work(self) -> Callable[[], tuple[dict[str, Any], list[str]]]:
        store, training_id = self.ctx.store, self.training_id

        def work() -> tuple[dict[str, Any], list[str]]:
            with store.session() as session:
                training = load_training(session, training_id)
                if training is None:
                    raise TrainingNotFoundError(f"no training session has the id {training_id}")
                values = {
                    "title": training.title, "kind": training.kind, "modules": training.modules,
                    "starts": training.starts_at.isoformat(),
                    "ends": (training.ends_at or training.starts_at).isoformat(), "district": training.district,
                    "venue": training.venue, "trainers": training.trainers, "units": training.target_units,
                    "notes": training.notes, "platforms": [p for p in training.platforms.split(",") if p],
                }
                return values, [m.filename for m in materials(training)]

        return work

    def _read_back(self, read: tuple[dict[str, Any], list[str]]) -> None:
        values, files = read
        self.materials.insertItems(0, files)
        self.form.setEnabled(True)
        self._loaded(values)

    def _not_read(self, exc: Exception) -> None:
        self.w["problems"].setText(self.tr("The session could not be read: %1").replace("%1", str(exc)))

    def _loaded(self, values: dict[str, Any]) -> None:
        """The stored values (or a new session's), then the draft left by a closed editor over them."""
        self._apply(values)
        self.shown = self.as_shown()
        draft = self.drafts.load(self.draft_key)
        if draft:
            self._apply(draft)
            self._dirty = True
        self._loading = False
        self._validate()

    def _apply(self, values: dict[str, Any]) -> None:
        w = self.w
        for key in ("title", "modules", "venue", "trainers"):
            if key in values:
                w[key].setText(values[key] or "")
        for key in ("units", "notes"):
            if key in values:
                w[key].setPlainText(values[key] or "")
        for key in ("starts", "ends"):
            if values.get(key):
                w[key].setDateTime(to_qdatetime(parse_moment(values[key])))
        if "district" in values:
            w["district"].setCurrentText(values["district"] or "")
        if "kind" in values:
            w["kind"].setCurrentIndex(max(w["kind"].findData(values["kind"]), 0))
        for code, check in self.platform_checks.items():
            check.setChecked(code in values.get("platforms", [code for code, c in self.platform_checks.items()
                                                               if c.isChecked()]))

    def draft_values(self) -> dict[str, Any]:
        w = self.w
        return {
            "title": w["title"].text(), "kind": w["kind"].currentData(), "modules": w["modules"].text(),
            "starts": from_qdatetime(w["starts"].dateTime()).isoformat(),
            "ends": from_qdatetime(w["ends"].dateTime()).isoformat(), "district": w["district"].currentText(),
            "venue": w["venue"].text(), "trainers": w["trainers"].text(), "units": w["units"].toPlainText(),
            "notes": w["notes"].toPlainText(),
            "platforms": [code for code, check in self.platform_checks.items() if check.isChecked()],
        }

    def draft(self) -> TrainingDraft:
        v = self.draft_values()
        return TrainingDraft(title=v["title"], starts_at=parse_moment(v["starts"]), ends_at=parse_moment(v["ends"]),
                             platforms=tuple(v["platforms"]), kind=TrainingKind(v["kind"]), modules=v["modules"],
                             venue=v["venue"], district=v["district"], trainers=v["trainers"],
                             target_units=v["units"], notes=v["notes"])

    def _changed(self) -> None:
        if not self._loading:
            self._dirty = True
            self._validate()

    def _validate(self) -> bool:
        draft = self.draft()
        problems = []
        if not draft.title.strip():
            problems.append(self.tr("Give the session a title."))
        if draft.ends_at is not None and draft.ends_at < draft.starts_at:
            problems.append(self.tr("The session ends before it starts."))
        self.w["problems"].setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and not self._loading and not self.writing.running)
        return not problems

    def choose_materials(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add materials"), str(Path.home()))
        self.stage_materials([Path(name) for name in names])

    def stage_materials(self, paths: list[Path]) -> None:
        self.staged_materials.extend(paths)
        self.materials.addItems([path.name for path in paths])
        if paths:
            self._changed()

    def accept(self) -> None:
        """Saves on a worker, Save disabled meanwhile; the editor closes once the session is saved, and stays open
        with the reason when it is not."""
        if self.busy or not self._validate():
            return
        store, draft, training_id, staged = self.ctx.store, self.draft(), self.training_id, list(self.staged_materials)
        shown = self.shown
        self.writing.start(lambda: save_session(store, draft, training_id, staged, shown), self._saved,
                           self._not_saved)

    def _saved(self, saved: Saved) -> None:
        self.staged_materials.clear()
        self.training_id = saved.record_id
        self.finish_saved(saved.record_id, saved.both_changed)

    def _not_saved(self, exc: Exception) -> None:
        self._validate()  # Save as the fields are now (edited while it saved), then the reason it was not saved
        if isinstance(exc, TrainingRejected | TrainingNotFoundError):
            self.w["problems"].setText(str(exc))
        elif isinstance(exc, OSError):
            self.w["problems"].setText(self.tr("A file could not be added: %1").replace("%1", str(exc)))
        else:
            self.w["problems"].setText(self.tr("The session was not saved: %1").replace("%1", str(exc)))
