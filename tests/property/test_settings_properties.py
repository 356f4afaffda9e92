"""The settings file (JSON beside the database, sometimes edited by hand or damaged): whatever it holds, loading
gives settings or a `SettingsError` in words, and leaves the file as it was; valid settings survive save → load.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from dzdesk.config import LANGUAGES, ProbeSettings, Settings, SettingsError
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.profile import EngineerProfile

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
              st.sampled_from(["09:00-12:00", "2027-02-06", "zh_CN", "https://hub.example/"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8)
_KEYS = [*Settings.__dataclass_fields__, *(f"probes.{k}" for k in ProbeSettings.__dataclass_fields__)]


def load_or_refuse(path: Path) -> Settings | None:
    """The documented outcomes only: settings whose calendar works, or a `SettingsError` naming the file."""
    before = path.read_bytes()
    try:
        settings = Settings.load(path)
    except SettingsError as exc:
        assert str(exc).startswith(f"The settings file {path} "), "the message names the file"
        settings = None
    else:
        assert isinstance(settings.calendar(), BusinessCalendar)
        settings.probes.check()
    assert path.read_bytes() == before, "loading never rewrites the user's file"
    return settings


@given(content=st.binary(max_size=300))
@example(content=b"[" * 100_000)  # deeper than the JSON parser's recursion
@example(content=b"1" * 5000)  # more digits than Python converts
@example(content=b'{"complete_years": [1e400]}')  # a year of infinity
@example(content=b'{"complete_years": [NaN]}')
@example(content=b"\xef\xbb\xbf{}")
def test_any_bytes_load_or_are_refused_in_words(tmp_path_factory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "settings.json"
    path.write_bytes(content)
    load_or_refuse(path)


@given(values=st.dictionaries(st.sampled_from(_KEYS), json_values, max_size=6))
def test_any_values_under_the_known_keys_load_or_are_refused_in_words(tmp_path_factory,
                                                                      values: dict[str, Any]) -> None:
    """Each setting meets values of every JSON type, nested or not, as a hand edit might leave them."""
    raw: dict[str, Any] = {}
    for key, value in values.items():
        if key.startswith("probes."):
            probes = raw.setdefault("probes", {})
            if isinstance(probes, dict):
                probes[key.removeprefix("probes.")] = value
        else:
            raw[key] = value
    path = tmp_path_factory.mktemp("values") / "settings.json"
    path.write_text(json.dumps(raw, allow_nan=True), encoding="utf-8")
    load_or_refuse(path)


_days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def valid_settings(draw: st.DrawFn) -> Settings:
    days = draw(st.lists(_days, max_size=6, unique=True))
    split = draw(st.integers(0, len(days)))
    return Settings(
        language=draw(st.sampled_from(LANGUAGES)),
        profile=EngineerProfile(draw(st.text(max_size=40)), draw(st.text(max_size=20)), draw(st.text(max_size=60))),
        demo=draw(st.booleans()),
        business_hours=draw(st.sampled_from(["09:00-12:00, 13:00-18:00", "08:30-17:30", "9:00-11:30, 14:00-17:00"])),
        extra_days_off=[d.isoformat() for d in days[:split]],
        extra_working_days=[d.isoformat() for d in days[split:]],
        complete_years=draw(st.lists(st.integers(2020, 2040), max_size=3, unique=True)),
        probes=ProbeSettings(draw(st.integers(0, 1440)), draw(st.integers(1, 100)), draw(st.integers(1, 100)),
                             draw(st.integers(0, 365)), draw(st.integers(1, 256)), draw(st.text(max_size=30))),
        hub_url=draw(st.text(max_size=40)), hub_ca_bundle=draw(st.text(max_size=40)),
        sync_interval_minutes=draw(st.integers(1, 1440)),
        platforms=draw(st.lists(st.sampled_from(["credit", "approval"]), unique=True)),
        backup_keep=draw(st.integers(1, 365)),
    )


@given(settings=valid_settings())
def test_saved_settings_load_back_equal(tmp_path_factory, settings: Settings) -> None:
    path = tmp_path_factory.mktemp("saved") / "settings.json"
    settings.save(path)
    loaded = Settings.load(path)
    assert asdict(loaded) == asdict(settings)
