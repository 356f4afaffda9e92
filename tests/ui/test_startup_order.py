"""The start-up imports the first page with the data and the other pages only once that page shows its data, so
their imports do not compete with its reading; the window still gets every page. In a fresh interpreter, since the
suite has imported every page already."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from dzdesk.config import DataDir, Settings
from dzdesk.domain.profile import EngineerProfile

SCRIPT = r"""
import json, sys
from pathlib import Path
import dzdesk.ui.app as app_module
from dzdesk.ui.operations import wait_for_workers
from dzdesk.config import DataDir

seen = {}
loaders = []
original_loaded, original_init = app_module.Startup.loaded, app_module.DataLoader.__init__

def pages():
    return sorted(name for name in sys.modules if name.startswith("dzdesk.ui.") and name.endswith(".page"))

def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    loaders.append(self)

def loaded(self, opened):
    seen["at_loaded"] = pages()
    seen["alembic"] = any(name.startswith("alembic") for name in sys.modules)
    self.window.ready.connect(lambda: seen.setdefault("at_ready", pages()))
    original_loaded(self, opened)

app_module.DataLoader.__init__ = init
app_module.Startup.loaded = loaded
code = app_module.run_gui(DataDir(Path(sys.argv[1])), quit_after_ready_ms=0)
wait_for_workers(-1)  # reads left running at the exit, which `dzdesk gui` ends with it
seen["imported_all"] = loaders[0].pages_imported.wait(60)
seen["at_end"] = pages()
print(json.dumps(seen))
sys.exit(code)
"""


def test_the_first_page_comes_first_and_the_others_follow(tmp_path) -> None:
    data_dir = DataDir(tmp_path / "data").ensure()
    settings = Settings(profile=EngineerProfile(name="李明", phone="13980861234", team="运维一组"))
    settings.save(data_dir.settings_file)
    from dzdesk.store import open_store

    open_store(data_dir).close()  # migrated once, as on every start after the first
    (data_dir.window_state_file).write_text("[General]\npage=2\n", encoding="utf-8")  # the fault list
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir.root)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["at_loaded"] == ["dzdesk.ui.incidents.page"]
    assert seen["alembic"] is False  # a database at the head opens without Alembic
    assert seen["imported_all"] is True
    assert len(seen["at_end"]) == 9, seen["at_end"]
