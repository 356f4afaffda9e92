"""Secrets (the hub token, probe credentials) live in the operating system's keyring, never in files.

A machine with no desktop session has no keyring; dzdesk then says so plainly and keeps working, and unattended
use passes the hub token through the environment instead.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors

SERVICE = "dzdesk"
ENV_HUB_TOKEN = "DZDESK_HUB_TOKEN"


class KeyringUnavailableError(Exception):
    """No usable keyring on this machine."""


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _no_keyring_message(exc: Exception) -> str:
    return ("No system keyring is available, so dzdesk cannot store secrets on this machine "
            f"({exc}). Sign in to a desktop session, or set {ENV_HUB_TOKEN} for unattended use.")


def get_secret(name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(_no_keyring_message(exc)) from exc


def set_secret(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(_no_keyring_message(exc)) from exc


def delete_secret(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(_no_keyring_message(exc)) from exc


def hub_token_key(hub_url: str) -> str:
    return f"hub-token:{hub_url.rstrip('/')}"


def hub_token(hub_url: str) -> str | None:
    """The environment wins, so a scheduled job works on a machine without a keyring."""
    from_env = os.environ.get(ENV_HUB_TOKEN)
    if from_env:
        return from_env
    return get_secret(hub_token_key(hub_url))


ENV_ALERT_URL_PREFIX = "DZDESK_ALERT_URL_"
KEYRING = "keyring"
ENVIRONMENT = "environment"


def alert_channel_key(team: str, name: str) -> str:
    """The keyring key of an alert channel's URL: per team, since a lead of two teams may name a channel alike."""
    return f"alert-channel:{team}:{name}"


def alert_channel_env(name: str) -> str:
    """The environment variable the headless watcher reads a channel's URL from: `ops-1` → DZDESK_ALERT_URL_OPS_1
    (channel names hold no `_`, so no two names share a variable)."""
    return ENV_ALERT_URL_PREFIX + name.upper().replace("-", "_")


def alert_channel_url(team: str, name: str) -> tuple[str | None, str]:
    """The channel's URL and where it was found (`ENVIRONMENT` or `KEYRING`), or (None, ""). The environment wins,
    so the watcher runs on a machine without a keyring; raises KeyringUnavailableError only when the environment
    has none and the keyring cannot be asked."""
    from_env = os.environ.get(alert_channel_env(name), "").strip()
    if from_env:
        return from_env, ENVIRONMENT
    stored = get_secret(alert_channel_key(team, name))
    return (stored, KEYRING) if stored else (None, "")


ENV_SIGNING_PASSWORD = "DZDESK_SIGNING_PASSWORD"
SIGNING_PASSWORD_KEY = "signing-certificate"


def signing_password() -> str | None:
    """The password of the team's signing certificate (a PKCS#12 file). The environment wins, for unattended
    signing on a machine without a keyring; raises KeyringUnavailableError only when neither can be read."""
    from_env = os.environ.get(ENV_SIGNING_PASSWORD)
    if from_env:
        return from_env
    return get_secret(SIGNING_PASSWORD_KEY)
