import os

import pytest


@pytest.fixture(autouse=True)
def no_alert_urls_from_the_callers_environment(monkeypatch):
    """A channel URL set in the developer's own shell must not reach these tests (the environment wins)."""
    for name in [n for n in os.environ if n.startswith("DZDESK_ALERT_URL_")]:
        monkeypatch.delenv(name)
