"""The visit editor: the record of a visit, its photos and faults; read-only once the customer signed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.incident import Channel
from dzdesk.domain.timefmt import format_local, parse_moment
from dzdesk.domain.visit import FollowUp, ServiceCategory, VisitProblem, visit_problems
from dzdesk.drafts import DraftStore
from dzdesk.operations.saved import Saved
from dzdesk.operations.visits import VisitGoneError, amend_visit, link_fault, save_visit_with
from dzdesk.storage_errors import StorageError
from dzdesk.store.blobs import BlobStore
from dzdesk.store.visit_repo import (
    VisitDraft,
    VisitRejected,
)
from dzdesk.ui.context import AppContext
from dzdesk.ui.drafted_dialog import DraftedDialog
from dzdesk.ui.forms import load_form
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.incidents.editor import IncidentEditor
from dzdesk.ui.qt_time import from_qdatetime, to_qdatetime
from dzdesk.ui.screen_fit import fit_dialog
from dzdesk.ui.theme import Token, tint_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.visits.stored import StoredVisit, read_visit
from dzdesk.ui.visits.texts import category_label, visit_problem_text
from dzdesk.ui.worker_calls import BackgroundWrite


class VisitEditor(DraftedDialog):
    """Reads a stored visit on a worker (`loaded` says it is in the fields) and writes on a worker: a save, a
    fault linked to a signed visit, an amendment (`changed` says one of the last two is stored)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, visit_id: str | None = None, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(DraftStore(ctx.data_dir.drafts), f"visit-{visit_id or 'new'}", parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self._now = now or (lambda: datetime.now(UTC))
        self.blobs = BlobStore(ctx.data_dir.blobs)
        self.staged_files: list[Path] = []
        self.staged_incidents: list[str] = []
        self.signed = False
        self.setWindowTitle(self.tr("Edit visit") if visit_id else self.tr("Record a visit"))
        self.resize(1040, 720)
        fit_dialog(self)  # a 1280×693 screen (1920×1080 at 150 %) is shorter than that

        self.form = load_form("visit_form", self)
        find = self.form.findChild
        self.w: dict[str, Any] = {
            "office": find(QLineEdit, "officeEdit"), "department": find(QComboBox, "departmentCombo"),
            "district": find(QComboBox, "districtCombo"), "address": find(QLineEdit, "addressEdit"),
            "engineers": find(QLineEdit, "engineersEdit"), "contact_name": find(QLineEdit, "contactNameEdit"),
            "contact_phone": find(QLineEdit, "contactPhoneEdit"), "arrived": find(QDateTimeEdit, "arrivedEdit"),
            "departed_check": find(QCheckBox, "departedCheck"), "departed": find(QDateTimeEdit, "departedEdit"),
            "work": find(QPlainTextEdit, "workEdit"), "problems_found": find(QPlainTextEdit, "problemsFoundEdit"),
            "follow_ups": find(QTableWidget, "followUpsTable"), "problems": find(QLabel, "problemsLabel"),
        }
        self.w["department"].addItems(["", *ctx.catalogue.departments])
        self.w["district"].addItems(["", *ctx.catalogue.districts])
        self.platform_checks = self._checks(find(QWidget, "platformsBox"),
                                            [(p.code, p.short_name) for p in ctx.catalogue.platforms], 2)
        self.category_checks = self._checks(find(QWidget, "categoriesBox"),
                                            [(c.value, category_label(c)) for c in ServiceCategory], 2)
        table = self.w["follow_ups"]
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("Follow-up"), self.tr("Due (yyyy-mm-dd)"), self.tr("Done")])
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.setMaximumHeight(130)

        self.signed_banner = QLabel(self)
        themed_style(self.signed_banner, tint_style, Token.TINT_DONE)
        self.signed_banner.hide()
        self.attachments = QListWidget(self)
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(96, 72))
        self.attachments.setMaximumHeight(120)
        self.incidents = QListWidget(self)
        self.incidents.setMaximumHeight(120)
        self.add_files_button = QPushButton(icon("upload"), self.tr("Add &photos or files…"), self)
        self.add_files_button.clicked.connect(self.choose_files)
        self.new_incident_button = QPushButton(icon("message-report"), self.tr("Record a &fault found here…"), self)
        self.new_incident_button.clicked.connect(self.record_incident)
        self.add_row_button = QPushButton(icon("plus"), self.tr("Add follow-&up"), self)
        self.add_row_button.clicked.connect(lambda: self._add_follow_up_row(FollowUp("")))
        self.amend_button = QPushButton(icon("pencil"), self.tr("Add &amendment…"), self)
        self.amend_button.clicked.connect(self.add_amendment)
        self.amend_button.hide()

        extras = QGridLayout()
        extras.addWidget(QLabel(self.tr("Photos and files"), self), 0, 0)
        extras.addWidget(self.attachments, 1, 0)
        extras.addWidget(self.add_files_button, 2, 0, Qt.AlignmentFlag.AlignLeft)
        extras.addWidget(QLabel(self.tr("Faults found or handled"), self), 0, 1)
        extras.addWidget(self.incidents, 1, 1)
        extras.addWidget(self.new_incident_button, 2, 1, Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_row_button)
        bottom.addWidget(self.amend_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signed_banner)
        layout.addWidget(self.form, 1)
        layout.addLayout(extras)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)

        self._connect()
        self.saving = BackgroundWrite(self, self.buttons.buttons())
        if visit_id:
            store = ctx.store
            self.read_stored(lambda: read_visit(store, visit_id),
                             (self.form, self.add_files_button, self.add_row_button, self.new_incident_button,
                              self.buttons.button(QDialogButtonBox.StandardButton.Save)),
                             self.tr("Reading the visit…"),
                             lambda reason: self.tr("The visit could not be read: %1").replace("%1", reason))
        else:
            self._apply({"arrived": self._now().isoformat(), "engineers": ctx.settings.profile.name})
            self.fields_ready()

    def problems_line(self) -> QLabel:
        return self.w["problems"]

    def first_field(self) -> QWidget:
        return self.w["office"]

    def _checks(self, box: QWidget, items: list[tuple[str, str]], columns: int) -> dict[str, QCheckBox]:
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        checks = {}
        for index, (code, label) in enumerate(items):
            check = QCheckBox(label, box)
            check.toggled.connect(self._changed)
            grid.addWidget(check, index // columns, index % columns)
            checks[code] = check
        return checks

    def _connect(self) -> None:
        w = self.w
        for key in ("office", "address", "engineers", "contact_name", "contact_phone"):
            w[key].textChanged.connect(self._changed)
        for key in ("department", "district"):
            w[key].currentTextChanged.connect(self._changed)
        for key in ("work", "problems_found"):
            w[key].textChanged.connect(self._changed)
        w["arrived"].dateTimeChanged.connect(self._changed)
        w["departed"].dateTimeChanged.connect(self._changed)
        w["departed"].setEnabled(False)
        w["departed_check"].toggled.connect(self._toggle_departed)
        w["follow_ups"].itemChanged.connect(self._changed)

    def _toggle_departed(self, on: bool) -> None:
        self.w["departed"].setEnabled(on)
        if on and not self._loading:
            self.w["departed"].setDateTime(to_qdatetime(self._now()))
        self._changed()

    def _add_follow_up_row(self, follow_up: FollowUp) -> None:
        table = self.w["follow_ups"]
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(follow_up.text))
        table.setItem(row, 1, QTableWidgetItem(follow_up.due.isoformat() if follow_up.due else ""))
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        done.setCheckState(Qt.CheckState.Checked if follow_up.done else Qt.CheckState.Unchecked)
        table.setItem(row, 2, done)

    # -- values ----------------------------------------------------------------------------------------------
    def _values(self) -> dict[str, Any]:
        w = self.w
        table = w["follow_ups"]
        return {
            "office": w["office"].text(), "department": w["department"].currentText(),
            "district": w["district"].currentText(), "address": w["address"].text(),
            "engineers": w["engineers"].text(), "contact_name": w["contact_name"].text(),
            "contact_phone": w["contact_phone"].text(), "work": w["work"].toPlainText(),
            "problems_found": w["problems_found"].toPlainText(),
            "arrived": from_qdatetime(w["arrived"].dateTime()).isoformat(),
            "departed": from_qdatetime(w["departed"].dateTime()).isoformat()
            if w["departed_check"].isChecked() else None,
            "platforms": [code for code, check in self.platform_checks.items() if check.isChecked()],
            "categories": [code for code, check in self.category_checks.items() if check.isChecked()],
            "follow_ups": [[(table.item(r, 0).text() if table.item(r, 0) else ""),
                            (table.item(r, 1).text() if table.item(r, 1) else ""),
                            bool(table.item(r, 2) and table.item(r, 2).checkState() == Qt.CheckState.Checked)]
                           for r in range(table.rowCount())],
        }

    def _apply(self, values: dict[str, Any]) -> None:
        w = self.w
        loading, self._loading = self._loading, True
        for key in ("office", "address", "engineers", "contact_name", "contact_phone"):
            if key in values:
                w[key].setText(values[key] or "")
        for key in ("department", "district"):
            if key in values:
                w[key].setCurrentText(values[key] or "")
        if "work" in values:
            w["work"].setPlainText(values["work"] or "")
        if "problems_found" in values:
            w["problems_found"].setPlainText(values["problems_found"] or "")
        if values.get("arrived"):
            w["arrived"].setDateTime(to_qdatetime(parse_moment(values["arrived"])))
        if "departed" in values:
            w["departed_check"].setChecked(bool(values["departed"]))
            w["departed"].setEnabled(bool(values["departed"]))
            if values["departed"]:
                w["departed"].setDateTime(to_qdatetime(parse_moment(values["departed"])))
        for key, checks in (("platforms", self.platform_checks), ("categories", self.category_checks)):
            if key in values:
                for code, check in checks.items():
                    check.setChecked(code in values[key])
        if "follow_ups" in values:
            w["follow_ups"].setRowCount(0)
            for text, due, done in values["follow_ups"]:
                self._add_follow_up_row(FollowUp(text, _parse_day(due), bool(done)))
        self._loading = loading

    def draft(self) -> VisitDraft:
        values = self._values()
        follow_ups = tuple(FollowUp(text, _parse_day(due), done) for text, due, done in values["follow_ups"]
                           if text.strip() or due.strip())
        return VisitDraft(
            office=values["office"], platforms=tuple(values["platforms"]),
            categories=tuple(ServiceCategory(c) for c in values["categories"]), engineers=values["engineers"],
            arrived_at=parse_moment(values["arrived"]), work_done=values["work"],
            departed_at=parse_moment(values["departed"]) if values["departed"] else None,
            department=values["department"], district=values["district"], address=values["address"],
            problems_found=values["problems_found"], contact_name=values["contact_name"],
            contact_phone=values["contact_phone"], follow_ups=follow_ups,
        )

    def _show_stored(self, stored: StoredVisit) -> None:
        draft = stored.draft
        self.signed = stored.signed
        signed_text = self.tr("Signed by %1 on %2. The visit is locked; changes are recorded as amendments.") \
            .replace("%1", stored.signer_name).replace("%2", format_local(stored.signed_at))
        attachments = stored.attachments
        incidents = stored.incidents
        amendments = [(format_local(at), text) for at, text in stored.amendments]
        self._apply({
            "office": draft.office, "department": draft.department, "district": draft.district,
            "address": draft.address, "engineers": draft.engineers, "contact_name": draft.contact_name,
            "contact_phone": draft.contact_phone, "work": draft.work_done, "problems_found": draft.problems_found,
            "arrived": draft.arrived_at.isoformat(),
            "departed": draft.departed_at.isoformat() if draft.departed_at else None,
            "platforms": list(draft.platforms), "categories": [c.value for c in draft.categories],
            "follow_ups": [[f.text, f.due.isoformat() if f.due else "", f.done] for f in draft.follow_ups],
        })
        for sha256, filename, kind in attachments:
            self._show_attachment(self.blobs.path(sha256), filename, kind == "photo")
        for _incident_id, title in incidents:
            self.incidents.addItem(title)
        if self.signed:
            lines = [signed_text, *(f"{when}  {text}" for when, text in amendments)]
            self.signed_banner.setText("\n".join(lines))
            self.signed_banner.show()
            self.form.setEnabled(False)
            self.add_files_button.setEnabled(False)
            self.add_row_button.setEnabled(False)
            self.amend_button.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()

    def _show_attachment(self, path: Path, filename: str, photo: bool) -> None:
        item = QListWidgetItem(filename)
        if photo:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)))
        item.setToolTip(filename)
        self.attachments.addItem(item)

    # -- checking and saving -----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._validate()

    def _validate(self) -> list[VisitProblem]:
        try:
            draft = self.draft()
        except ValueError as exc:
            self.w["problems"].setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return [VisitProblem.FOLLOW_UP_WITHOUT_TEXT]
        problems = [] if self.signed else visit_problems(draft.facts(), self._now())
        self.w["problems"].setText("\n".join(visit_problem_text(p) for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not problems and self.is_loaded and not self.saving.running)
        return problems

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos or files"), str(Path.home()),
            self.tr("Photos (*.jpg *.jpeg *.png);;All files (*)"))
        self.stage_files([Path(n) for n in names])

    def stage_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.staged_files.append(path)
            self._show_attachment(path, path.name, path.suffix.lower() in {".jpg", ".jpeg", ".png"})
        if paths:
            self._changed()

    def record_incident(self) -> IncidentEditor:
        editor = IncidentEditor(self.ctx, None, self, now=self._now)
        editor.w["channel"].setCurrentIndex(editor.w["channel"].findData(Channel.ON_SITE.value))
        editor.w["district"].setCurrentText(self.w["district"].currentText())
        editor.w["department"].setCurrentText(self.w["department"].currentText())
        editor.w["reporter"].setText(self.w["contact_name"].text())
        editor.saved.connect(lambda incident_id: self._incident_recorded(incident_id, editor.w["title"].text()))
        editor.open()
        return editor

    def _incident_recorded(self, incident_id: str, title: str) -> None:
        """The fault just saved (its title as typed) is listed; a signed visit links it at once, on a worker."""
        self.incidents.addItem(title or incident_id)
        if self.visit_id is not None and self.signed:
            store, visit_id, now = self.ctx.store, self.visit_id, self._now()
            self._write(lambda: link_fault(store, visit_id, incident_id, now))
        else:
            self.staged_incidents.append(incident_id)
            self._changed()

    def add_amendment(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Amendment"),
                                                 self.tr("What changed after the customer signed?"))
        if ok and text.strip() and self.visit_id:
            self.amend(text)

    def amend(self, text: str) -> bool:
        """Stores an amendment of the signed visit on a worker; shown in the banner once it is stored."""
        store, visit_id, now = self.ctx.store, self.visit_id, self._now()
        if visit_id is None:
            return False

        def shown(_result: object) -> None:
            self.signed_banner.setText(self.signed_banner.text() + f"\n{format_local(now)}  {text.strip()}")

        return self._write(lambda: amend_visit(store, visit_id, text, now), shown)

    def _write(self, work: Callable[[], object], then: Callable[[object], None] | None = None) -> bool:
        """A change to the signed visit, written on a worker; `saved` and `changed` say it is stored."""
        visit_id = self.visit_id

        def done(result: object) -> None:
            if then is not None:
                then(result)
            if visit_id is not None:
                self.saved.emit(visit_id)
            self.changed.emit()

        def refused(exc: Exception) -> None:
            self.w["problems"].setText(self.tr("Not stored: %1").replace("%1", str(exc)))
            self.changed.emit()

        return self.saving.start(work, done, refused)

    def accept(self) -> None:
        """Writes on a worker; the dialog closes once the write has committed, and stays open with the reason
        when it is refused. A second Save while one writes does nothing."""
        if self.saving.running:
            return
        if self.signed:
            super().accept()
            return
        if not self.is_loaded or self._validate():
            return
        draft, now, visit_id, store = self.draft(), self._now(), self.visit_id, self.ctx.store
        files, incidents, shown = list(self.staged_files), list(self.staged_incidents), self.shown
        self.saving.start(lambda: save_visit_with(store, draft, now, visit_id, files, incidents, shown),
                          self._saved_now, self._not_saved)
        self.w["problems"].setText(self.tr("Saving…"))

    def _saved_now(self, saved: Saved) -> None:
        self.visit_id = saved.record_id
        self.staged_files.clear()
        self.staged_incidents.clear()
        self.finish_saved(saved.record_id, saved.both_changed)

    def _not_saved(self, exc: Exception) -> None:
        self._validate()
        if isinstance(exc, VisitRejected):
            text = "\n".join(visit_problem_text(p) for p in exc.problems)
        elif isinstance(exc, VisitGoneError):
            text = self.tr("This visit was deleted meanwhile; nothing was saved.")
        elif isinstance(exc, OSError):
            text = self.tr("A file could not be added: %1").replace("%1", str(exc))
        else:
            text = str(exc) if isinstance(exc, StorageError) else self.tr("Not saved: %1").replace("%1", str(exc))
        self.w["problems"].setText(text)

    def reject(self) -> None:
        if not self.saving.running:  # a write under way finishes first: it may already be committed
            super().reject()

    def draft_values(self) -> dict[str, Any]:
        return self._values()

    def keeps_drafts(self) -> bool:
        return not self.signed


def _parse_day(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(QCoreApplication.translate("VisitEditor", "'%1' is not a date like 2026-12-01")
                         .replace("%1", text)) from exc
