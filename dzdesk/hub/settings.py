"""Every option of a running hub, as one typed and validated `HubSettings`.

Each option is declared once (`OPTIONS`): its flag of `dzdesk hub serve`, its `DZDESK_HUB_*` environment variable,
its default and how it is read. A flag given on the command line wins over the environment, which wins over the
default; a value that cannot be used is refused in words naming where it came from, before anything is started.
This module imports only the standard library, so `dzdesk --help` can describe the options without loading the hub.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_DB = "sqlite:///dzdesk-hub.sqlite3"
MIN_KEEP_RESULTS_DAYS = 400  # a year's report can always be made again from the raw probe results
DEFAULT_SIGN_IN_LIMIT = 30  # refused tokens one address may present within the window before it has to wait
DEFAULT_SIGN_IN_WINDOW = 60.0  # seconds: the window, and at most how long a throttled address waits
ENV_PREFIX = "DZDESK_HUB_"


class HubSettingsError(ValueError):
    """One or more options cannot be used; the message says which, where they came from and why."""


@dataclass(frozen=True, slots=True)
class HubSettings:
    """What `dzdesk hub serve` runs with. Made directly (tests), or by `from_sources` from flags and environment."""

    db_url: str = DEFAULT_DB
    host: str = "127.0.0.1"
    port: int = 8765
    keep_results_days: int = MIN_KEEP_RESULTS_DAYS
    sign_in_limit: int = DEFAULT_SIGN_IN_LIMIT
    sign_in_window: float = DEFAULT_SIGN_IN_WINDOW

    def __post_init__(self) -> None:
        problems = [f"{option.flag}: {problem}" for option in OPTIONS
                    if (problem := option.check(getattr(self, option.field)))]
        if problems:
            raise HubSettingsError("; ".join(problems))

    @classmethod
    def from_sources(cls, flags: Mapping[str, str | None], environ: Mapping[str, str]) -> HubSettings:
        """The settings from the flags given (by field name; None when not given) over the environment over the
        defaults. Every problem is named, with the flag or variable it came from."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for option in OPTIONS:
            given, source = flags.get(option.field), option.flag
            if given is None:
                given, source = environ.get(option.env), option.env
            if given is None:
                continue
            try:
                value = option.parse(given.strip())
            except ValueError as exc:
                problems.append(f"{source}: {given!r} {exc}")
                continue
            problem = option.check(value)
            if problem:
                problems.append(f"{source}: {problem}")
            else:
                values[option.field] = value
        if problems:
            raise HubSettingsError("; ".join(problems))
        return replace(cls(), **values)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError("is not a whole number") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("is not a number of seconds") from None
    if not math.isfinite(value):
        raise ValueError("is not a number of seconds")
    return value


def _text(text: str) -> str:
    if not text:
        raise ValueError("is empty")
    return text


def _no_check(_value: object) -> str:
    return ""


def _port(value: int) -> str:
    return "" if 1 <= value <= 65535 else f"the port must be from 1 to 65535, not {value}"


def _keep_days(value: int) -> str:
    return "" if value >= MIN_KEEP_RESULTS_DAYS else (
        f"raw probe results are kept at least {MIN_KEEP_RESULTS_DAYS} days, so a year's report can always be made "
        f"again (not {value})")


def _limit(value: int) -> str:
    return "" if 1 <= value <= 1_000_000 else f"the number of refused tokens must be from 1 to 1000000, not {value}"


def _window(value: float) -> str:
    return "" if 1 <= value <= 86_400 else f"the window must be from 1 to 86400 seconds, not {value:g}"


@dataclass(frozen=True, slots=True)
class Option:
    """One hub option: the field of `HubSettings` it fills, and how it is given and read."""

    field: str
    flag: str
    metavar: str
    help: str
    parse: Callable[[str], Any]
    check: Callable[[Any], str] = _no_check

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.flag.removeprefix("--").replace("-", "_").upper()

    @property
    def default(self) -> Any:
        return _DEFAULTS[self.field]


OPTIONS: tuple[Option, ...] = (
    Option("db_url", "--db", "URL", "sqlite:///FILE or postgresql://USER@HOST/DB", _text),
    Option("host", "--host", "HOST", "address to listen on", _text),
    Option("port", "--port", "PORT", "port to listen on", _whole, _port),
    Option("keep_results_days", "--keep-results-days", "DAYS", "how long raw probe results are kept (at least "
           f"{MIN_KEEP_RESULTS_DAYS} days)", _whole, _keep_days),
    Option("sign_in_limit", "--sign-in-limit", "N", "refused tokens one address may present within the window "
           "before it has to wait", _whole, _limit),
    Option("sign_in_window", "--sign-in-window", "SECONDS", "the throttle's window, and at most how long a "
           "throttled address waits", _seconds, _window),
)
_DEFAULTS: dict[str, Any] = {each.name: each.default for each in fields(HubSettings)}
assert {option.field for option in OPTIONS} == set(_DEFAULTS), "every setting is an option, and only they"
