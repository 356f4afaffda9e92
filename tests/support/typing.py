"""Typing into widgets as a person does: key presses for ASCII, an input-method commit for Chinese.

QTest can only synthesise ASCII key presses (others abort the process), and real Chinese input arrives from the
input method as a committed string, so that is what this sends.
"""

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    for chunk, is_ascii in _chunks(text):
        if is_ascii:
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str):
    current, kind = "", None
    for char in text:
        is_ascii = char.isascii()
        if kind is not None and is_ascii != kind:
            yield current, kind
            current = ""
        current, kind = current + char, is_ascii
    if current:
        yield current, kind


def activate(widget: QWidget) -> None:
    """Makes `widget`'s window the active one, as a click on it would; window shortcuts need that."""
    from PySide6.QtTest import QTest

    window = widget.window()
    window.activateWindow()
    for _ in range(200):
        if QApplication.activeWindow() is window:
            return
        QTest.qWait(10)
    raise AssertionError(f"{window} did not become the active window")
