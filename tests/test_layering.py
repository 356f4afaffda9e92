"""The layering rule of DESIGN.md §3, checked rather than remembered."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.support.cli import REPO, child_env

PACKAGE = REPO / "dzdesk"
# The only modules outside dzdesk/ui allowed to reach into the GUI (lazily, when the GUI is asked for).
GUI_ENTRY_POINTS = {"dzdesk/commands/gui.py"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_nothing_outside_ui_imports_qt():
    offenders = []
    for path in python_files(PACKAGE):
        if rel(path).startswith("dzdesk/ui/"):
            continue
        modules = imported_modules(path)
        if any(m == "PySide6" or m.startswith("PySide6.") for m in modules):
            offenders.append(rel(path))
        if rel(path) not in GUI_ENTRY_POINTS and any(m.startswith("dzdesk.ui") for m in modules):
            offenders.append(rel(path))
    assert offenders == []


def test_domain_imports_no_framework():
    forbidden = ("PySide6", "sqlalchemy", "alembic", "httpx", "dzdesk.store", "dzdesk.ui")
    offenders = {
        rel(path): sorted(m for m in imported_modules(path) if m.startswith(forbidden))
        for path in python_files(PACKAGE / "domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_headless_modules_import_without_qt():
    """Importing every module below ui/ in a fresh interpreter must not load PySide6."""
    modules = [
        rel(p)[:-3].replace("/", ".").removesuffix(".__init__")
        for p in python_files(PACKAGE)
        if not rel(p).startswith("dzdesk/ui/") and p.name != "__main__.py"
    ]
    assert "dzdesk.cli" in modules and "dzdesk.store.database" in modules
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "loaded = [m for m in sys.modules if m.startswith('PySide6')]\nprint(loaded)\nsys.exit(bool(loaded))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(),
                            cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contracts_hold():
    """The layers of DESIGN.md §3 and the forbidden imports, as pyproject.toml's [tool.importlinter] states them,
    checked by import-linter on every module, indirect imports included."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO, env=child_env(),
                            check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 4 kept, 0 broken." in result.stdout
