"""The reports page (报告): choose a report and its period on the left, see its first pages on the right, save that
same PDF where you like, and find the reports made recently.

The report is written on a worker into a temporary folder and its first pages rendered there too; the window only
shows the pictures. Saving copies the previewed file (so what was looked at is what is handed over, and the
register of issued reports knows it), or writes it afresh when the choice changed since the preview.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import format_local, month_range, quarter_range, to_local, year_range
from dzdesk.operations.reports import OperationsRequest, write_operations_report
from dzdesk.operations.signing import signing_key
from dzdesk.reports.cases_handout import render_handout
from dzdesk.reports.operations_data import typical_cases
from dzdesk.reports.operations_report import KIND_TITLES
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.reports.preview import PreviewPane, RenderedPreview, render_pages
from dzdesk.ui.reports.recent import RecentReport, load_recent, remember
from dzdesk.ui.theme import Token, problem_style

HANDOUT = "handout"
REPORTS = ("annual", "quarterly", "monthly", HANDOUT)
ICONS = {"annual": "report-analytics", "quarterly": "calendar-stats", "monthly": "calendar-month",
         HANDOUT: "school"}
LEFT_WIDTH = 360


def list_icon(name: str, token: Token) -> QIcon:
    """An icon in `token`'s colour that turns to the colour of text on the accent when its row is selected, so it
    stays visible on the selection's background."""
    result = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, token), (QIcon.Mode.Selected, Token.TEXT_ON_ACCENT)):
        for size in (24, 36, 48):
            result.addPixmap(icon(name, colour).pixmap(QSize(size, size)), mode)
    return result


def open_url(url: QUrl) -> bool:
    """The system's file viewer or file manager; one place, so tests can watch what would be opened."""
    return QDesktopServices.openUrl(url)


@dataclass(frozen=True)
class Choice:
    """Everything that decides the report's content: a preview is reused for saving only while it is the same."""

    report: str
    year: int
    part: int
    platform: str | None
    with_figures: bool
    signed: bool


@dataclass(frozen=True)
class Written:
    choice: Choice
    title: str
    pdf: Path
    xlsx: Path | None
    preview: RenderedPreview
    saved: Path | None = None
    recent: tuple[RecentReport, ...] = ()


class ReportsPage(QWidget):
    message = Signal(str)
    written = Signal()  # a preview (and perhaps a saved copy) is on screen, or the attempt failed in words

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        self._today = to_local(self._now())
        self._workdir = tempfile.TemporaryDirectory(prefix="dzdesk-report-")
        self._written: Written | None = None
        self._running = False

        self.reports = QListWidget(self)
        self.reports.setObjectName("reportList")
        self.reports.setAccessibleName(self.tr("Report"))
        self.reports.setIconSize(QSize(24, 24))
        self.reports.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for key, (title, line) in self._descriptions().items():
            item = QListWidgetItem(list_icon(ICONS[key], Token.ACCENT), f"{title}\n{line}", self.reports)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(line)
        self.reports.setWordWrap(False)
        self.reports.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.reports.setSpacing(2)
        self.reports.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reports.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reports.setFixedHeight(sum(self.reports.sizeHintForRow(r) + 4 for r in range(len(REPORTS)))
                                    + 2 * self.reports.frameWidth() + 4)
        self.reports.currentRowChanged.connect(lambda _row: self._choice_changed())

        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(self._today.year)
        self.part = QSpinBox(self)
        self.part_label = QLabel(self)
        self.part_label.setBuddy(self.part)
        self.platform = QComboBox(self)
        self.platform.addItem(self.tr("Both platforms"), None)
        for platform in ctx.catalogue.platforms:
            self.platform.addItem(platform.short_name, platform.code)
        self.with_figures = QCheckBox(self.tr("Also write every figure to an XLSX beside the PDF"), self)
        self.with_figures.setChecked(True)
        self.sign = QCheckBox(self.tr("&Sign it with the team's certificate (a lead issues it)"), self)
        for checkbox in (self.with_figures, self.sign):
            checkbox.setStyleSheet("QCheckBox { spacing: 6px; }")
        period_box = QGroupBox(self.tr("Period and scope"), self)
        form = QFormLayout(period_box)
        year_label = QLabel(self.tr("&Year"), period_box)
        year_label.setBuddy(self.year)
        form.addRow(year_label, self.year)
        form.addRow(self.part_label, self.part)
        platform_label = QLabel(self.tr("&Platform"), period_box)
        platform_label.setBuddy(self.platform)
        form.addRow(platform_label, self.platform)
        form.addRow(self.with_figures)
        form.addRow(self.sign)
        for widget in (self.year, self.part, self.platform):
            widget_signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.valueChanged
            widget_signal.connect(lambda _value: self._choice_changed())
        for checkbox in (self.with_figures, self.sign):
            checkbox.toggled.connect(lambda _on: self._choice_changed())

        self.preview_button = QPushButton(icon("eye"), self.tr("Pre&view"), self)
        self.preview_button.setToolTip(self.tr("Writes the report and shows its first pages (Ctrl+Enter)"))
        self.preview_button.setShortcut("Ctrl+Return")
        self.preview_button.clicked.connect(lambda: self.preview())
        self.save_button = QPushButton(icon("device-floppy"), self.tr("&Save…"), self)
        self.save_button.setToolTip(self.tr("Saves the previewed PDF where you choose (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(lambda: self.save())
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)

        recent_box = QGroupBox(self.tr("Made recently"), self)
        self.recent = QListWidget(recent_box)
        self.recent.setObjectName("recentReports")
        self.recent.setAccessibleName(recent_box.title())
        self.recent.itemActivated.connect(lambda _item: self.open_recent())
        self.recent.currentRowChanged.connect(lambda _row: self._recent_buttons())
        self.open_button = QPushButton(icon("file-text"), self.tr("&Open"), recent_box)
        self.open_button.clicked.connect(lambda: self.open_recent())
        self.folder_button = QPushButton(icon("folder-open"), self.tr("Show in &folder"), recent_box)
        self.folder_button.clicked.connect(lambda: self.show_recent_folder())
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent, 1)
        recent_buttons = QHBoxLayout()
        recent_buttons.addWidget(self.open_button)
        recent_buttons.addWidget(self.folder_button)
        recent_buttons.addStretch(1)
        recent_layout.addLayout(recent_buttons)

        left = QWidget(self)
        left.setFixedWidth(LEFT_WIDTH)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Report"), left)
        heading.setStyleSheet("font-weight: bold;")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.reports)
        left_layout.addWidget(period_box)
        left_layout.addLayout(actions)
        left_layout.addWidget(recent_box, 1)

        self.preview_title = QLabel(self)
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setStyleSheet("font-weight: bold;")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Writing the report"))
        self.busy.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pane = PreviewPane(self)
        header = QHBoxLayout()
        header.addWidget(self.preview_title, 1)
        header.addWidget(self.busy)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.status)
        right.addWidget(self.pane, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(left)
        layout.addLayout(right, 1)
        self.reports.setCurrentRow(0)
        self.show_recent(load_recent(ctx.data_dir.root))

    def _descriptions(self) -> dict[str, tuple[str, str]]:
        return {
            "annual": (self.tr("Annual operations report"),
                       self.tr("The year against the contract: SLA, faults, visits, training, probes.")),
            "quarterly": (self.tr("Quarterly operations report"),
                          self.tr("One quarter's figures and faults, for the quarterly review.")),
            "monthly": (self.tr("Monthly operations report"),
                        self.tr("One month's figures, faults and visits.")),
            HANDOUT: (self.tr("Typical cases handout"),
                      self.tr("The period's typical faults and their fixes, for training.")),
        }

    # -- the choice ----------------------------------------------------------------------------------------------
    def report(self) -> str:
        item = self.reports.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else REPORTS[0]

    def select_report(self, key: str) -> None:
        self.reports.setCurrentRow(REPORTS.index(key))

    def choice(self) -> Choice:
        report = self.report()
        return Choice(report, self.year.value(), 0 if report == "annual" else self.part.value(),
                      self.platform.currentData(), report != HANDOUT and self.with_figures.isChecked(),
                      report != HANDOUT and self.sign.isChecked())

    def _choice_changed(self) -> None:
        report = self.report()
        monthly = report in ("monthly", HANDOUT)
        self.part.setVisible(report != "annual")
        self.part_label.setVisible(report != "annual")
        wanted = (1, 12) if monthly else (1, 4)
        if report != "annual" and (self.part.minimum(), self.part.maximum()) != wanted:
            self.part.blockSignals(True)
            self.part.setRange(*wanted)
            self.part.setValue(self._today.month if monthly else (self._today.month - 1) // 3 + 1)
            self.part.blockSignals(False)
        self.part_label.setText(self.tr("&Month") if monthly else self.tr("&Quarter"))
        self.with_figures.setEnabled(report != HANDOUT)
        self.sign.setEnabled(report != HANDOUT)
        self._update_preview_state()

    def period(self) -> tuple[datetime, datetime, str]:
        choice = self.choice()
        year, part = choice.year, choice.part
        if choice.report == "annual":
            start, end = year_range(year)
            return start, end, f"{year} 年"
        if choice.report == "quarterly":
            start, end = quarter_range(year, part)
            return start, end, f"{year} 年第 {part} 季度"
        start, end = month_range(year, part)
        return start, end, f"{year} 年 {part} 月"

    def title(self) -> str:
        """The report's name as printed on it, which is also the file's default name."""
        _start, _end, label = self.period()
        report = self.report()
        if report == HANDOUT:
            return f"典型案例培训讲义_{label}".replace(" ", "")
        return f"{label}{KIND_TITLES[report]}".replace(" ", "")

    def _update_preview_state(self) -> None:
        """Says what the preview shows: this choice, an earlier one, or nothing yet."""
        self.save_button.setEnabled(not self._running)
        self.preview_button.setEnabled(not self._running)
        if self._running:
            return
        if self._written is None:
            self.preview_title.setText(self.title())
            self.pane.show_message(self.tr("Choose a report and its period, then Preview: its first pages show "
                                           "here, and Save… keeps that same PDF where you choose."))
        elif self._written.choice != self.choice():
            self.preview_title.setText(self.tr("%1 (an earlier choice: preview again to see %2)")
                                       .replace("%1", self._written.title).replace("%2", self.title()))
        else:
            self.preview_title.setText(self._written.title)

    # -- writing -------------------------------------------------------------------------------------------------
    def preview(self) -> bool:
        """Writes the chosen report into a temporary folder on a worker and shows its first pages."""
        return self._write(None)

    def save(self, target: Path | None = None) -> bool:
        """Saves the previewed PDF (and its XLSX) at `target`, asked for when not given; writes the report again
        first when the choice is not the one previewed."""
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                                        str(self._save_folder() / f"{self.title()}.pdf"),
                                                        "PDF (*.pdf)")
            if not name:
                return False
            target = Path(name)
        written = self._written
        if written is not None and written.choice == self.choice():
            root = self.ctx.data_dir.root
            now = self._now()

            def copy() -> Written:
                return _saved_copy(written, target, root, now)

            return self._start(copy, self.tr("Saving…"))
        return self._write(target)

    def _save_folder(self) -> Path:
        """Where the last report was saved (people keep a period's reports together), else the home folder."""
        for row in range(self.recent.count()):
            path = self.recent.item(row).data(Qt.ItemDataRole.UserRole)
            if path and Path(path).parent.is_dir():
                return Path(path).parent
        return Path.home()

    def _write(self, target: Path | None) -> bool:
        choice, title = self.choice(), self.title()
        start, end, label = self.period()
        store, catalogue, settings, now = self.ctx.store, self.ctx.catalogue, self.ctx.settings, self._now()
        names = {p.code: p.short_name for p in catalogue.platforms}
        root, workdir = self.ctx.data_dir.root, Path(self._workdir.name)

        def work() -> Written:
            folder = Path(tempfile.mkdtemp(dir=workdir))
            pdf = folder / f"{title}.pdf"
            xlsx = pdf.with_suffix(".xlsx") if choice.with_figures else None
            if choice.report == HANDOUT:
                with store.session() as session:
                    cases = typical_cases(session, start, end, choice.platform)
                render_handout(cases, names, start, end, now, pdf)
            else:
                key = signing_key(settings) if choice.signed else None
                request = OperationsRequest(choice.report, start, end, label, choice.platform)
                write_operations_report(store, catalogue, settings, request, pdf, now, key, xlsx)
            written = Written(choice, title, pdf, xlsx, render_pages(pdf))
            return _saved_copy(written, target, root, now) if target is not None else written

        return self._start(work, self.tr("Writing %1…").replace("%1", title))

    def _start(self, work: Callable[[], Written], doing: str) -> bool:
        if self._running:
            return False
        self._running = True
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.busy.show()
        self._say(doing)
        run_in_background(work, self._done, self._failed, owner=self)
        return True

    def _done(self, written: Written) -> None:
        self._running = False
        self.busy.hide()
        self._written = written
        pages = written.preview.page_count
        self.pane.show_pages(written.preview, self.tr("First %1 of %n page(s)", "", pages)
                             .replace("%1", str(len(written.preview.pages))))
        if written.saved is not None:
            self.show_recent(list(written.recent))
            text = self.tr("Saved to %1").replace("%1", str(written.saved))
            if written.xlsx is not None:
                text += " " + self.tr("(figures beside it as %1)").replace("%1", written.saved.with_suffix(
                    ".xlsx").name)
            self._say(text)
            self.message.emit(text)
        else:
            self._say(self.tr("Preview ready: %n page(s). Save… keeps this same PDF.", "", pages))
        self._update_preview_state()
        self.written.emit()

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.busy.hide()
        text = self.tr("Not written: %1").replace("%1", str(exc) or type(exc).__name__)
        self._say(text, problem=True)
        self.message.emit(text)
        self._update_preview_state()
        self.written.emit()

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(problem_style(problem))

    # -- made recently -------------------------------------------------------------------------------------------
    def show_recent(self, entries: list[RecentReport]) -> None:
        self.recent.clear()
        for entry in entries:
            text = f"{entry.title}\n{format_local(entry.saved_at)} · {Path(entry.path).parent}"
            item = QListWidgetItem(list_icon("file-text", Token.ICON), text, self.recent)
            item.setData(Qt.ItemDataRole.UserRole, entry.path)
            item.setToolTip(entry.path if entry.exists else self.tr("%1 is no longer there").replace(
                "%1", entry.path))
            if not entry.exists:
                item.setForeground(self.palette().placeholderText())
        if not entries:
            item = QListWidgetItem(self.tr("No report saved yet."), self.recent)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.recent.setCurrentRow(0 if entries else -1)
        self._recent_buttons()

    def _recent_path(self) -> Path | None:
        item = self.recent.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return Path(path) if path else None

    def _recent_buttons(self) -> None:
        path = self._recent_path()
        self.open_button.setEnabled(path is not None and path.exists())
        self.folder_button.setEnabled(path is not None and path.parent.exists())

    def open_recent(self) -> Path | None:
        path = self._recent_path()
        if path is None:
            return None
        if not path.exists():
            self._say(self.tr("%1 is no longer there: it was moved or deleted.").replace("%1", str(path)),
                      problem=True)
            return None
        open_url(QUrl.fromLocalFile(str(path)))
        return path

    def show_recent_folder(self) -> Path | None:
        path = self._recent_path()
        if path is None or not path.parent.exists():
            return None
        open_url(QUrl.fromLocalFile(str(path.parent)))
        return path.parent


def _saved_copy(written: Written, target: Path, root: Path, now: datetime) -> Written:
    """Copies the written PDF (and its XLSX) to `target` and remembers it among the recent reports (on a worker)."""
    if target.resolve() != written.pdf.resolve():
        shutil.copyfile(written.pdf, target)
    if written.xlsx is not None:
        shutil.copyfile(written.xlsx, target.with_suffix(".xlsx"))
    recent = remember(root, RecentReport(written.title, str(target), now))
    return Written(written.choice, written.title, written.pdf, written.xlsx, written.preview, target, tuple(recent))
