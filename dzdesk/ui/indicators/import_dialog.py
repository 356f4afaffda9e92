"""Importing a month's indicator export: the columns matched to indicators (changeable, remembered per source),
a preview with every bad cell named, and nothing written until the user confirms a preview without problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.indicators import Indicator
from dzdesk.imports.indicator_file import IndicatorFileError, IndicatorPreview, read_indicator_file
from dzdesk.imports.table_file import TableFileError
from dzdesk.operations.indicators import import_month
from dzdesk.store.indicator_repo import definitions, get_mapping, mapping_names
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style
from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead


@dataclass(frozen=True)
class FileRead:
    """The file read on a worker against the indicators; the first read brings the saved sources' names too."""

    indicators: list[Indicator]
    sources: list[str] | None  # the names of the saved column mappings (first read only)
    source: str  # the source whose mapping was used
    preview: IndicatorPreview | None
    problem: str  # why the file could not be read, when preview is None


class IndicatorImportDialog(QDialog):
    def __init__(self, ctx: AppContext, path: Path, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path, self.month = ctx, path, month
        self.preview: IndicatorPreview | None = None
        self.setWindowTitle(self.tr("Import %1 into %2").replace("%1", path.name).replace("%2", month))
        self.resize(720, 600)
        self.indicators: list[Indicator] = []
        self.source = QComboBox(self)
        self.source.setEditable(True)
        self.source.setEnabled(False)  # until the saved sources are read
        self.source.setToolTip(self.tr("The column choices are remembered under this name for the next export"))
        self.columns_box = QGroupBox(self.tr("Columns"), self)
        self.columns_form = QFormLayout(self.columns_box)
        self.combos: dict[str, QComboBox] = {}
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = QListWidget(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        button_box_icons(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Source"), self.source)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.writing = BackgroundWrite(self, [ok])
        self._use_saved = True
        self.reading = LatestRead(self, self._read_work, self._read_back, self._not_read)
        self.source.currentTextChanged.connect(lambda _text: self.read(use_saved=True))
        self.reading.request()

    @property
    def busy(self) -> bool:
        """The file is being read, or its figures imported, on a worker."""
        return self.reading.running or self.writing.running

    def read(self, use_saved: bool = False) -> None:
        """Reads the file again on a worker: with the mapping saved for the source, or as the columns are chosen."""
        self._use_saved = use_saved
        self.reading.request()

    def _read_work(self) -> Callable[[], FileRead]:
        store, path, areas = self.ctx.store, self.path, self.ctx.catalogue.districts
        first, source = not self.indicators, self.source.currentText().strip()
        chosen = None if self._use_saved or not self.combos else {
            title: combo.currentData() for title, combo in self.combos.items() if combo.currentData()}
        use_saved = self._use_saved

        def work() -> FileRead:
            with store.session() as session:
                indicators = definitions(session)
                names = mapping_names(session) if first else None
                source_name = (names[0] if names else path.stem) if first else source
                mapping = get_mapping(session, source_name) if use_saved else chosen
            try:
                return FileRead(indicators, names, source_name, read_indicator_file(path, indicators, areas, mapping),
                                "")
            except (TableFileError, IndicatorFileError) as exc:
                return FileRead(indicators, names, source_name, None, str(exc))

        return work

    def _read_back(self, read: FileRead) -> None:
        self.indicators = read.indicators
        if read.sources is not None:
            self.source.blockSignals(True)
            self.source.addItems(read.sources)
            self.source.setCurrentText(read.source)
            self.source.blockSignals(False)
            self.source.setEnabled(True)
        self.preview = read.preview
        if read.preview is None:
            self.summary.setText(read.problem)
            themed_style(self.summary, problem_style)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self._show_columns(read.preview)
        self._show_preview(read.preview)

    def _not_read(self, exc: Exception) -> None:
        self.preview = None
        self.summary.setText(self.tr("The file could not be read: %1").replace("%1", str(exc)))
        themed_style(self.summary, problem_style)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show_columns(self, preview: IndicatorPreview) -> None:
        titles = list(preview.mapping) + [t for t in preview.unmapped_columns if t not in preview.mapping]
        if set(titles) == set(self.combos):
            for title, combo in self.combos.items():
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(title))))
                combo.blockSignals(False)
            return
        while self.columns_form.rowCount():
            self.columns_form.removeRow(0)
        self.combos = {}
        for title in titles:
            combo = QComboBox(self.columns_box)
            combo.addItem(self.tr("(not imported)"), None)
            for indicator in self.indicators:
                combo.addItem(indicator.name, indicator.code)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(title))))
            combo.currentIndexChanged.connect(lambda _i: self.read())
            self.columns_form.addRow(title, combo)
            self.combos[title] = combo

    def _show_preview(self, preview: IndicatorPreview) -> None:
        areas = len({area for area, _code in preview.values})
        text = self.tr("%1 figures for %2 areas.").replace("%1", str(len(preview.values))).replace("%2", str(areas))
        if preview.missing_areas:
            text += " " + self.tr("Not in the file: %1.").replace("%1", "、".join(preview.missing_areas))
        if preview.problems:
            text += " " + self.tr("%1 bad cell(s): fix them in the file, nothing is imported until then.").replace(
                "%1", str(len(preview.problems)))
        self.summary.setText(text)
        themed_style(self.summary, problem_style, bool(preview.problems))
        self.problems.clear()
        for problem in preview.problems:
            self.problems.addItem(self.tr("Row %1, column %2: %3").replace("%1", str(problem.row))
                                  .replace("%2", problem.column).replace("%3", problem.message))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(preview.importable)

    def accept(self) -> None:
        """Imports on a worker, Import disabled meanwhile; the dialog closes once the figures are kept, and stays
        open with the reason when they are not."""
        preview = self.preview
        if preview is None or not preview.importable or self.busy:
            return
        store, month, source = self.ctx.store, self.month, self.source.currentText()
        self.writing.start(lambda: import_month(store, month, preview, source),
                           lambda _summary: QDialog.accept(self), self._not_imported)

    def _not_imported(self, exc: Exception) -> None:
        self.summary.setText(self.tr("Nothing was imported: %1").replace("%1", str(exc)))
        themed_style(self.summary, problem_style)


