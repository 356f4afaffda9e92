"""A change of colour scheme reaches what cached a colour: table models, tiles, charts and icons paint the other
palette, and the probe tiles are calm cards whose state still stands out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListView

from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.probes.board import Tile, TileLook
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.ui import theme
from dzdesk.ui.forms import load_form
from dzdesk.ui.icons import button_box_icons, icon
from dzdesk.ui.incidents.table_model import COL_LEFT, COL_TITLE, IncidentTableModel
from dzdesk.ui.probes.tiles import MARK_TOKENS, STATE_ICONS, STRIPE, TILE_TOKENS, TileDelegate, TileModel
from dzdesk.ui.theme import DARK, LIGHT, Token, problem_style, tint_style
from dzdesk.ui.theme_watch import follow_scheme, themed_style
from tests.ui.test_theme import contrast

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # a Friday, 14:00 in Dazhou


@pytest.fixture
def scheme(qapp):
    """Forces a scheme for the test and lets the system's rule again afterwards."""
    yield theme.force_scheme
    theme.force_scheme(None)


def breached_fault(ctx) -> str:
    """An urgent fault reported three hours ago and not answered: past its one-hour deadline."""
    with ctx.store.transaction() as session:
        fault = add_incident(session, IncidentDraft(platform="approval", severity=Severity.URGENT, title="大厅打不开",
                                                    reported_at=NOW - timedelta(hours=3)),
                             ctx.catalogue, ctx.settings.calendar(), NOW)
        return fault.id


def test_forcing_dark_changes_the_colours_the_incident_model_gives_a_breached_fault(qtbot, ctx, scheme):
    breached_fault(ctx)
    scheme("light")
    model = IncidentTableModel(ctx.store, ctx.catalogue, lambda: NOW)
    with qtbot.waitSignal(model.first_page_shown):  # read on a worker
        model.reload()
    left = model.index(0, COL_LEFT)
    background = Qt.ItemDataRole.BackgroundRole
    foreground = Qt.ItemDataRole.ForegroundRole
    assert model.data(left, background).color().name() == LIGHT[Token.TINT_BREACHED]
    assert model.data(left, foreground).color().name() == LIGHT[Token.TEXT_ON_TINT]
    assert model.data(model.index(0, COL_TITLE), background) is None  # only the deadline cells are tinted

    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:  # the views are told to repaint
        scheme("dark")
    top_left, bottom_right, roles = changed.args
    assert (top_left.row(), top_left.column()) == (0, 0)
    assert (bottom_right.row(), bottom_right.column()) == (model.rowCount() - 1, model.columnCount() - 1)
    assert Qt.ItemDataRole.BackgroundRole in roles
    assert model.data(left, background).color().name() == DARK[Token.TINT_BREACHED]
    assert model.data(left, foreground).color().name() == DARK[Token.TEXT_ON_TINT]


def test_a_follower_is_called_on_every_change_while_its_widget_lives(qtbot, scheme):
    label = QLabel()
    seen: list[str] = []
    follow_scheme(label, lambda: seen.append(theme.scheme()))
    scheme("dark")
    scheme("light")
    assert seen == ["dark", "light"]
    shiboken6.delete(label)
    scheme("dark")
    assert seen == ["dark", "light"]  # gone with its widget


def test_the_systems_scheme_change_reaches_the_followers(qtbot, scheme):
    label = QLabel()
    seen: list[str] = []
    follow_scheme(label, lambda: seen.append("changed"))
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert seen == ["changed"]
    shiboken6.delete(label)


def test_icons_set_once_paint_in_the_scheme_in_force(qapp, scheme):
    scheme("light")
    shown = icon("check")  # as a button keeps it

    def colours() -> set[str]:
        image = shown.pixmap(QSize(32, 32)).toImage()
        return {image.pixelColor(x, y).name() for x in range(32) for y in range(32)
                if image.pixelColor(x, y).alpha() == 255}

    assert colours() == {LIGHT[Token.ICON]}
    scheme("dark")
    assert colours() == {DARK[Token.ICON]}


# -- the probe tiles -------------------------------------------------------------------------------------------

def tile(look: TileLook, name: str) -> Tile:
    return Tile(target_id=name, target=ProbeTarget(name=name, platform="approval", url="https://example.invalid/"),
                state=TargetState.UP, look=look, since=None, last_at=None, last_latency_ms=None, failure=None,
                detail="", cert_not_after=None, cert_issuer="", cert_days_left=None, cert_warning=False,
                verify_off=False)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_state_mark_stands_out_on_every_tile(name):
    """The stripe and icon are graphics: WCAG asks 3:1 against what they are drawn on."""
    palette = LIGHT if name == "light" else DARK
    weak = [look for look in TileLook if contrast(palette[MARK_TOKENS[look]], palette[TILE_TOKENS[look]]) < 3]
    assert weak == []
    assert set(MARK_TOKENS) == set(TileLook) == set(STATE_ICONS)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_tile_is_a_soft_card_with_a_coloured_stripe(qtbot, scheme, name):
    scheme(name)
    palette = LIGHT if name == "light" else DARK
    model = TileModel()
    model.set_tiles([tile(TileLook.UP, "网上大厅"), tile(TileLook.DOWN, "综合受理")])
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(TileDelegate(view))
    view.setViewMode(QListView.ViewMode.IconMode)
    view.resize(600, 200)
    image = view.viewport().grab().toImage()
    for row, look in ((0, TileLook.UP), (1, TileLook.DOWN)):
        rect = view.visualRect(model.index(row, 0)).adjusted(4, 4, -4, -4)
        middle_y = rect.center().y()
        stripe = image.pixelColor(rect.left() + STRIPE // 2, middle_y).name()
        # Under the last line, where no text is drawn: the card's own ground.
        ground = image.pixelColor(rect.center().x(), rect.bottom() - 3).name()
        assert stripe == palette[MARK_TOKENS[look]]
        assert ground == palette[TILE_TOKENS[look]]


def test_a_dialogs_standard_buttons_wear_the_themes_icons(qapp, scheme):
    scheme("light")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    button_box_icons(buttons)
    for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel):
        image = buttons.button(which).icon().pixmap(QSize(24, 24)).toImage()
        painted = {image.pixelColor(x, y).name() for x in range(24) for y in range(24)
                   if image.pixelColor(x, y).alpha() == 255}
        assert painted == {LIGHT[Token.ICON]}  # the outline icon, not the style's coloured picture


def test_a_themed_style_sheet_is_made_again_in_the_new_colours(qapp, scheme):
    scheme("light")
    label = QLabel()
    themed_style(label, problem_style)
    assert LIGHT[Token.TEXT_PROBLEM] in label.styleSheet()
    scheme("dark")
    assert DARK[Token.TEXT_PROBLEM] in label.styleSheet()
    themed_style(label, problem_style, False)  # the message is fine now: no colour, in either scheme
    scheme("light")
    assert label.styleSheet() == ""
    themed_style(label, tint_style, Token.TINT_WARNING)
    assert len(label.findChildren(QObject, "themedStyle")) == 1  # one keeper however often it is restyled
    assert LIGHT[Token.TINT_WARNING] in label.styleSheet() and LIGHT[Token.TEXT_ON_TINT] in label.styleSheet()
    shiboken6.delete(label)


def test_a_forms_problem_line_follows_the_scheme(qapp, scheme):
    scheme("dark")
    form = load_form("incident_form")
    (line,) = form.findChildren(QLabel, "problemsLabel")
    assert DARK[Token.TEXT_PROBLEM] in line.styleSheet()
    scheme("light")
    assert LIGHT[Token.TEXT_PROBLEM] in line.styleSheet()
    shiboken6.delete(form)
