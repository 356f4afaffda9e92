"""Each enum people read has its Chinese and English label once, beside the enum in the domain; the window, the PDFs
and the spreadsheets read them from there and hold no copy of their own."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import dzdesk
import dzdesk.domain
from dzdesk.domain.labels import Labelled, labelled_enums, set_labels

REPO = Path(dzdesk.__file__).resolve().parents[1]
for _module in pkgutil.iter_modules(dzdesk.domain.__path__, "dzdesk.domain."):
    importlib.import_module(_module.name)
ENUMS = labelled_enums()
TRANSLATION = re.compile(r"<source>(.*?)</source>\s*<translation[^>]*>(.*?)</translation>", re.S)


# The same word meaning something else: (module, word) -> what it is there.
HOMONYMS = {
    ("dzdesk/imports/roster.py", "电话"): "a roster column: the phone number, not a channel",
    ("dzdesk/reports/training_sheets.py", "电话"): "a sheet column: the attendee's phone number",
    ("dzdesk/reports/operations_report.py", "已解决"): "an appendix column: whether the fault was solved (是/否)",
    ("dzdesk/reports/operations_xlsx.py", "已解决"): "a sheet column: whether the fault was solved (是/否)",
    ("dzdesk/reports/health_report.py", "中断"): "a table column: how many outages a target had",
    ("dzdesk/reports/health_report.py", "正常"): "a certificate that is neither expired nor expiring",
    ("dzdesk/reports/probe_history.py", "正常"): "one probe result that succeeded (against 失败)",
}


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_every_member_of_every_labelled_enum_has_both_labels() -> None:
    assert set(ENUMS) == _subclasses(Labelled), "every Labelled enum declares its labels with set_labels"
    assert len(ENUMS) >= 10
    for enum in ENUMS:
        for member in enum:
            assert member.label_zh.strip() and member.label_en.strip(), f"{enum.__name__}.{member.name}"
            assert re.search(r"[\u4e00-\u9fff]", member.label_zh) or member.label_zh == member.label_en.replace(
                "webhook", "Webhook"), f"{enum.__name__}.{member.name}: its Chinese label is Chinese"
        for labels in ("label_zh", "label_en"):
            words = [getattr(member, labels) for member in enum]
            assert len(set(words)) == len(words), f"{enum.__name__}: two members share a {labels}"


def test_a_member_left_without_labels_is_refused_at_import() -> None:
    class Half(Labelled):
        ONE = "one"
        TWO = "two"

    words = "Half: every member needs a Chinese and an English label (missing TWO)"
    with pytest.raises(ValueError, match=re.escape(words)):
        set_labels(Half, {Half.ONE: ("一", "one")})


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_no_module_holds_a_copy_of_an_enum_label() -> None:
    """No string literal outside the enum's own module is one of its labels, and the window's translations hold
    none: the window shows the domain's labels (`dzdesk.ui.labels.enum_label`)."""
    home = {enum: Path(importlib.import_module(enum.__module__).__file__).resolve() for enum in ENUMS}
    sources = sorted((REPO / "dzdesk").rglob("*.py"))
    literals = {path: _literals(path) for path in sources}
    own = {path: {label for enum in ENUMS if home[enum] == path for member in enum
                  for label in (member.label_zh, member.label_en)} for path in sources}
    copies = []
    for enum in ENUMS:
        labels = {label for member in enum for label in (member.label_zh, member.label_en)}
        chinese = {member.label_zh for member in enum}
        for path, literal in literals.items():
            found = literal - own[path]  # the same word as another enum's label, in that enum's own module
            # English labels are plain words ("Other", "up") other sentences may use; Chinese ones are not.
            watched = labels if path.is_relative_to(REPO / "dzdesk" / "ui") else chinese
            where = path.relative_to(REPO).as_posix()
            copies += [f"{where}: {enum.__name__} {word!r}" for word in sorted(found & watched)
                       if (where, word) not in HOMONYMS]
    assert copies == [], copies


def test_the_window_s_translations_hold_no_enum_label() -> None:
    pairs = [pair for ts in (REPO / "resources" / "translations").glob("*.ts")
             for pair in TRANSLATION.findall(ts.read_text(encoding="utf-8"))]
    twice = [f"{enum.__name__}.{member.name}" for enum in ENUMS for member in enum
             if (member.label_en, member.label_zh) in pairs]
    assert twice == []
