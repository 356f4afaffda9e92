"""The dashboard (工作台): what needs an answer first, how the month and the year stand against the contract,
what is down, which certificates expire, what is on today and this week, and what waits to sync. A lead reads it
in five seconds: each card says one thing, coloured only by the theme, and says what to do when it is empty.

The figures are gathered on a worker (`run_in_background`); the page only sets texts when they come back, and
every 30 s says the time left again from the data at hand without reading anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dzdesk.config import Settings
from dzdesk.domain.metrics import COMPLAINTS_COMMITMENT, COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT, Rate, percent
from dzdesk.domain.timefmt import DISPLAY_FORMAT, format_day, format_local
from dzdesk.probes.board_rules import TileLook
from dzdesk.reports.dashboard_data import DashboardData, gather_dashboard
from dzdesk.ui.context import AppContext
from dzdesk.ui.dashboard.arrangement import arrange, columns_for
from dzdesk.ui.dashboard.card import Card, CardList, card_list_palette, scaled_font
from dzdesk.ui.dashboard.faults import FaultList, IdRole, span_text
from dzdesk.ui.dashboard.sparkline import Sparkline
from dzdesk.ui.operations import run_in_background
from dzdesk.ui.probes.tiles import look_label
from dzdesk.ui.theme import Token, colour, problem_style, set_style, text_style
from dzdesk.ui.theme_watch import follow_scheme

# The tables the dashboard reads: a committed change to one of them gathers it again.
SHOWS = frozenset({"incidents", "incident_pauses", "complaints", "trainings", "visits", "visit_follow_ups",
                   "probe_targets", "probe_results", "probe_states", "maintenance_windows", "outbox"})
RETELL_MS = 30_000  # the time left on each fault is said again from the data at hand, without reading it again
TROUBLE_SHOWN = 5
DAY = timedelta(days=1)  # a target down longer than this says the day it went down, not only the hour
CERTIFICATES_SHOWN = 4
COMMITMENTS = {"timeliness": TIMELINESS_COMMITMENT, "completion": COMPLETION_COMMITMENT,
               "complaints": COMPLAINTS_COMMITMENT}

class DashboardPage(QWidget):
    """Gathers its figures on a worker (`run_in_background`) and shows them when they come back; `shown` says
    the data is on screen. `refresh` while a gathering runs asks for one more once it is back."""

    SHOWS = SHOWS
    open_incident = Signal(str)  # the window shows the fault
    open_page = Signal(str)  # the window shows the page of that attribute name (a key of `main_window.PAGES`)
    shown = Signal()  # the gathered data (or why there is none) is on screen

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None, *, settings: Settings | None = None) -> None:
        """Without `ctx` (the data is still opening: `settings` then) the page shows what it is given
        (`show_data`) and reads nothing until `attach`."""
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings
        self._now = now or (lambda: datetime.now(UTC))
        self.greeting = QLabel(self)
        self.greeting.setObjectName("dashboardGreeting")
        self.greeting.setFont(scaled_font(self.greeting, 1.5))
        self.problem = QLabel(self)
        self.problem.setStyleSheet(problem_style())
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.cards: dict[str, Card] = {}
        self._build_faults()
        self._build_contract()
        self._build_down()
        self._build_certificates()
        self._build_agenda()
        self._build_sync()
        for card in self.cards.values():
            card.opened.connect(self.open_page)
        follow_scheme(self, self.restyle)

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.columns = 0
        self._arrange(3)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.greeting)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)

        self.data: DashboardData | None = None
        self.gatherings = 0  # how many times the data was read: tests count the refreshes
        self._gathering = False
        self._again = False
        self._retell = QTimer(self, interval=RETELL_MS)
        self._retell.timeout.connect(self._retell_time_left)
        self._retell.start()
        self._greet()
        if ctx is not None:
            self.refresh()

    @property
    def settings(self) -> Settings:
        if self.ctx is not None:
            return self.ctx.settings
        if self._settings is None:
            raise TypeError("the dashboard needs an AppContext, or the settings until the data is attached")
        return self._settings

    def attach(self, ctx: AppContext) -> None:
        """The data is open: the page reads its figures from now on, starting now."""
        self.ctx = ctx
        self.refresh()

    def _greet(self) -> None:
        name = self.settings.profile.name
        self.greeting.setText(self.tr("Hello, %1").replace("%1", name) if name else self.tr("Welcome to dzdesk"))

    # --- the cards -----------------------------------------------------------------------------------------

    def _card(self, name: str, icon_name: str, title: str) -> Card:
        card = Card(icon_name, title, self)
        card.setObjectName("dashboardCard")
        self.cards[name] = card
        return card

    def _build_faults(self) -> None:
        card = self._card("faults", "clock-exclamation", self.tr("Faults nearest their deadline"))
        self.faults_summary = card.add_label(factor=1.3, bold=True)
        self.unanswered = FaultList(card)
        self.unanswered.setAccessibleName(card.title.text())
        self.unanswered.itemActivated.connect(self._item_activated)
        card.body.addWidget(self.unanswered, 1)
        card.add_link(self.tr("Open the faults"), "incidents")

    def _item_activated(self, item: QListWidgetItem) -> None:
        incident_id = item.data(IdRole)
        if incident_id:
            self.open_incident.emit(incident_id)

    def _build_contract(self) -> None:
        card = self._card("contract", "chart-line", self.tr("Commitments against the contract"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for column, text in enumerate((self.tr("This month"), self.tr("This year"), self.tr("Last 12 months")), 1):
            head = QLabel(text, card)
            card.tint(head, Token.TEXT_MUTED)
            grid.addWidget(head, 0, column)
        self.month_title, self.year_title = grid.itemAtPosition(0, 1).widget(), grid.itemAtPosition(0, 2).widget()
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        self.trends: dict[str, Sparkline] = {}
        for row, (key, text) in enumerate((
                ("timeliness", self.tr("Response timeliness (≥ 95 %)")),
                ("completion", self.tr("Completion (100 %)")),
                ("complaints", self.tr("Complaints answered within a week (100 %)"))), 1):
            name = QLabel(text, card)
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            month, year = QLabel(card), QLabel(card)
            for column, label in enumerate((month, year), 1):
                label.setFont(scaled_font(card, 1.25, bold=True))
                grid.addWidget(label, row, column)
            self.rows[key] = (month, year)
            self.trends[key] = Sparkline(card)
            self.trends[key].setAccessibleName(text)
            grid.addWidget(self.trends[key], row, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        card.body.addLayout(grid)
        self.month_total = card.add_label(Token.TEXT_MUTED)
        card.body.addStretch(1)
        card.add_link(self.tr("Open the reports"), "reports")

    def _build_down(self) -> None:
        card = self._card("outages", "activity-heartbeat", self.tr("Down right now"))
        self.down_headline = card.add_label(factor=1.3, bold=True)
        self.down_lines = card.add_label()
        self.probe_summary = card.add_label(Token.TEXT_MUTED)
        card.body.addStretch(1)
        card.add_link(self.tr("Open the probes"), "probes")

    def _build_certificates(self) -> None:
        card = self._card("certificates", "certificate", self.tr("Certificates expiring"))
        self.cert_headline = card.add_label(factor=1.3, bold=True)
        self.cert_lines = card.add_label()
        card.body.addStretch(1)
        card.add_link(self.tr("Open the probes"), "probes")

    def _build_agenda(self) -> None:
        card = self._card("agenda", "calendar-event", self.tr("Today and this week"))
        counts = QHBoxLayout()
        counts.setSpacing(24)
        self.today_line, self.week_line = QLabel(card), QLabel(card)
        for label in (self.today_line, self.week_line):
            label.setFont(scaled_font(card, 1.15, bold=True))
            counts.addWidget(label)
        counts.addStretch(1)
        card.body.addLayout(counts)
        self.coming = CardList(60, card)
        self.coming.setAccessibleName(self.tr("Training sessions and follow-ups coming up"))
        card.body.addWidget(self.coming, 1)
        card.add_link(self.tr("Open the visits"), "visits")
        card.add_link(self.tr("Open the training sessions"), "trainings")

    def _build_sync(self) -> None:
        card = self._card("sync", "cloud", self.tr("Sync"))
        self.pending_value = card.add_label(factor=2.0, bold=True)
        self.pending_caption = card.add_label(Token.TEXT_MUTED)
        self.pending_caption.setText(self.tr("changes waiting to sync"))
        self.sync_note = card.add_label()
        card.body.addStretch(1)
        card.add_link(self.tr("Open sync"), "sync_page")

    def restyle(self) -> None:
        """The scheme switched between light and dark (the system's or a forced one): the cards, lists and figures
        take the palette now in force (colours set from tokens do not follow by themselves)."""
        for card in self.cards.values():
            card.restyle()
        self.unanswered.setPalette(card_list_palette(self.unanswered))
        self.coming.setPalette(card_list_palette(self.coming))
        self.problem.setStyleSheet(problem_style())
        if self.data is not None:
            data, self.data = self.data, None  # every card again, in the new colours
            self.show_data(data, self._now())

    def _arrange(self, columns: int) -> None:
        """Places the cards for `columns` columns (a wide window three, a narrow one a single column)."""
        if columns == self.columns:
            return
        self.columns = columns
        arrange(self.grid, self.cards, columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange(columns_for(event.size().width()))

    # --- gathering ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads the figures again on a worker; the page shows them when they come back. The first gathering
        also keeps the statements' SQLite text for the next start (`dashboard_plain`)."""
        self._greet()
        if self.ctx is None:
            return
        if self._gathering:
            self._again = True
            return
        self._gathering = True
        store, now, days = self.ctx.store, self._now(), self.ctx.settings.probes.cert_warning_days
        keep = None if self.gatherings else self.ctx.data_dir.plain_statements_file

        def gather() -> tuple[DashboardData, datetime]:
            with store.session() as session:
                return gather_dashboard(session, now, days, keep), now

        run_in_background(gather, self._gathered, self._not_gathered, owner=self, heavy=True, reads_only=True)

    def _gathered(self, result: tuple[DashboardData, datetime]) -> None:
        self._gathering = False
        self.gatherings += 1
        data, now = result
        self.show_data(data, now)
        if self._again:
            self._again = False
            self.refresh()

    def _not_gathered(self, exc: Exception) -> None:
        self._gathering = False
        self.problem.setText(self.tr("The figures could not be read: %1").replace("%1", str(exc)))
        self.problem.show()
        self.shown.emit()  # what there is to show is on screen: the window is ready all the same
        if self._again:  # asked for while this one ran: the data may have changed since
            self._again = False
            self.refresh()

    def _retell_time_left(self) -> None:
        if self.data is not None:
            now = self._now()
            self._show_faults(self.data, now, rebuild=False)  # texts only: the selection and scroll stay
            self._show_down(self.data, now)

    def show_data(self, data: DashboardData, now: datetime) -> None:
        """Shows `data`, rebuilding only the cards whose part of it changed since the last gathering: during a sync
        the page is gathered once a second, mostly for what the probes say, and rebuilding every card each time
        kept the GUI thread busy for longer than a frame."""
        before, self.data = self.data, data
        self.problem.hide()
        if before is None or _faults_of(before) != _faults_of(data):
            self._show_faults(data, now)
        else:
            self._show_faults(data, now, rebuild=False)
        if before is None or (before.month, before.year, before.trend) != (data.month, data.year, data.trend):
            self._show_figures(data)
        self._show_down(data, now)
        if before is None or before.certificates != data.certificates:
            self._show_certificates(data)
        if before is None or _agenda_of(before) != _agenda_of(data):
            self._show_agenda(data)
        self._show_sync(data)
        self.shown.emit()

    # --- what each card says --------------------------------------------------------------------------------

    def _show_faults(self, data: DashboardData, now: datetime, rebuild: bool = True) -> None:
        hidden = data.unanswered_total - len(data.unanswered)
        if rebuild:
            more = self.tr("… and %1 more in the fault list").replace("%1", str(hidden)) if hidden > 0 else ""
            self.unanswered.show_faults(data.unanswered, now, self.tr("Every fault has been answered."), more)
        else:
            self.unanswered.tell(now)
        # Counted when gathered; a shown fault that has run out of time since then counts too.
        overdue = max(data.unanswered_overdue, sum(1 for fault in data.unanswered if fault.response_due < now))
        if not data.unanswered_total:
            self.faults_summary.setText(self.tr("Nothing waits for an answer"))
            set_style(self.faults_summary, text_style(Token.TEXT_OK))
            return
        text = self.tr("%1 waiting for an answer").replace("%1", str(data.unanswered_total))
        if overdue:
            text += self.tr(", %1 overdue").replace("%1", str(overdue))
        self.faults_summary.setText(text)
        set_style(self.faults_summary, text_style(Token.TEXT_PROBLEM) if overdue else "")

    def _show_figures(self, data: DashboardData) -> None:
        for column, figures in enumerate((data.month, data.year)):
            self._rate(self.rows["timeliness"][column], figures.incidents.timeliness, TIMELINESS_COMMITMENT)
            self._rate(self.rows["completion"][column], figures.incidents.completion, COMPLETION_COMMITMENT)
            self._rate(self.rows["complaints"][column], figures.complaints.on_time, COMPLAINTS_COMMITMENT)
        series = {"timeliness": [f.incidents.timeliness.value for f in data.trend],
                  "completion": [f.incidents.completion.value for f in data.trend],
                  "complaints": [f.complaints.on_time.value for f in data.trend]}
        for key, values in series.items():
            self.trends[key].set_values(values, COMMITMENTS[key])
            self.trends[key].setToolTip("\n".join(
                f"{format_local(f.start, '%Y-%m')}  {'—' if v is None else f'{v * 100:.1f} %'}"
                for f, v in zip(data.trend, values, strict=True)))
        month, year = data.month.incidents, data.year.incidents
        if month.total == 0:
            self.month_total.setText(self.tr("No faults recorded this month. When one is reported, record it "
                                             "with Ctrl+Shift+N."))
        else:
            self.month_total.setText(
                self.tr("Faults this month: %1 (%2 resolved); this year: %3 (%4 resolved)")
                .replace("%1", str(month.total)).replace("%2", str(month.resolved))
                .replace("%3", str(year.total)).replace("%4", str(year.resolved)))

    def _rate(self, label: QLabel, rate: Rate, commitment: float) -> None:
        met = rate.meets(commitment)
        label.setText(percent(rate) if rate.denominator else "—")
        set_style(label, text_style(Token.TEXT_MUTED if met is None else
                                    Token.TEXT_OK if met else Token.TEXT_PROBLEM))
        verdict = ("" if met is None else self.tr("met") if met else self.tr("not met"))
        label.setToolTip(self.tr("%1 of %2, commitment %3: %4").replace("%1", str(rate.numerator))
                         .replace("%2", str(rate.denominator)).replace("%3", f"{commitment * 100:.0f} %")
                         .replace("%4", verdict) if rate.denominator else self.tr("Nothing to count yet"))

    def _show_down(self, data: DashboardData, now: datetime) -> None:
        counts = data.probe_counts
        self.probe_summary.setText("  ·  ".join(f"{look_label(look)} {counts[look]}" for look in TileLook
                                                if counts.get(look)))
        self.down_lines.setText("")
        if not data.target_count:
            self._headline(self.down_headline, self.tr("No probe targets yet"), Token.TEXT_MUTED, "outages")
            self.down_lines.setText(self.tr("Fill in the platforms' addresses on the Probes page."))
            return
        if not _probed(data) and not counts.get(TileLook.UNKNOWN):
            self._headline(self.down_headline, self.tr("No address filled in yet"), Token.TEXT_MUTED, "outages")
            self.down_lines.setText(self.tr("Fill in the targets' addresses on the Probes page."))
            return
        if data.last_probed is not None:
            self.probe_summary.setText(self.probe_summary.text() + "\n" + self.tr("Last checked %1 ago").replace(
                "%1", span_text(max(now - data.last_probed, timedelta(0)))))
        if not data.trouble and not _probed(data):
            self._headline(self.down_headline, self.tr("Not checked yet"), Token.TEXT_MUTED, "outages")
            self.down_lines.setText(self.tr("The probes check the targets in the background; to check them now, "
                                            "use “Run now” on the Probes page."))
            return
        if not data.trouble:
            self._headline(self.down_headline, self.tr("All normal"), Token.TEXT_OK, "outages")
            return
        down = sum(1 for t in data.trouble if t.look is TileLook.DOWN)
        failing = len(data.trouble) - down
        parts = ([self.tr("%1 down").replace("%1", str(down))] if down else []) + (
            [self.tr("%1 failing").replace("%1", str(failing))] if failing else [])
        self._headline(self.down_headline, self.tr(", ").join(parts), Token.TEXT_PROBLEM, "outages")
        lines = []
        for trouble in data.trouble[:TROUBLE_SHOWN]:
            if trouble.look is not TileLook.DOWN:
                lines.append(self.tr("%1 — failing, not confirmed down yet").replace("%1", trouble.name))
            elif trouble.since is None:
                lines.append(self.tr("%1 — down").replace("%1", trouble.name))
            else:
                since = format_local(trouble.since, "%H:%M" if now - trouble.since < DAY else DISPLAY_FORMAT)
                lines.append(self.tr("%1 — down for %2 (since %3)").replace("%1", trouble.name).replace(
                    "%2", span_text(now - trouble.since)).replace("%3", since))
        if len(data.trouble) > TROUBLE_SHOWN:
            lines.append(self.tr("… and %1 more").replace("%1", str(len(data.trouble) - TROUBLE_SHOWN)))
        self.down_lines.setText("\n".join(lines))

    def _headline(self, label: QLabel, text: str, token: Token, card: str) -> None:
        label.setText(text)
        set_style(label, text_style(token))
        icons = {Token.TEXT_OK: "circle-check", Token.TEXT_PROBLEM: "alert-triangle"}
        default = {"outages": "activity-heartbeat", "certificates": "certificate"}[card]
        self.cards[card].set_icon(icons.get(token, default), token if token in icons else Token.ICON)

    def _show_certificates(self, data: DashboardData) -> None:
        days = self.settings.probes.cert_warning_days
        certificates = data.certificates
        if not _probed(data):  # nothing checked: "none expiring" would be a promise nobody made
            self._headline(self.cert_headline, self.tr("No certificate read yet"), Token.TEXT_MUTED, "certificates")
            self.cert_lines.setText(self.tr("Certificates are read when the probes check a target."))
            return
        if not certificates:
            self._headline(self.cert_headline, self.tr("None expiring within %1 days").replace("%1", str(days)),
                           Token.TEXT_OK, "certificates")
            self.cert_lines.setText("")
            return
        expired = sum(1 for c in certificates if c.days_left < 0)
        text = (self.tr("%1 expired").replace("%1", str(expired)) if expired else
                self.tr("%1 expiring within %2 days").replace("%1", str(len(certificates))).replace("%2", str(days)))
        self._headline(self.cert_headline, text, Token.TEXT_PROBLEM, "certificates")
        lines = []
        for cert in certificates[:CERTIFICATES_SHOWN]:
            when = (self.tr("expired %1 days ago").replace("%1", str(-cert.days_left)) if cert.days_left < 0 else
                    self.tr("expires in %1 days").replace("%1", str(cert.days_left)))
            names = cert.names[0] if len(cert.names) == 1 else self.tr("%1 and others, %2 targets").replace(
                "%1", cert.names[0]).replace("%2", str(len(cert.names)))
            lines.append(f"{when}（{format_day(cert.not_after)}）：{names}")
        if len(certificates) > CERTIFICATES_SHOWN:
            lines.append(self.tr("… and %1 more").replace("%1", str(len(certificates) - CERTIFICATES_SHOWN)))
        self.cert_lines.setText("\n".join(lines))
        self.cert_lines.setToolTip("\n".join("、".join(c.names) for c in certificates))

    def _show_agenda(self, data: DashboardData) -> None:
        agenda = data.agenda
        self.today_line.setText(self.tr("Today: %1 visits · %2 trainings").replace(
            "%1", str(agenda.visits_today)).replace("%2", str(agenda.trainings_today)))
        self.week_line.setText(self.tr("This week: %1 visits · %2 trainings").replace(
            "%1", str(agenda.visits_week)).replace("%2", str(agenda.trainings_week)))
        self.coming.clear()
        for training in data.trainings:
            self.coming.addItem(self.tr("Training %1: %2").replace("%1", format_local(training.when)).replace(
                "%2", training.text))
        for follow_up in data.follow_ups:
            item = QListWidgetItem(self.tr("Follow-up due %1: %2").replace("%1", str(follow_up.when)).replace(
                "%2", follow_up.text))
            if follow_up.overdue:
                item.setForeground(colour(Token.TEXT_PROBLEM))
            self.coming.addItem(item)
        if not data.trainings and not data.follow_ups:
            self.coming.addItem(self.tr("No training sessions or follow-ups in the next two weeks. "
                                        "Plan one on the Training page."))

    def _show_sync(self, data: DashboardData) -> None:
        self.pending_value.setText(str(data.pending_changes))
        connected = bool(self.settings.hub_url)
        self.cards["sync"].set_icon("cloud" if connected else "cloud-off")
        if self.settings.demo:  # sample records never reach a team's hub: nothing to do about the count
            self.sync_note.setText(self.tr("Demo data: it is never synced, so the count never goes down."))
            set_style(self.sync_note, text_style(Token.TEXT_MUTED))
        elif not connected:
            self.sync_note.setText(self.tr("Not connected to a team server yet — sign in on the Sync page."))
            set_style(self.sync_note, text_style(Token.TEXT_PROBLEM))
        elif data.pending_changes:
            self.sync_note.setText(self.tr("They are sent at the next sync."))
            set_style(self.sync_note, "")
        else:
            self.sync_note.setText(self.tr("Everything is synced."))
            set_style(self.sync_note, text_style(Token.TEXT_OK))


def _faults_of(data: DashboardData) -> tuple[object, ...]:
    return data.unanswered, data.unanswered_total, data.unanswered_overdue


def _agenda_of(data: DashboardData) -> tuple[object, ...]:
    return data.agenda, data.trainings, data.follow_ups


def _probed(data: DashboardData) -> bool:
    """Whether any target has an address, is switched on and has been checked."""
    return any(n for look, n in data.probe_counts.items()
               if look not in (TileLook.UNCONFIGURED, TileLook.DISABLED, TileLook.UNKNOWN))
