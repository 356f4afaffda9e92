"""The CJK font shipped with dzdesk is the interface's font, as it is the PDFs'.

Why not the system's: a district hall's Windows laptop, a bare Linux machine and the CI screen each pick a
different Chinese face (or none, and show boxes), so the window looked different everywhere and differed from the
reports it prints. The shipped face (WenQuanYi Micro Hei, Latin glyphs included) comes first; the system's faces
stay behind it for anything it lacks.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from dzdesk.paths import cjk_font_file

log = logging.getLogger(__name__)


def install_interface_font(app: QApplication) -> str | None:
    """Makes the shipped CJK face the application's first family; returns it (None when it cannot be loaded,
    and the system's faces are used as before)."""
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_file()))
    if font_id < 0:
        log.warning("could not load %s; Chinese text depends on the system's fonts", cjk_font_file())
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = app.font()
    font.setFamilies([family, *(name for name in font.families() if name != family)])
    app.setFont(font)
    return family
