import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from dzdesk import secrets


def test_round_trip_through_the_keyring(isolated_environment):
    secrets.set_secret("probe:网上大厅", "s3cret")
    assert secrets.get_secret("probe:网上大厅") == "s3cret"
    assert ("dzdesk", "probe:网上大厅") in isolated_environment.secrets
    secrets.delete_secret("probe:网上大厅")
    assert secrets.get_secret("probe:网上大厅") is None
    secrets.delete_secret("probe:网上大厅")  # deleting what is gone is not an error


def test_environment_token_wins(monkeypatch):
    secrets.set_secret(secrets.hub_token_key("https://hub.example"), "from-keyring")
    assert secrets.hub_token("https://hub.example/") == "from-keyring"
    monkeypatch.setenv("DZDESK_HUB_TOKEN", "from-env")
    assert secrets.hub_token("https://hub.example") == "from-env"


def test_no_keyring_is_said_plainly():
    keyring.set_keyring(FailKeyring())
    with pytest.raises(secrets.KeyringUnavailableError, match=r"No system keyring.*DZDESK_HUB_TOKEN"):
        secrets.set_secret("x", "y")
    with pytest.raises(secrets.KeyringUnavailableError):
        secrets.get_secret("x")
