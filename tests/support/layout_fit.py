"""Whether a window's layout fits a screen: the checks of `tests/ui/test_layout_fit.py`, and the list of the
dialogs the main window opens, which the screenshots script steps through too.

The screens are the two the team's laptops have: 1366×768 with a 40-px taskbar (1366×728 available) and
1920×1080 at 150 % scaling (1280×720 logical, about 1280×693 available). Sizes are logical pixels throughout:
that is what Qt lays out in at any scaling.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QSlider,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from dzdesk.ui.screen_fit import FRAME_GUESS

SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1920x1080@150": QRect(0, 0, 1280, 693)}
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
               QSlider)


def describe(widget: QWidget) -> str:
    text = ""
    for attribute in ("text", "title", "windowTitle", "placeholderText"):
        value = getattr(widget, attribute, None)
        if callable(value):
            try:
                text = value()
            except TypeError:
                continue
            if isinstance(text, str) and text:
                break
    path = []
    parent: QWidget | None = widget
    while parent is not None and len(path) < 4:
        path.append(type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else ""))
        parent = parent.parentWidget()
    return f"{' < '.join(path)} {text[:40]!r}"


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside the scrolled content of a scroll area: it may lie outside the window and is scrolled into view."""
    parent = widget.parentWidget()
    child = widget
    while parent is not None and child is not top:
        owner = parent.parentWidget()
        if isinstance(owner, QAbstractScrollArea) and parent is owner.viewport() and child is not parent:
            return True
        child, parent = parent, owner
    return False


def shown_descendants(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if not w.isWindow() and w.isVisibleTo(top)
            and w.window() is top]


def _clipped_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return False
        return widget.sizeHint().width() > widget.width()
    if isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
        return bool(widget.text()) and widget.sizeHint().width() > widget.width()
    return False


def _columns_scroll(widget: QWidget) -> bool:
    """A list whose columns are wider than its viewport: the last ones are seen only by scrolling sideways."""
    if isinstance(widget, QTableView):
        header: QHeaderView = widget.horizontalHeader()
    elif isinstance(widget, QTreeView):
        header = widget.header()
    else:
        return False
    if (header.isHidden() and isinstance(widget, QTreeView)) or header.count() == 0:
        return False
    return header.length() > widget.viewport().width() + 1


SQUEEZED = 120  # a stretching column (a title, a unit's name) narrower than this shows little of anything


def _squeezed_columns(widget: QWidget) -> list[str]:
    """Columns narrower than their title, and stretching columns squeezed to a sliver by the others."""
    if not isinstance(widget, QTableView) or widget.objectName().startswith("qt_"):
        return []  # Qt's own tables (a calendar's days) size themselves
    header = widget.horizontalHeader()
    model = widget.model()
    found = []
    for column in range(header.count()):
        if widget.isColumnHidden(column) or header.sectionSize(column) <= 0:
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else column
        if header.sectionSize(column) + 1 < header.sectionSizeHint(column):
            found.append(f"column {title!r} narrower than its title ({header.sectionSize(column)} < "
                         f"{header.sectionSizeHint(column)})")
        stretching = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or (
            header.stretchLastSection() and column == header.count() - 1)
        if stretching and header.sectionSize(column) < SQUEEZED and widget.viewport().width() > 2 * SQUEEZED:
            found.append(f"stretching column {title!r} squeezed to {header.sectionSize(column)}")
    return found


def fit_problems(top: QWidget, area: QRect) -> list[str]:
    """What does not fit in `top` laid out on a screen whose available area is `area`."""
    problems = []
    # With a window manager's title bar and borders around it (the offscreen platform draws almost none).
    frame = top.geometry().marginsAdded(FRAME_GUESS)
    name = describe(top)
    if frame.width() > area.width() or frame.height() > area.height():
        problems.append(f"{name}: {frame.width()}×{frame.height()} with its frame is larger than the screen's "
                        f"{area.width()}×{area.height()}")
    minimum = top.minimumSizeHint().expandedTo(top.minimumSize()).grownBy(FRAME_GUESS)
    if minimum.width() > area.width() or minimum.height() > area.height():
        problems.append(f"{name}: cannot be made smaller than {minimum.width()}×{minimum.height()}")
    bounds = top.rect()
    for widget in shown_descendants(top):
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        if not _scrolled(widget, top):
            rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
            if not bounds.contains(rect):
                problems.append(f"{describe(widget)}: at {rect.getRect()}, outside the window {bounds.getRect()}")
        if _clipped_text(widget):
            problems.append(f"{describe(widget)}: text cut off ({widget.sizeHint().width()} wide in "
                            f"{widget.width()})")
        if _columns_scroll(widget):
            problems.append(f"{describe(widget)}: its columns need a sideways scroll")
        problems += [f"{describe(widget)}: {p}" for p in _squeezed_columns(widget)]
    return problems


def _has_buddy(widget: QWidget, top: QWidget) -> bool:
    for label in top.findChildren(QLabel):
        if label.buddy() is widget:
            return True
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    forms = [layout] if isinstance(layout, QFormLayout) else []
    if layout is not None:
        forms += layout.findChildren(QFormLayout)
    for form in forms:
        label = form.labelForField(widget)
        if isinstance(label, QLabel) and label.text():
            return True
    return False


def _part_of_a_control(widget: QWidget, top: QWidget) -> bool:
    """A part Qt builds inside a control (a table's header and corner button, a combo box's list, a line edit's
    clear button, the menu bar's overflow button): the control it belongs to carries the name."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (*INTERACTIVE, QMenuBar, QTabBar)) or parent.isWindow():
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(top: QWidget, skip: QWidget | None = None) -> list[str]:
    """The controls a screen reader could only call by their kind: no accessible name, no text of their own and no
    label that names them (a buddy, or their row's label in a form)."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if not widget.isVisibleTo(top) or (skip is not None and skip.isAncestorOf(widget)):
            continue
        if _part_of_a_control(widget, top):
            continue
        if widget.accessibleName():
            continue
        if isinstance(widget, QAbstractButton) and (widget.text() or widget.toolTip()):
            continue
        if _has_buddy(widget, top):
            continue
        missing.append(describe(widget))
    return missing


def as_opened(dialog: QWidget, area: QRect) -> QSize:
    """The size `dialog` takes when it opens on a screen with `area` available, as Qt sizes a new top-level: its
    own (explicitly set) size, or its size hint at most two thirds of the screen; never below its minimum."""
    size = dialog.size()
    hint = dialog.sizeHint().boundedTo(QSize(area.width() * 2 // 3, area.height() * 2 // 3))
    return size.expandedTo(hint).expandedTo(dialog.minimumSizeHint()).expandedTo(dialog.minimumSize())


# -- the dialogs the window opens --------------------------------------------------------------------------------

Opener = Callable[[QMainWindow, Path], QWidget | None]


def csv_file(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def _select_first(page: QWidget) -> None:
    page.table.selectRow(0)


def _indicator_import(window: QMainWindow, folder: Path) -> QWidget | None:
    page = window.indicators
    header = ["区县", "全流程审批时间（天）", "办件量", "按时办结率（%）", "网上申报率", "超期件数", "满意度"]
    rows = [",".join(header)] + [f"{area},52,80,98%,0.92,1,99" for area in page.areas]
    return page.import_file(csv_file(folder / "九月指标.csv", rows))


def _roster_import(window: QMainWindow, folder: Path) -> QWidget | None:
    page = window.trainings
    _select_first(page)
    lines = ["姓名,单位,手机号"] + [f"学员{n:03d},达川区住房和城乡建设局,139{n:08d}" for n in range(30)]
    lines.append("坏行,达川区住房和城乡建设局,123")
    return page.import_roster(csv_file(folder / "学员名单.csv", lines))


def _indicator_history(window: QMainWindow, _folder: Path) -> QWidget | None:
    """The history is read on a worker and opens when it is back (at once when work runs inline, in the tests)."""
    window.indicators.show_history()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        if dialogs:
            return dialogs[0]
        QApplication.processEvents()
        time.sleep(0.01)
    return None


def _incident_export(window: QMainWindow, _folder: Path) -> QWidget | None:
    """The incident log's period, which the page asks for modally: opened here as the page builds it."""
    from datetime import UTC, datetime

    from dzdesk.domain.timefmt import local_day
    from dzdesk.ui.incidents.page import ExportDialog

    dialog = ExportDialog(local_day(datetime.now(UTC)), window.incidents)
    dialog.open()
    return dialog


def _check_in(window: QMainWindow, _folder: Path) -> QWidget | None:
    _select_first(window.trainings)
    return window.trainings.open_check_in()


def _open_first(page_name: str) -> Opener:
    def opener(window: QMainWindow, _folder: Path) -> QWidget | None:
        page = getattr(window, page_name)
        _select_first(page)
        return page.edit_selected()
    return opener


def _signature(window: QMainWindow, _folder: Path) -> QWidget | None:
    """The customer's signature, asked for a visit just recorded (the demo's visits are all signed)."""
    from datetime import UTC, datetime, timedelta

    from dzdesk.domain.visit import ServiceCategory
    from dzdesk.operations.visits import save_visit_with
    from dzdesk.store.visit_repo import VisitDraft

    now = datetime.now(UTC)
    draft = VisitDraft(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                       engineers="邓雪", arrived_at=now - timedelta(hours=2), departed_at=now - timedelta(hours=1),
                       work_done="核对账号权限，清理离职人员账号。")
    visit_id = save_visit_with(window.ctx.store, draft, now).record_id
    window.visits.reload()  # read on a worker: the new visit is in the list when the answer is back
    if not _until(lambda: window.visits.table.select_id(visit_id)):
        return None
    window.visits.signature_dialog = None
    window.visits.sign_selected()  # whether it is signed is read on a worker, then the pad opens
    return window.visits.signature_dialog if _until(lambda: window.visits.signature_dialog is not None) else None


def _until(condition: Callable[[], object], seconds: float = 10) -> bool:
    """Runs the event loop until `condition` holds (the worker's answer is back), at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        QApplication.processEvents()
        time.sleep(0.01)
    return bool(condition())


def _notice(window: QMainWindow, _folder: Path) -> QWidget | None:
    return window.edit_calendar().paste_notice()


def _target_editor(window: QMainWindow, _folder: Path) -> QWidget | None:
    return window.probes.open_targets().add()


DIALOGS: dict[str, Opener] = {
    "preferences": lambda w, _f: w.preferences(),
    "profile": lambda w, _f: w.edit_profile(),
    "calendar": lambda w, _f: w.edit_calendar(),
    "holiday-notice": _notice,
    "alerts": lambda w, _f: w.edit_alerts(),
    "probe-settings": lambda w, _f: w.edit_probe_settings(),
    "targets": lambda w, _f: w.probes.open_targets(),
    "target-editor": _target_editor,
    "maintenance": lambda w, _f: w.probes.open_maintenance(),
    "probe-export": lambda w, _f: w.probes.export_results(),
    "health-report": lambda w, _f: w.probes.health_report(open_viewer=False),
    "search": lambda w, _f: w.search(),
    "shortcuts": lambda w, _f: w.show_shortcuts(),
    "log": lambda w, _f: w.show_log(),
    "new-incident": lambda w, _f: w.incidents.new_incident(),
    "incident-export": _incident_export,
    "incident": _open_first("incidents"),
    "new-visit": lambda w, _f: w.visits.new_visit(),
    "visit": _open_first("visits"),
    "signature": _signature,
    "new-training": lambda w, _f: w.trainings.new_training(),
    "training": _open_first("trainings"),
    "check-in": _check_in,
    "roster-import": _roster_import,
    "new-complaint": lambda w, _f: w.complaints.new_complaint(),
    "complaint": _open_first("complaints"),
    "indicator-import": _indicator_import,
    "indicator-history": _indicator_history,
    "sign-in": lambda w, _f: w.sync_page.sign_in(),
    "first-run": lambda w, _f: w.first_run(),
}


def close_dialogs() -> None:
    """Every dialog still open (an editor and the one it opened), closed without saving."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def pages(window: QMainWindow) -> Iterator[tuple[str, QWidget]]:
    """Every page in turn, shown through the navigation as a person would choose it."""
    from dzdesk.ui.main_window import PAGES

    for row, name in enumerate(PAGES):
        window.navigation.setCurrentRow(row)
        yield name, window.pages.currentWidget()
