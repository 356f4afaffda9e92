"""The data directory and the typed settings kept in it.

Everything dzdesk writes (database, blobs, logs, backups, settings) lives under one directory, so a test, a portable
install or a second engineer on the same machine is isolated by pointing `DZDESK_HOME` or `--data-dir` elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

import platformdirs

from dzdesk import APP_NAME
from dzdesk.atomic_file import write_text_atomically
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.profile import EngineerProfile
from dzdesk.domain.working_calendar import DEFAULT_BUSINESS_HOURS, WorkingCalendar

ENV_HOME = "DZDESK_HOME"
LANGUAGES = ("zh_CN", "en")


class DataDirError(Exception):
    """The data directory cannot be used; the message says why in words a user understands."""


class SettingsError(Exception):
    """The settings file exists but cannot be read; it is left untouched for the user to repair."""


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "dzdesk.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def window_state_file(self) -> Path:
        return self.root / "window.ini"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def catalogue_file(self) -> Path:
        return self.root / "catalogue.toml"

    @property
    def lock_file(self) -> Path:
        return self.root / "dzdesk.lock"

    @property
    def restore_note(self) -> Path:
        """Says a backup is to be restored at the next start, before the database opens."""
        return self.root / "restore-pending.json"

    @property
    def plain_statements_file(self) -> Path:
        """The first page's statements as SQLite text, for reading it before SQLAlchemy is imported."""
        return self.root / "cache" / "first-page-statements.json"

    @property
    def signing_trust_file(self) -> Path:
        """The certificates a signature on a report is checked against (public certificates only)."""
        return self.root / "signing-trust.pem"

    def ensure(self) -> DataDir:
        """Creates the directory tree, failing with a plain message when it is not writable."""
        try:
            for folder in (self.root, self.blobs, self.logs, self.backups):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataDirError(f"Cannot create the data directory {self.root}: {exc.strerror or exc}") from exc
        if not os.access(self.root, os.W_OK):
            raise DataDirError(f"The data directory {self.root} is read-only (or not yours): dzdesk keeps its records "
                               "there and must be able to write to it. Nothing was changed. Make it writable, or "
                               "choose another one with --data-dir.")
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None,
                     environ: Mapping[str, str] | None = None) -> DataDir:
    """`--data-dir` wins over `DZDESK_HOME`, which wins over the platform's user data directory."""
    env = os.environ if environ is None else environ
    if cli_value:
        root = Path(cli_value)
    elif env.get(ENV_HOME):
        root = Path(env[ENV_HOME])
    else:
        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return DataDir(root.expanduser().resolve())


@dataclass
class ProbeSettings:
    """How this machine probes: sweep interval, confirmation counts, certificate warning, trust anchors."""

    interval_minutes: int = 15  # 0 turns periodic sweeps off
    confirm_failures: int = 3
    confirm_successes: int = 2
    cert_warning_days: int = 30
    concurrency: int = 32
    ca_bundle: str = ""
    network: str = ""  # where this machine probes from, as the team reads it (e.g. 达川区政务服务中心内网)

    def check(self) -> None:
        if not 0 <= self.interval_minutes <= 24 * 60:
            raise ValueError("the probe interval must be between 0 and 1440 minutes")
        if not (1 <= self.confirm_failures <= 100 and 1 <= self.confirm_successes <= 100):
            raise ValueError("confirmation counts must be between 1 and 100")
        if not 0 <= self.cert_warning_days <= 365:
            raise ValueError("certificate warning days must be between 0 and 365")
        if not 1 <= self.concurrency <= 256:
            raise ValueError("probe concurrency must be between 1 and 256")
        if len(self.network) > 80:
            raise ValueError("the network label has at most 80 characters")


@dataclass
class Settings:
    """User settings that are not secrets and not records; stored as JSON beside the database."""

    language: str = "zh_CN"
    profile: EngineerProfile = field(default_factory=EngineerProfile)
    demo: bool = False
    business_hours: str = DEFAULT_BUSINESS_HOURS
    # The State Council notice for a year the holiday library does not know yet, entered by hand.
    extra_days_off: list[str] = field(default_factory=list)
    extra_working_days: list[str] = field(default_factory=list)
    complete_years: list[int] = field(default_factory=list)
    # For a day entered from a pasted notice: the notice line it came from (a day without one was typed by hand).
    day_notes: dict[str, str] = field(default_factory=dict)
    probes: ProbeSettings = field(default_factory=ProbeSettings)
    hub_url: str = ""  # empty: this copy works offline only
    hub_ca_bundle: str = ""  # extra trust anchors for a hub behind the team's own CA
    sync_interval_minutes: int = 5
    platforms: list[str] = field(default_factory=list)  # the platforms this engineer serves; empty means both
    backup_keep: int = 7  # daily automatic backups kept
    # Signing reports: the team's certificate (a PKCS#12 file; its password is in the keyring), the certificates
    # trusted when a signature is verified (PEM), and the timestamp server ("" for none).
    signing_certificate: str = ""
    signing_trust: str = ""
    timestamp_url: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # also undecodable text, bad JSON and numbers of thousands of digits
            raise SettingsError(f"The settings file {path} cannot be read ({exc}); fix or remove it.") from exc
        except RecursionError:
            raise SettingsError(f"The settings file {path} nests too deeply; fix or remove it.") from None
        return cls.from_json(raw, path)

    @classmethod
    def from_json(cls, raw: object, path: Path | str) -> Settings:
        """Settings from their JSON form; `path` names the file in the message of a `SettingsError`."""
        if not isinstance(raw, dict):
            raise SettingsError(f"The settings file {path} does not hold a JSON object; fix or remove it.")
        settings = cls()
        language = raw.get("language", settings.language)
        settings.language = language if language in LANGUAGES else settings.language
        profile = raw.get("profile", {})
        if isinstance(profile, dict):
            settings.profile = EngineerProfile(
                name=str(profile.get("name", "")),
                phone=str(profile.get("phone", "")),
                team=str(profile.get("team", "")),
            )
        settings.demo = bool(raw.get("demo", False))
        try:
            settings.business_hours = str(raw.get("business_hours", settings.business_hours))
            settings.extra_days_off = [str(d) for d in _list(raw, "extra_days_off")]
            settings.extra_working_days = [str(d) for d in _list(raw, "extra_working_days")]
            settings.complete_years = [int(y) for y in _list(raw, "complete_years")]
            notes = raw.get("day_notes", {})
            if not isinstance(notes, dict):
                raise TypeError("'day_notes' must be an object")
            settings.day_notes = {str(date.fromisoformat(str(k))): str(v) for k, v in notes.items()}
            settings.calendar()
        except (TypeError, ValueError, OverflowError) as exc:  # OverflowError: a year written as 1e400
            raise SettingsError(f"The settings file {path} has an invalid calendar: {exc}") from exc
        hub_url, ca_bundle = raw.get("hub_url", ""), raw.get("hub_ca_bundle", "")
        interval = raw.get("sync_interval_minutes", settings.sync_interval_minutes)
        if not isinstance(hub_url, str) or not isinstance(ca_bundle, str) or type(interval) is not int \
                or not 1 <= interval <= 24 * 60:
            raise SettingsError(f"The settings file {path} has invalid hub settings; fix or remove them.")
        settings.hub_url, settings.hub_ca_bundle, settings.sync_interval_minutes = hub_url, ca_bundle, interval
        platforms, keep = raw.get("platforms", []), raw.get("backup_keep", settings.backup_keep)
        if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms) \
                or type(keep) is not int or not 1 <= keep <= 365:
            raise SettingsError(f"The settings file {path} has invalid platforms or backup settings; "
                                "fix or remove them.")
        settings.platforms, settings.backup_keep = platforms, keep
        signing = {key: raw.get(key, "") for key in ("signing_certificate", "signing_trust", "timestamp_url")}
        if not all(isinstance(value, str) for value in signing.values()):
            raise SettingsError(f"The settings file {path} has invalid signing settings; fix or remove them.")
        settings.signing_certificate = signing["signing_certificate"]
        settings.signing_trust, settings.timestamp_url = signing["signing_trust"], signing["timestamp_url"]
        probes = raw.get("probes", {})
        try:
            if not isinstance(probes, dict):
                raise TypeError("'probes' must be an object")
            known = {k: v for k, v in probes.items() if k in ProbeSettings.__dataclass_fields__}
            settings.probes = ProbeSettings(**known)
            if not all(isinstance(getattr(settings.probes, k), str) for k in ("ca_bundle", "network")) or not all(
                    type(getattr(settings.probes, k)) is int for k in known if k not in ("ca_bundle", "network")):
                raise TypeError("probe settings have the wrong type")
            settings.probes.check()
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"The settings file {path} has invalid probe settings: {exc}") from exc
        return settings

    def working_calendar(self) -> WorkingCalendar:
        """This laptop's own working calendar: the one in force until it syncs with a team's hub."""
        return WorkingCalendar(
            hours=self.business_hours,
            days_off=frozenset(date.fromisoformat(d) for d in self.extra_days_off),
            working_days=frozenset(date.fromisoformat(d) for d in self.extra_working_days),
            complete_years=frozenset(self.complete_years),
            notes={date.fromisoformat(k): v for k, v in self.day_notes.items()},
        )

    def with_working_calendar(self, calendar: WorkingCalendar) -> Settings:
        return replace(self, business_hours=calendar.hours,
                       extra_days_off=sorted(d.isoformat() for d in calendar.days_off),
                       extra_working_days=sorted(d.isoformat() for d in calendar.working_days),
                       complete_years=sorted(calendar.complete_years),
                       day_notes={d.isoformat(): line for d, line in sorted(calendar.notes.items())})

    def calendar(self) -> BusinessCalendar:
        """The business calendar these settings describe (hours and the user's holiday overrides)."""
        return self.working_calendar().business_calendar()

    def save(self, path: Path) -> None:
        write_text_atomically(path, json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n")


def _list(raw: dict[str, object], key: str) -> list[object]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"'{key}' must be a list")
    return value
