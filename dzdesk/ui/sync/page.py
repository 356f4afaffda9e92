"""The sync page (同步): where the hub is, who this laptop syncs as, when it last synced and what that moved, and the
conflicts to settle.

Three states, one at a time: no hub yet (what to do: sign in), the hub's state when nothing waits on a person, and
the open conflicts side by side when there are any — for each field two people changed, this laptop's value and
the other one in two columns with who wrote them and when. Keeping mine or taking theirs is an ordinary, synced
edit, so the whole team sees how it was settled. Everything shown is read on a worker (`overview.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import format_local
from dzdesk.operations.conflicts import ConflictGoneError, OpenConflict, settle_conflict
from dzdesk.store.account import HubAccount
from dzdesk.sync.engine import SyncSummary
from dzdesk.ui.context import AppContext
from dzdesk.ui.icons import icon
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.sync.controller import SyncController
from dzdesk.ui.sync.overview import SyncOverview, gather_overview
from dzdesk.ui.sync.sign_in import SignInDialog
from dzdesk.ui.sync.widgets import Card, ConflictField, record_key
from dzdesk.ui.theme import Token, problem_style, text_style, tint_style

NO_HUB, STATUS, CONFLICTS = range(3)


class SyncPage(QWidget):
    SHOWS = frozenset({"outbox", "sync_conflicts"})
    records_changed = Signal()
    shown = Signal()  # what was read on the worker is on screen

    def __init__(self, ctx: AppContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.dialog: SignInDialog | None = None
        self.overview: SyncOverview | None = None
        self.summary: SyncSummary | None = controller.last_summary
        self._reading = False
        self._again = False
        self._settling = False
        self._problem = ""  # the last settlement that failed, said until the next one succeeds

        self.sync_button = QPushButton(icon("refresh"), self.tr("&Sync now"), self)
        self.sync_button.clicked.connect(self.controller.sync_now)
        self.sign_in_button = QPushButton(icon("login"), self.tr("Sign &in…"), self)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.state = QLabel(self)
        self.state.setObjectName("syncState")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.sync_button)
        top.addWidget(self.sign_in_button)
        top.addWidget(self.progress)
        top.addWidget(self.state, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._no_hub_view())
        self.stack.addWidget(self._status_view())
        self.stack.addWidget(self._conflicts_view())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.finished.connect(self._finished)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    # -- the three views -----------------------------------------------------------------------------------------
    def _no_hub_view(self) -> QWidget:
        view = QWidget(self)
        layout = QVBoxLayout(view)
        layout.addStretch(1)
        picture = QLabel(view)
        picture.setPixmap(icon("cloud-off", Token.TEXT_MUTED).pixmap(QSize(64, 64)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        title = QLabel(self.tr("No hub yet: this laptop works on its own"), view)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.no_hub_text = QLabel(view)
        self.no_hub_text.setWordWrap(True)
        self.no_hub_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_hub_text.setFixedWidth(560)  # a wrapped label needs a width to know its height
        self.no_hub_text.setStyleSheet(text_style(Token.TEXT_MUTED))
        layout.addWidget(self.no_hub_text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.empty_sign_in = QPushButton(icon("login"), self.tr("Sign in to the team's hub…"), view)
        self.empty_sign_in.clicked.connect(self.sign_in)
        layout.addWidget(self.empty_sign_in, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return view

    def _status_view(self) -> QWidget:
        view = QWidget(self)
        grid = QGridLayout(view)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setSpacing(12)
        self.hub_card = Card("server", self.tr("Hub"), view)
        self.account_card = Card("user", self.tr("Account"), view)
        self.last_card = Card("history", self.tr("Last sync"), view)
        self.moved_card = Card("arrows-exchange", self.tr("What the last sync moved"), view)
        grid.addWidget(self.hub_card, 0, 0)
        grid.addWidget(self.account_card, 0, 1)
        grid.addWidget(self.last_card, 1, 0)
        grid.addWidget(self.moved_card, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        return view

    def _conflicts_view(self) -> QWidget:
        view = QWidget(self)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 8, 0, 0)
        self.conflict_banner = QLabel(view)
        self.conflict_banner.setWordWrap(True)
        self.conflict_banner.setStyleSheet(tint_style(Token.TINT_WARNING))
        layout.addWidget(self.conflict_banner)
        self.conflicts = QListWidget(view)
        self.conflicts.setAccessibleName(self.tr("Records in conflict"))
        self.conflicts.setIconSize(QSize(20, 20))
        self.conflicts.currentItemChanged.connect(lambda _item, _old: self.show_conflict())
        self.fields = QWidget(view)
        self.fields_layout = QVBoxLayout(self.fields)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(view)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields)
        splitter = QSplitter(view)
        splitter.addWidget(self.conflicts)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 800])
        layout.addWidget(splitter, 1)
        self.field_views: list[ConflictField] = []
        return view

    # -- sync in progress ----------------------------------------------------------------------------------------
    def sign_in(self) -> SignInDialog:
        self.dialog = SignInDialog(self.ctx, self)
        self.dialog.signed_in.connect(lambda _name: (self.refresh(), self.controller.sync_now()))
        self.dialog.open()
        return self.dialog

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        names = {"push": self.tr("sending"), "pull": self.tr("receiving"), "blobs": self.tr("files")}
        self.progress.setFormat(f"{names.get(phase, phase)} {done}" + (f"/{total}" if total else ""))

    def _finished(self, summary: SyncSummary) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.summary = summary
        if summary.pulled or summary.rejected or summary.conflicts:
            self.records_changed.emit()
        self.refresh()

    # -- reading -------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reads the state on a worker; a refresh asked for while one reads runs once that one is back."""
        self.progress.setVisible(self.controller.running)
        self.sync_button.setEnabled(self.controller.configured and not self.controller.running)
        if self._reading:
            self._again = True
            return
        self._reading = True
        store = self.ctx.store
        run_in_background(lambda: gather_overview(store), self._show, self._not_read, owner=self)

    def reload(self) -> None:
        self.refresh()

    def _not_read(self, exc: Exception) -> None:
        self._reading = False
        self.state.setText(self.tr("The sync state cannot be read: %1").replace("%1", str(exc)))
        self.state.setStyleSheet(problem_style(True))
        self.shown.emit()

    def _show(self, overview: SyncOverview) -> None:
        self._reading = False
        self.overview = overview
        self.summary = self.controller.last_summary or self.summary
        waiting = self.tr("Changes waiting to be sent: %1").replace("%1", str(overview.waiting))
        self.state.setText(f"{waiting}\n{self._problem}" if self._problem else waiting)
        self.state.setStyleSheet(problem_style(True) if self._problem else text_style(Token.TEXT_MUTED))
        settings = self.ctx.settings
        self.sign_in_button.setVisible(bool(settings.hub_url))
        self.sync_button.setVisible(bool(settings.hub_url))
        if not settings.hub_url:
            self._show_no_hub()
        elif overview.conflicts:
            self._show_conflicts(overview)
        else:
            self._show_status(overview)
        if self._again:
            self._again = False
            self.refresh()
            return
        self.shown.emit()

    def _show_no_hub(self) -> None:
        if self.ctx.settings.demo:
            text = self.tr("This is demo data: it never syncs, so sample records cannot reach the team.")
        else:
            text = self.tr("Records stay on this laptop. To share them with the team, sign in to the team's hub "
                           "with its address and the token your lead gave you. Everything keeps working offline; "
                           "changes are sent when the hub can be reached.")
        self.no_hub_text.setText(text)
        # An aligned item gets its size hint, not its height for its width: ask for the wrapped height outright.
        self.no_hub_text.setMinimumHeight(self.no_hub_text.heightForWidth(self.no_hub_text.width()))
        self.empty_sign_in.setEnabled(not self.ctx.settings.demo)
        self.stack.setCurrentIndex(NO_HUB)

    def _show_status(self, overview: SyncOverview) -> None:
        settings, controller = self.ctx.settings, self.controller
        if controller.last_error and not controller.online:
            state, problem = self.tr("cannot be reached now: changes wait here and are sent later"), True
        elif controller.online:
            state, problem = self.tr("online"), False
        else:
            state, problem = self.tr("not contacted yet since the window opened"), False
        self.hub_card.say(settings.hub_url, state, problem, ok=controller.online)
        self.account_card.say(*self._account_lines(overview.account))
        last = controller.last_sync or overview.last_success
        when = format_local(last) if last else self.tr("never")
        if controller.last_error:
            self.last_card.say(when, self.tr("Last attempt failed: %1").replace("%1", controller.last_error), True)
        else:
            self.last_card.say(when, self.tr("succeeded") if last else self.tr("Sync now to fetch the team's records."),
                               ok=bool(last))
        self.moved_card.say(*self._moved_lines(self.summary))
        self._clear_fields()
        self.conflicts.clear()
        self.stack.setCurrentIndex(STATUS)

    def _account_lines(self, account: HubAccount | None) -> tuple[str, str]:
        if account is None:
            return self.ctx.settings.profile.name or "-", self.tr("The hub says who you are at the first sync.")
        role = self.tr("lead") if account.is_lead else self.tr("engineer")
        lines = [account.name, self.tr("Team: %1").replace("%1", account.team or "-"),
                 self.tr("Role: %1").replace("%1", role)]
        others = [t for t in account.teams if t != account.team]
        if others:
            lines.append(self.tr("Also reads: %1").replace("%1", "、".join(others)))
        return "\n".join(lines), ""

    def _moved_lines(self, summary: SyncSummary | None) -> tuple[str, str]:
        if summary is None:
            return self.tr("Nothing since the window opened."), ""
        lines = [self.tr("Sent: %1 change(s)").replace("%1", str(summary.pushed)),
                 self.tr("Received: %1 change(s)").replace("%1", str(summary.pulled))]
        if summary.merged:
            lines.append(self.tr("Merged with the team's edits: %1").replace("%1", str(summary.merged)))
        if summary.blobs_sent or summary.blobs_fetched:
            lines.append(self.tr("Files: %1 sent, %2 received").replace("%1", str(summary.blobs_sent))
                         .replace("%2", str(summary.blobs_fetched)))
        if summary.results_sent or summary.results_pulled:
            lines.append(self.tr("Probe results: %1 sent, %2 received").replace("%1", str(summary.results_sent))
                         .replace("%2", str(summary.results_pulled)))
        if summary.deadlines is not None:
            lines.append(self.tr("The working calendar changed: %1 deadline(s) moved")
                         .replace("%1", str(summary.deadlines.moved)))
            for change in summary.deadlines.turned[:5]:
                lines.append("  · " + (self.tr("%1 is now on time") if change.after else self.tr("%1 is now late"))
                             .replace("%1", change.title))
        note = ""
        if summary.rejected:
            note = self.tr("The hub refused %1 change(s): %2").replace("%1", str(len(summary.rejected))).replace(
                "%2", "; ".join(summary.rejected[:3]))
        return "\n".join(lines), note

    # -- conflicts -----------------------------------------------------------------------------------------------
    def _show_conflicts(self, overview: SyncOverview) -> None:
        records: dict[str, list[OpenConflict]] = {}
        for conflict in overview.conflicts:
            records.setdefault(record_key(conflict), []).append(conflict)
        self.conflict_banner.setText(self.tr(
            "%1 field(s) in %2 record(s) were changed here and by someone else. Both values are kept until you "
            "choose; your choice syncs to the team.").replace("%1", str(len(overview.conflicts)))
            .replace("%2", str(len(records))))
        selected = self.conflicts.currentItem().data(Qt.ItemDataRole.UserRole) if self.conflicts.currentItem() \
            else None
        self.conflicts.blockSignals(True)
        self.conflicts.clear()
        for key, fields in records.items():
            entity, record_id = fields[0].entity, fields[0].record_id
            name = overview.names.get(record_id) or record_id[:8]
            item = QListWidgetItem(icon("git-compare", Token.SEVERITY_MAJOR), self.tr("%1 %2 · %n field(s)", "",
                                   len(fields)).replace("%1", self._entity_label(entity)).replace("%2", name),
                                   self.conflicts)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(record_id)
            if key == selected:
                self.conflicts.setCurrentItem(item)
        if self.conflicts.currentItem() is None:
            self.conflicts.setCurrentRow(0)
        self.conflicts.blockSignals(False)
        self.stack.setCurrentIndex(CONFLICTS)
        self.show_conflict()

    def _labels(self) -> dict[str, str]:
        return {"field": self.tr("Field “%1”"), "refused": self.tr("A change the hub refused"),
                "mine": self.tr("Mine (this laptop)"), "theirs": self.tr("Theirs"), "hub": self.tr("On the hub"),
                "change": self.tr("Refused change"), "keep": self.tr("&Keep mine"), "take": self.tr("&Take theirs"),
                "dismiss": self.tr("Understood, keep the hub's"),
                # The fields two people most often change at once, in words; any other shows its own name.
                "field:title": self.tr("title"), "field:description": self.tr("description"),
                "field:assignee": self.tr("assignee"), "field:status": self.tr("status"),
                "field:severity": self.tr("severity"), "field:module": self.tr("module"),
                "field:cause": self.tr("cause"), "field:resolution": self.tr("resolution"),
                "field:name": self.tr("name"), "field:url": self.tr("address"), "field:office": self.tr("office"),
                "field:engineers": self.tr("engineers"), "field:work_done": self.tr("work done"),
                "field:contact_name": self.tr("contact"), "field:notes": self.tr("notes")}

    def show_conflict(self) -> None:
        """The fields of the selected record, each side by side."""
        self._clear_fields()
        item = self.conflicts.currentItem()
        if item is None or self.overview is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        labels = self._labels()
        for conflict in self.overview.conflicts:
            if record_key(conflict) != key:
                continue
            view = ConflictField(conflict, labels, self.fields)
            view.keep_button.clicked.connect(lambda _c=False, i=conflict.id: self.settle(i, take_other=False))
            view.take_button.clicked.connect(lambda _c=False, i=conflict.id: self.settle(i, take_other=True))
            self.fields_layout.addWidget(view)
            self.field_views.append(view)
        self.fields_layout.addStretch(1)

    def _clear_fields(self) -> None:
        for view in self.field_views:
            self.fields_layout.removeWidget(view)
            view.deleteLater()
        self.field_views = []
        while self.fields_layout.count():
            self.fields_layout.takeAt(0)

    def settle(self, conflict_id: str, take_other: bool) -> bool:
        """Settles one conflict on a worker; taking theirs edits the record like any change, and syncs."""
        if self._settling:
            return False
        self._settling = True
        for view in self.field_views:
            view.setEnabled(False)
        store = self.ctx.store
        run_in_background(lambda: settle_conflict(store, conflict_id, take_other), self._settled,
                          self._not_settled, owner=self)
        return True

    def _settled(self, _conflict_id: str) -> None:
        self._settling = False
        self._problem = ""
        self.records_changed.emit()
        self.controller.local_change()
        self.refresh()

    def _not_settled(self, exc: Exception) -> None:
        self._settling = False
        if not isinstance(exc, ConflictGoneError):  # settled meanwhile, here or on another laptop: just refresh
            self._problem = self.tr("Not settled: %1").replace("%1", str(exc))
        self.refresh()

    def _entity_label(self, entity: str) -> str:
        return {
            "incidents": self.tr("fault"), "incident_events": self.tr("fault history"),
            "incident_pauses": self.tr("fault waiting time"), "complaints": self.tr("complaint"),
            "visits": self.tr("visit"), "visit_follow_ups": self.tr("visit follow-up"),
            "visit_attachments": self.tr("visit attachment"), "visit_amendments": self.tr("visit amendment"),
            "visit_incidents": self.tr("visit's fault"), "trainings": self.tr("training session"),
            "training_attendees": self.tr("attendee"), "training_materials": self.tr("training material"),
            "probe_targets": self.tr("probe target"), "maintenance_windows": self.tr("maintenance window"),
        }.get(entity, entity)
