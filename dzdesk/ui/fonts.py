"""The CJK font shipped with dzdesk, as a fallback so Chinese never shows as boxes on a bare machine."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from dzdesk.paths import cjk_font_file

log = logging.getLogger(__name__)


def install_cjk_fallback(app: QApplication) -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_file()))
    if font_id < 0:
        log.warning("could not load %s; Chinese text depends on the system's fonts", cjk_font_file())
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = app.font()
    font.setFamilies([*font.families(), family])
    app.setFont(font)
    return family
