"""Opening a finished PDF in the system viewer, and printing it through Qt's print dialog."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_pdf(path: Path, parent: QWidget | None = None, printer: QPrinter | None = None) -> bool:
    """Asks for a printer (unless one is given) and prints every page of `path`; False when cancelled."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    document = pypdfium2.PdfDocument(str(path))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"the printer {printer.printerName() or '(default)'} cannot be opened")
    try:
        for index in range(len(document)):
            if index:
                printer.newPage()
            page = document[index]
            bitmap = page.render(scale=PRINT_DPI / 72).to_pil().convert("RGB")
            image = QImage(bitmap.tobytes(), bitmap.width, bitmap.height, bitmap.width * 3,
                           QImage.Format.Format_RGB888)
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
    finally:
        painter.end()
        document.close()
    return True
