"""The sync client trusts the system's certificates and the team's CA bundle together: a hub behind the team's own
CA and a hub with a publicly trusted certificate are both reached, over real TLS on 127.0.0.1."""

from __future__ import annotations

import threading
import time

import pytest
import trustme
import uvicorn

from dzdesk.hub.app import create_app
from dzdesk.hub.database import HubDatabase, migrate
from dzdesk.sync.client import HubAuthError, HubClient, HubError
from tests.support.hub import free_port


@pytest.fixture
def tls_hub(tmp_path):
    """A hub served over TLS by a certificate of `make(ca)`'s CA; yields (start, url) where start(ca) serves."""
    servers = []

    def start(ca: trustme.CA) -> str:
        db = HubDatabase(f"sqlite:///{tmp_path / f'hub{len(servers)}.sqlite3'}")
        migrate(db.engine)
        pem = tmp_path / f"hub{len(servers)}.pem"
        ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(str(pem))
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error",
                                               lifespan="off", ssl_certfile=str(pem), ssl_keyfile=str(pem)))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        servers.append((server, thread, db))
        return f"https://127.0.0.1:{port}"

    yield start
    for server, thread, db in servers:
        server.should_exit = True
        thread.join(10)
        db.dispose()


def test_a_team_ca_bundle_adds_to_the_systems_certificates(tls_hub, tmp_path, monkeypatch):
    public, team = trustme.CA(organization_name="公网CA"), trustme.CA(organization_name="运维团队CA")
    public.cert_pem.write_to_path(str(tmp_path / "system.pem"))
    team.cert_pem.write_to_path(str(tmp_path / "team.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "system.pem"))  # the system's trust store
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    public_hub, team_hub = tls_hub(public), tls_hub(team)
    for url in (public_hub, team_hub):
        with HubClient(url, "no-such-token", ca_bundle=str(tmp_path / "team.pem")) as client, \
                pytest.raises(HubAuthError):  # the hub answered: its certificate was trusted
            client.me()
    with HubClient(team_hub, "no-such-token") as client, pytest.raises(HubError) as untrusted:
        client.me()
    assert not isinstance(untrusted.value, HubAuthError) and "certificate" in str(untrusted.value).lower()
