"""Loading the interface language: dzdesk's own translations and Qt's, for the dialogs Qt draws itself."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dzdesk.paths import resources_dir

log = logging.getLogger(__name__)


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Installs the translators for `language` ("zh_CN" or "en"); English is the source language."""
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return []
    installed = []
    own = QTranslator(app)
    own_file = resources_dir() / "translations" / f"dzdesk_{language}.qm"
    if own.load(str(own_file)):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("translation %s is missing; run scripts/setup.sh to compile it", own_file)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
