"""The preview of a written PDF: its first pages rendered with pypdfium2 on a worker, shown as images in a scroll
area that fits them to its width.

Rendering is split in two: `render_pages` (no Qt, runs on the worker) returns raw RGB bytes, and `PreviewPane`
turns them into images on the GUI thread, so no Qt paint object ever crosses threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from dzdesk.ui.theme import Token, hex_of, text_style

PREVIEW_PAGES = 3
PREVIEW_DPI = 144  # sharp at 150 % scaling without costing much on a worker
MARGIN = 16
MAX_ZOOM = 1.25  # a page is never shown larger than 125 % of its printed size


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    rgb: bytes


@dataclass(frozen=True)
class RenderedPreview:
    pages: tuple[RenderedPage, ...]
    page_count: int  # of the whole document; the preview shows the first few


def render_pages(path: Path, pages: int = PREVIEW_PAGES, dpi: int = PREVIEW_DPI) -> RenderedPreview:
    document = pypdfium2.PdfDocument(str(path))
    try:
        rendered = []
        for index in range(min(pages, len(document))):
            bitmap = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
            rendered.append(RenderedPage(bitmap.width, bitmap.height, bitmap.tobytes()))
        return RenderedPreview(tuple(rendered), len(document))
    finally:
        document.close()


class PreviewPane(QScrollArea):
    """Pages one under the other on the card background, each scaled to show whole in the pane (never above
    125 % of its printed size), with a line saying how many of the document's pages are shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._images: list[QImage] = []
        self.sheet = QWidget(self)
        self.sheet.setObjectName("previewSheet")
        self.sheet.setStyleSheet(f"#previewSheet {{ background: {hex_of(Token.CARD_BG)}; }}")
        self._layout = QVBoxLayout(self.sheet)
        self._layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._layout.setSpacing(MARGIN)
        self.placeholder = QLabel(self.sheet)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(text_style(Token.TEXT_MUTED))
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(self.placeholder)
        self.footer = QLabel(self.sheet)
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer.setStyleSheet(text_style(Token.TEXT_MUTED))
        self.footer.hide()
        self._labels: list[QLabel] = []
        self.setWidget(self.sheet)

    @property
    def page_labels(self) -> list[QLabel]:
        return list(self._labels)

    def show_message(self, text: str) -> None:
        """Clears the pages and says `text` in their place (what to do, or what went wrong)."""
        self._set_images([])
        self.placeholder.setText(text)
        self.placeholder.show()
        self.footer.hide()

    def show_pages(self, preview: RenderedPreview, footer: str) -> None:
        images = [QImage(p.rgb, p.width, p.height, p.width * 3, QImage.Format.Format_RGB888).copy()
                  for p in preview.pages]
        self._set_images(images)
        self.placeholder.hide()
        self.footer.setText(footer)
        self.footer.setVisible(bool(footer))

    def _set_images(self, images: list[QImage]) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._layout.removeWidget(self.footer)
        self._images, self._labels = images, []
        for _image in images:
            label = QLabel(self.sheet)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setFrameShape(QFrame.Shape.Box)
            label.setStyleSheet(f"border: 1px solid {hex_of(Token.CARD_BORDER)};")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)
        self._layout.addWidget(self.footer)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        ratio = self.devicePixelRatioF()
        width = max(120, self.viewport().width() - 2 * MARGIN - 4)
        height = max(160, self.viewport().height() - 2 * MARGIN - 4)
        for label, image in zip(self._labels, self._images, strict=True):
            # A whole page in view (the preview is for seeing the pages, the viewer for reading them).
            logical = min(width, round(height * image.width() / image.height()),
                          round(image.width() * MAX_ZOOM * 96 / PREVIEW_DPI))
            size = QSize(logical, round(image.height() * logical / image.width()))
            pixmap = QPixmap.fromImage(image.scaled(size * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(size)
