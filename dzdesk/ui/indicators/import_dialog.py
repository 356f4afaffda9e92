"""Importing a month's indicator export: the columns matched to indicators (changeable, remembered per source),
a preview with every bad cell named, and nothing written until the user confirms a preview without problems."""

from __future__ import annotations

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

from dzdesk.imports.indicator_file import IndicatorFileError, IndicatorPreview, read_indicator_file
from dzdesk.imports.table_file import TableFileError
from dzdesk.operations.indicators import import_month
from dzdesk.store.indicator_repo import definitions, get_mapping, mapping_names
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import button_box_icons
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


class IndicatorImportDialog(QDialog):
    def __init__(self, ctx: AppContext, path: Path, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path, self.month = ctx, path, month
        self.preview: IndicatorPreview | None = None
        self.setWindowTitle(self.tr("Import %1 into %2").replace("%1", path.name).replace("%2", month))
        self.resize(720, 600)
        with ctx.store.session() as session:
            self.indicators = definitions(session)
            names = mapping_names(session)
        self.source = QComboBox(self)
        self.source.setEditable(True)
        self.source.addItems(names)
        self.source.setCurrentText(names[0] if names else path.stem)
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
        self.source.currentTextChanged.connect(lambda _text: self.read(use_saved=True))
        self.read(use_saved=True)

    def read(self, use_saved: bool = False) -> IndicatorPreview | None:
        mapping = None
        if use_saved:
            with self.ctx.store.session() as session:
                mapping = get_mapping(session, self.source.currentText().strip())
        elif self.combos:
            mapping = {title: combo.currentData() for title, combo in self.combos.items() if combo.currentData()}
        try:
            self.preview = read_indicator_file(self.path, self.indicators, self.ctx.catalogue.districts, mapping)
        except (TableFileError, IndicatorFileError) as exc:
            self.preview = None
            self.summary.setText(str(exc))
            themed_style(self.summary, problem_style)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return None
        self._show_columns(self.preview)
        self._show_preview(self.preview)
        return self.preview

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
        preview = self.preview
        if preview is None or not preview.importable:
            return
        import_month(self.ctx.store, self.month, preview, self.source.currentText())
        super().accept()


