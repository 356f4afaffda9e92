"""A signature pad that takes a mouse, a pen or a finger, and gives the strokes back as a transparent PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.theme import Token, colour

PEN_WIDTH = 3.0


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setMinimumSize(QSize(480, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Sign here with the mouse, a pen or a finger"))

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    # -- input: mouse, pen and touch all end in the same three calls ----------------------------------------
    def begin_stroke(self, point: QPointF) -> None:
        self.strokes.append([point])

    def extend_stroke(self, point: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].append(point)
            self.update()

    def end_stroke(self) -> None:
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend_stroke(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.extend_stroke(event.position())
            self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.begin_stroke(event.position())
        elif kind == QTabletEvent.Type.TabletMove and event.buttons():
            self.extend_stroke(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()

    def event(self, event: object) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            if event.type() == QTouchEvent.Type.TouchBegin:
                self.begin_stroke(point)
            elif event.type() == QTouchEvent.Type.TouchUpdate:
                self.extend_stroke(point)
            elif event.type() == QTouchEvent.Type.TouchEnd:
                self.end_stroke()
            event.accept()
            return True
        return super().event(event)

    # -- drawing ------------------------------------------------------------------------------------------------
    def _paint_strokes(self, painter: QPainter, offset: QPointF = QPointF(0, 0)) -> None:  # noqa: B008
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour(Token.PAPER_INK), PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0] - offset)
                continue
            path = QPainterPath(stroke[0] - offset)
            for point in stroke[1:]:
                path.lineTo(point - offset)
            painter.drawPath(path)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), colour(Token.PAPER))  # paper in either scheme: the signature looks as printed
        painter.setPen(QPen(colour(Token.PAPER_GUIDE), 1, Qt.PenStyle.DashLine))
        baseline = self.height() * 0.75
        painter.drawLine(QPointF(20, baseline), QPointF(self.width() - 20, baseline))
        self._paint_strokes(painter)
        painter.end()

    def to_png(self, margin: int = 12) -> bytes:
        """The strokes cropped to their extent on a transparent ground; empty bytes when nothing was drawn."""
        points = [p for stroke in self.strokes for p in stroke]
        if self.is_empty():
            return b""
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        box = QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                     max(ys) - min(ys) + 2 * margin)
        image = QImage(int(box.width()) + 1, int(box.height()) + 1, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint_strokes(painter, box.topLeft())
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())


class SignatureDialog(QDialog):
    """The customer signs and writes their name; both are needed before "Sign" is possible."""

    def __init__(self, signer: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer signature"))
        self.pad = SignaturePad(self)
        self.signer = QLineEdit(signer, self)
        self.signer.setMaxLength(60)
        self.signer.setPlaceholderText(self.tr("Name of the person signing"))
        self.hint = QLabel(self)
        clear = QPushButton(icon("x"), self.tr("C&lear"), self)
        clear.clicked.connect(self.pad.clear)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        button_box_icons(self.buttons)
        self.sign_button = self.buttons.addButton(self.tr("&Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setIcon(icon("signature"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Signed &by"), self.signer)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("By signing, the customer confirms the service described in this report."),
                                self))
        layout.addWidget(self.pad, 1)
        layout.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.pad.changed.connect(self._validate)
        self.signer.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        missing = []
        if self.pad.is_empty():
            missing.append(self.tr("the signature"))
        if not self.signer.text().strip():
            missing.append(self.tr("the signer's name"))
        self.hint.setText(self.tr("Still needed: %1").replace("%1", "、".join(missing)) if missing else "")
        self.sign_button.setEnabled(not missing)
