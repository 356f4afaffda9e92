"""The window's text is set in the font the PDFs use, whatever the machine has."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from dzdesk.ui.fonts import install_interface_font


def test_the_shipped_face_comes_first(qapp) -> None:
    previous = qapp.font()
    try:
        family = install_interface_font(qapp)
        assert family is not None and "WenQuanYi" in family
        assert qapp.font().families()[0] == family
        label = QLabel("达州市工程建设项目审批 ABC 123")
        assert QFontInfo(label.font()).family() == family  # the face actually resolved, not just asked for
    finally:
        qapp.setFont(previous)
