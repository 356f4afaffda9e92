"""Where the application's own files (forms, resources, migrations) live.

They sit beside the package in a source checkout and inside the bundle of a frozen build, so one function
finds them in both cases instead of every caller guessing.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def app_root() -> Path:
    """The folder that holds `forms/`, `resources/` and `migrations/` (found once: the window asks for forty icons
    before it shows, and resolving the path each time cost the start 3 ms)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    return app_root() / "migrations"


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return app_root() / "forms"


def cjk_font_file() -> Path:
    """The CJK font shipped with the app, so screens and PDFs look the same on every machine."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def hub_migrations_dir() -> Path:
    return app_root() / "hub_migrations"
