"""The reports page (报告): the operations report of a year, quarter or month, its figures as XLSX, and the typical
cases as a training handout. Written in the background and opened when done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import month_range, quarter_range, to_local, year_range
from dzdesk.operations.reports import OperationsRequest, write_operations_report
from dzdesk.operations.signing import signing_key
from dzdesk.reports.cases_handout import render_handout
from dzdesk.reports.operations_data import typical_cases
from dzdesk.reports.operations_report import KIND_TITLES
from dzdesk.ui.context import AppContext
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.pdf_output import open_in_viewer


class ReportsPage(QWidget):
    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._now = now or (lambda: datetime.now(UTC))
        today = to_local(self._now())
        self.kind = QComboBox(self)
        for kind, text in (("annual", self.tr("Annual")), ("quarterly", self.tr("Quarterly")),
                           ("monthly", self.tr("Monthly"))):
            self.kind.addItem(text, kind)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.part = QSpinBox(self)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.platform = QComboBox(self)
        self.platform.addItem(self.tr("Both platforms"), None)
        for platform in ctx.catalogue.platforms:
            self.platform.addItem(platform.short_name, platform.code)
        self.with_figures = QCheckBox(self.tr("Also write every figure to an XLSX beside the PDF"), self)
        self.with_figures.setChecked(True)
        self.sign = QCheckBox(self.tr("&Sign it with the team's certificate (a lead issues it)"), self)
        self.write_button = QPushButton(self.tr("&Write the report…"), self)
        self.write_button.clicked.connect(lambda: self.write_report())
        self.cases_button = QPushButton(self.tr("Typical cases &handout…"), self)
        self.cases_button.clicked.connect(lambda: self.write_handout())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        box = QGroupBox(self.tr("Operations report"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Year"), self.year)
        self.part_label = QLabel(self)
        form.addRow(self.part_label, self.part)
        form.addRow(self.tr("&Platform"), self.platform)
        form.addRow("", self.with_figures)
        form.addRow("", self.sign)
        buttons = QHBoxLayout()
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.cases_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._today = today
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.part.setVisible(kind != "annual")
        self.part_label.setVisible(kind != "annual")
        if kind == "quarterly":
            self.part_label.setText(self.tr("&Quarter"))
            self.part.setRange(1, 4)
            self.part.setValue((self._today.month - 1) // 3 + 1)
        elif kind == "monthly":
            self.part_label.setText(self.tr("&Month"))
            self.part.setRange(1, 12)
            self.part.setValue(self._today.month)

    def period(self) -> tuple[datetime, datetime, str]:
        kind, year, part = self.kind.currentData(), self.year.value(), self.part.value()
        if kind == "annual":
            start, end = year_range(year)
            return start, end, f"{year} 年"
        if kind == "quarterly":
            start, end = quarter_range(year, part)
            return start, end, f"{year} 年第 {part} 季度"
        start, end = month_range(year, part)
        return start, end, f"{year} 年 {part} 月"

    def _ask(self, title: str, default: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, title, str(Path.home() / default), "PDF (*.pdf)")
        return Path(name) if name else None

    def write_report(self, target: Path | None = None, open_viewer: bool = True) -> bool:
        start, end, label = self.period()
        kind = self.kind.currentData()
        target = target or self._ask(self.tr("Save the report"), f"{label}{KIND_TITLES[kind]}.pdf".replace(" ", ""))
        if target is None:
            return False
        store, catalogue, settings, now = self.ctx.store, self.ctx.catalogue, self.ctx.settings, self._now()
        request = OperationsRequest(kind, start, end, label, self.platform.currentData())
        xlsx = target.with_suffix(".xlsx") if self.with_figures.isChecked() else None
        signed = self.sign.isChecked()

        def work() -> Path:
            key = signing_key(settings) if signed else None
            return write_operations_report(store, catalogue, settings, request, target, now, key, xlsx)[0].path

        return self._run(work, open_viewer)

    def write_handout(self, target: Path | None = None, open_viewer: bool = True) -> bool:
        start, end, label = self.period()
        target = target or self._ask(self.tr("Save the handout"), f"典型案例培训讲义_{label}.pdf".replace(" ", ""))
        if target is None:
            return False
        store, now = self.ctx.store, self._now()
        names = {p.code: p.short_name for p in self.ctx.catalogue.platforms}

        def work() -> Path:
            with store.session() as session:
                cases = typical_cases(session, start, end, self.platform.currentData())
            return render_handout(cases, names, start, end, now, target)

        return self._run(work, open_viewer)

    def _run(self, work: Callable[[], Path], open_viewer: bool) -> bool:
        self.write_button.setEnabled(False)
        self.cases_button.setEnabled(False)
        self.status.setText(self.tr("Writing…"))

        def done(path: Path) -> None:
            self._finish(self.tr("Written to %1").replace("%1", str(path)))
            if open_viewer:
                open_in_viewer(path)

        run_in_background(work, done, lambda exc: self._finish(self.tr("Not written: %1").replace("%1", str(exc)),
                                                               problem=True))
        return True

    def _finish(self, text: str, problem: bool = False) -> None:
        self.write_button.setEnabled(True)
        self.cases_button.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;" if problem else "")
        self.message.emit(text)
