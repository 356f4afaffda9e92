"""Every interface string has a Chinese translation, and the compiled file is in place."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.support.cli import REPO

TS_FILE = REPO / "resources" / "translations" / "dzdesk_zh_CN.ts"
LUPDATE = Path(shutil.which("pyside6-lupdate") or REPO / ".venv" / "bin" / "pyside6-lupdate")


def unfinished(ts: Path) -> list[str]:
    return [m.findtext("source") for m in ET.parse(ts).iter("message")
            if m.find("translation").get("type") in ("unfinished",)]


def test_every_string_in_the_code_is_translated(tmp_path):
    """Re-collects the strings from the sources into a copy, so a new untranslated string fails here."""
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = [str(p) for p in sorted((REPO / "dzdesk" / "ui").rglob("*.py"))]
    sources += [str(p) for p in sorted((REPO / "forms").glob("*.ui"))]
    subprocess.run([str(LUPDATE), "-no-obsolete", "-silent", *sources, "-ts", str(copy)], check=True)
    assert unfinished(copy) == []


def test_compiled_translation_is_present():
    assert TS_FILE.with_suffix(".qm").stat().st_size > 0
