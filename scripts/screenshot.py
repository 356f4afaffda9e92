"""Saves a picture of the whole X screen (for the README), e.g. under xvfb-run while dzdesk runs.

    xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
        '.venv/bin/dzdesk --data-dir /tmp/demo & sleep 5;
         .venv/bin/python scripts/screenshot.py docs/main-window.png; wait'
"""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
screen = app.primaryScreen()
if not screen.grabWindow(0).save(sys.argv[1]):
    sys.exit(f"could not save {sys.argv[1]}")
