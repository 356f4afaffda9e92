"""The palettes are complete, their text passes WCAG AA on what it is drawn on, and the icons load."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from dzdesk.ui import theme
from dzdesk.ui.icons import available, icon
from dzdesk.ui.theme import DARK, LIGHT, WINDOW, Token


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_a_known_pair() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_every_token_has_a_colour(palette: dict[Token, str]) -> None:
    assert set(palette) == set(Token)
    assert all(len(value) == 7 and value.startswith("#") for value in palette.values())


TEXT_ON_WINDOW = [Token.TEXT_PROBLEM, Token.TEXT_OK, Token.TEXT_MUTED, Token.TEXT_ANSWERED, Token.ACCENT,
                  Token.SEVERITY_URGENT, Token.SEVERITY_MAJOR, Token.SEVERITY_MINOR, Token.SEVERITY_ADVISORY]
TINTS = [Token.TINT_BREACHED, Token.TINT_WARNING, Token.TINT_DONE, Token.TINT_INFO, Token.TINT_OFF, Token.TINT_FLAG]
TILES = [token for token in Token if token.name.startswith("PROBE_")]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_text_passes_wcag_aa(name: str) -> None:
    palette = LIGHT if name == "light" else DARK
    window, _ = WINDOW[name]
    failures = []
    for token in TEXT_ON_WINDOW:
        for ground in (window, palette[Token.CARD_BG]):
            if contrast(palette[token], ground) < 4.5:
                failures.append(f"{token} on {ground}: {contrast(palette[token], ground):.2f}")
    for tint in TINTS:
        if contrast(palette[Token.TEXT_ON_TINT], palette[tint]) < 4.5:
            failures.append(f"text on {tint}")
    for tile in TILES:
        for text in (Token.TEXT_ON_TILE, Token.TEXT_ON_TILE_MUTED):
            if contrast(palette[text], palette[tile]) < 4.5:
                failures.append(f"{text} on {tile}")
    if contrast(palette[Token.BANNER_ALARM_TEXT], palette[Token.BANNER_ALARM_BG]) < 4.5:
        failures.append("alarm banner")
    if contrast(palette[Token.TEXT_ON_ACCENT], palette[Token.ACCENT]) < 4.5:
        failures.append("text on accent")
    assert failures == []


def test_forced_scheme_picks_the_palette(qapp) -> None:
    try:
        theme.force_scheme("dark")
        assert theme.hex_of(Token.TEXT_PROBLEM) == DARK[Token.TEXT_PROBLEM]
        theme.force_scheme("light")
        assert theme.colour(Token.TEXT_PROBLEM).name() == LIGHT[Token.TEXT_PROBLEM]
        with pytest.raises(ValueError):
            theme.force_scheme("sepia")
    finally:
        theme.force_scheme(None)


def test_icons_render_in_the_token_colour(qapp) -> None:
    assert {"layout-dashboard", "alert-triangle", "refresh"} <= available()
    image = icon("alert-triangle", Token.TEXT_PROBLEM).pixmap(QSize(32, 32)).toImage()
    painted = [image.pixelColor(x, y) for x in range(32) for y in range(32) if image.pixelColor(x, y).alpha() == 255]
    assert painted, "the icon drew nothing"
    assert {c.name() for c in painted} == {LIGHT[Token.TEXT_PROBLEM]}
    with pytest.raises(KeyError):
        icon("no-such-icon")
