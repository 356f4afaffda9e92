"""HTTP probes go through the proxy the system names, as the team's office networks require."""

import asyncio

from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.probes.checks import probe
from dzdesk.probes.options import ProbeOptions
from tests.support.probe_servers import serve


def test_http_probe_uses_the_proxy_from_the_environment(monkeypatch):
    # The loopback server answers a proxy request ("GET http://portal.invalid/") like its own page, so the
    # probe can only succeed by going through it: the name itself never resolves.
    target = ProbeTarget("经代理", "approval", url="http://portal.invalid/", keyword="网上大厅", timeout_s=10)
    with serve() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        through_proxy = asyncio.run(probe(target, ProbeOptions()))
        direct = asyncio.run(probe(target, ProbeOptions(trust_env=False)))
    assert through_proxy.ok, through_proxy.error
    assert direct.failure in (Failure.DNS, Failure.TIMEOUT)
