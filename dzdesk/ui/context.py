"""What the window is given at start-up, wired once in `app.py` and passed down: no global application object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import Catalogue

if TYPE_CHECKING:  # the window's first page is built before SQLAlchemy is imported (`dashboard_plain`)
    from dzdesk.store import Store


@dataclass
class AppContext:
    data_dir: DataDir
    settings: Settings
    store: Store
    catalogue: Catalogue

    def save_settings(self) -> None:
        self.settings.save(self.data_dir.settings_file)
        self.store.author = self.settings.profile.name
