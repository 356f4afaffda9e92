"""Windows that fit the screen they open on.

A laptop at 1366×768 with a 40-px taskbar leaves 1366×728 to the windows; a 1920×1080 screen at 150 % scaling leaves
about 1280×693 logical pixels. A window sized in fixed pixels (the main window used to open at 1200×780) then
hangs below the taskbar and hides its status bar. Every first size is taken from the screen's available area
(`available_area`, the one function the layout tests replace to stand for another screen), and a remembered
geometry is brought back inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SHARE = 0.85  # of the available area, for a window's first size on a roomy screen
ROOMY_WIDTH = 1600  # logical pixels: below it (a 1366×768 laptop, 1920×1080 at 150 %) the window takes it all
SMALLEST = QSize(640, 480)  # the main window's minimum: well inside 1280×693
FRAME_GUESS = QMargins(4, 32, 4, 4)  # left, top (the title bar), right, bottom
FALLBACK = QRect(0, 0, 1280, 693)  # no screen at all (never on a desktop): the smallest screen we promise to fit


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen (in logical pixels) a window may take: without the taskbar and the panels."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(FALLBACK)


def first_size(area: QRect, wanted: QSize | None = None, share: float = SHARE) -> QSize:
    """`wanted` (or `share` of the area) but never more than the area, nor less than `SMALLEST` where it fits."""
    size = wanted if wanted is not None else QSize(round(area.width() * share), round(area.height() * share))
    width = max(min(size.width(), area.width()), min(SMALLEST.width(), area.width()))
    height = max(min(size.height(), area.height()), min(SMALLEST.height(), area.height()))
    return QSize(width, height)


def frame_margins(widget: QWidget) -> QMargins:
    """What the window manager's frame adds around the widget; before the window is shown the frame is not known
    yet, and a title bar and thin borders (`FRAME_GUESS`) are assumed, so that the frame fits too."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    if widget.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return QMargins(FRAME_GUESS)


def clamp_into(rect: QRect, area: QRect) -> QRect:
    """`rect` made no larger than `area` and moved inside it."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - width)
    y = min(max(rect.y(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)


def centred(size: QSize, area: QRect) -> QRect:
    return QRect(QPoint(area.x() + (area.width() - size.width()) // 2,
                        area.y() + (area.height() - size.height()) // 2), size)


def place_first_time(window: QWidget, share: float = SHARE) -> None:
    """The window's first geometry: `share` of the available area, centred; on a small screen all of it, since a
    dashboard of cards and a list of faults need every pixel a 1366×768 laptop has."""
    inner = available_area(window).marginsRemoved(frame_margins(window))
    if inner.width() < ROOMY_WIDTH:
        share = 1.0
    window.setGeometry(centred(first_size(inner, share=share), inner))


def keep_on_screen(window: QWidget) -> None:
    """A geometry remembered on another (larger) screen, or a dialog that asks for more than the screen has, is
    made to fit the available area and moved into it; a window that fits stays where it is."""
    inner = available_area(window).marginsRemoved(frame_margins(window))
    fitted = clamp_into(window.geometry(), inner)
    if fitted != window.geometry():
        window.setGeometry(fitted)


def fit_dialog(dialog: QWidget) -> None:
    """A dialog's size at most the available area: called before it is shown, by dialogs that may be tall."""
    from PySide6.QtCore import Qt  # here, not above: the window's shell shows without the Qt namespace

    inner = available_area(dialog.parentWidget() or dialog).marginsRemoved(frame_margins(dialog))
    size = dialog.size() if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized) else dialog.sizeHint()
    dialog.resize(size.boundedTo(inner.size()))
