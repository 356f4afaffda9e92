"""Probes and sweeps against real servers on 127.0.0.1, with certificates from a test CA."""

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import trustme
from cryptography import x509

from dzdesk.domain.probe_outcome import CertInfo, Failure, ProbeOutcome, Warning_
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget
from dzdesk.probes.certificates import cert_info, hostname_matches
from dzdesk.probes.checks import probe
from dzdesk.probes.options import ProbeOptions, ProbeOptionsError
from dzdesk.probes.sweep import run_sweep
from tests.support import probe_servers as servers
from tests.support.probe_servers import PASSWORD, USER, closed_port, serve

KEYWORD = "网上大厅"
NOWHERE = "nowhere.invalid"  # RFC 6761: never resolves


@pytest.fixture(autouse=True)
def no_proxy_for_loopback(monkeypatch):
    """Probes honour the system's proxy settings; a proxy in the environment must not see loopback traffic."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


# Servers are shared by the module: a request still sleeping in /slow only delays the server's final close.
@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return servers.TestCA(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def http_url():
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def https_url(ca):
    with serve(ca.server_context()) as url:
        yield url


@pytest.fixture(scope="module")
def expired_url(ca):
    with serve(ca.server_context(expired=True)) as url:
        yield url


@pytest.fixture(scope="module")
def expiring_url(ca):
    with serve(ca.server_context(valid_days=10)) as url:
        yield url


@pytest.fixture(scope="module")
def mismatched_url(ca):
    with serve(ca.server_context("other.example")) as url:
        yield url


@pytest.fixture
def trusting(ca):
    return ProbeOptions(ca_bundle=str(ca.bundle))


def http(url, name="审批系统-网上大厅", **fields):
    return ProbeTarget(name, "approval", kind=ProbeKind.HTTP, url=url, **fields)


def tls(url, name="审批系统-门户", **fields):
    return ProbeTarget(name, "approval", kind=ProbeKind.TLS, url=url, **fields)


def run(target, options=None):
    return asyncio.run(probe(target, options or ProbeOptions()))


def port_of(url):
    return int(url.rsplit(":", 1)[1])


# --- HTTP ----------------------------------------------------------------------------------------------------


def test_http_page_with_its_keyword_is_ok_with_phase_timings(http_url):
    outcome = run(http(http_url + "/", keyword=KEYWORD))
    assert outcome.ok, outcome.error
    assert outcome.target == "审批系统-网上大厅"
    assert outcome.failure is None
    assert outcome.error == ""
    assert outcome.status_code == 200
    assert outcome.redirects == 0
    assert outcome.latency_ms is not None and outcome.latency_ms > 0
    assert {"connect_ms", "ttfb_ms"} <= set(outcome.phases)
    assert "tls_ms" not in outcome.phases  # plain HTTP has no handshake
    assert outcome.cert is None
    assert outcome.cert_days_left() is None
    assert outcome.warnings == ()
    assert outcome.started_at.tzinfo is not None
    assert abs(datetime.now(UTC) - outcome.started_at) < timedelta(seconds=30)


def test_missing_keyword_fails(http_url):
    outcome = run(http(http_url + "/", keyword="信用修复"))
    assert not outcome.ok
    assert outcome.failure is Failure.KEYWORD
    assert outcome.detail == "信用修复"
    assert outcome.status_code == 200
    assert outcome.error == f"{Failure.KEYWORD.value}: 信用修复"


def test_keyword_is_found_in_a_gbk_page_without_a_charset(http_url):
    assert run(http(http_url + "/gbk", keyword=KEYWORD)).ok
    missing = run(http(http_url + "/gbk", keyword="信用修复"))
    assert missing.failure is Failure.KEYWORD


def test_server_error_fails_on_status(http_url):
    outcome = run(http(http_url + "/error"))
    assert not outcome.ok
    assert outcome.failure is Failure.STATUS
    assert outcome.status_code == 500
    assert "500" in outcome.detail and "below 400" in outcome.detail


def test_expected_status_is_what_counts(http_url):
    assert run(http(http_url + "/error", expect_status=500)).ok
    outcome = run(http(http_url + "/", expect_status=204))
    assert outcome.failure is Failure.STATUS
    assert outcome.status_code == 200
    assert "expected 204" in outcome.detail


def test_redirect_loop_fails(http_url):
    outcome = run(http(http_url + "/loop"))
    assert not outcome.ok
    assert outcome.failure is Failure.REDIRECTS


def test_one_redirect_is_followed(http_url):
    outcome = run(http(http_url + "/redirect", keyword=KEYWORD))
    assert outcome.ok, outcome.error
    assert outcome.redirects == 1
    assert outcome.status_code == 200


def test_slow_page_beyond_the_timeout_fails_within_the_timeout(http_url):
    started = time.perf_counter()
    outcome = run(http(http_url + "/slow?ms=1500", timeout_s=0.4))
    elapsed = time.perf_counter() - started
    assert not outcome.ok
    assert outcome.failure is Failure.TIMEOUT
    assert outcome.detail == "0.4 s"
    assert elapsed < 0.4 + 0.5
    assert outcome.latency_ms is not None and outcome.latency_ms >= 350


def test_page_slower_than_the_latency_threshold_fails(http_url):
    outcome = run(http(http_url + "/slow?ms=300", latency_threshold_ms=100))
    assert not outcome.ok
    assert outcome.failure is Failure.SLOW
    assert outcome.latency_ms >= 300
    assert outcome.detail.endswith("> 100 ms")
    assert outcome.status_code == 200


def test_page_within_the_latency_threshold_is_ok(http_url):
    assert run(http(http_url + "/", latency_threshold_ms=5000)).ok


def test_http_to_a_closed_port_is_refused():
    outcome = run(http(f"http://127.0.0.1:{closed_port()}/"))
    assert not outcome.ok
    assert outcome.failure is Failure.REFUSED


def test_basic_auth_with_the_stored_password(http_url):
    target = http(http_url + "/auth", username=USER, keyword=KEYWORD)
    outcome = run(target, ProbeOptions(passwords={target.name: PASSWORD}))
    assert outcome.ok, outcome.error
    assert outcome.status_code == 200


def test_basic_auth_without_a_password_fails_before_connecting(http_url):
    outcome = run(http(http_url + "/auth", username=USER))
    assert not outcome.ok
    assert outcome.failure is Failure.CREDENTIALS
    assert USER in outcome.detail
    assert outcome.latency_ms is None
    assert outcome.status_code is None


def test_basic_auth_with_a_wrong_password_fails_on_status(http_url):
    target = http(http_url + "/auth", username=USER)
    outcome = run(target, ProbeOptions(passwords={target.name: "wrong"}))
    assert not outcome.ok
    assert outcome.failure is Failure.STATUS
    assert outcome.status_code == 401


def test_password_of_another_target_is_not_used(http_url):
    target = http(http_url + "/auth", username=USER)
    outcome = run(target, ProbeOptions(passwords={"信用平台-门户": PASSWORD}))
    assert outcome.failure is Failure.CREDENTIALS


# --- HTTPS and TLS -------------------------------------------------------------------------------------------


def test_https_trusted_through_the_ca_bundle(https_url, trusting):
    outcome = run(http(https_url + "/", keyword=KEYWORD), trusting)
    assert outcome.ok, outcome.error
    assert {"connect_ms", "tls_ms", "ttfb_ms"} <= set(outcome.phases)
    assert outcome.cert is not None
    assert outcome.cert.issuer == "dzdesk test CA"
    assert outcome.cert.hostname_ok
    assert outcome.cert_days_left() > 365
    assert outcome.warnings == ()


def test_tls_target_trusted_through_the_ca_bundle(https_url, trusting):
    outcome = run(tls(https_url), trusting)
    assert outcome.ok, outcome.error
    assert "tls_ms" in outcome.phases
    assert outcome.cert.issuer == "dzdesk test CA"
    assert outcome.cert_days_left() > 365
    by_host = run(ProbeTarget("审批系统-门户", "approval", kind=ProbeKind.TLS, host="127.0.0.1",
                              port=port_of(https_url)), trusting)
    assert by_host.ok, by_host.error


def test_https_without_the_ca_bundle_is_not_trusted(https_url):
    outcome = run(http(https_url + "/"))
    assert not outcome.ok
    assert outcome.failure is Failure.CERTIFICATE


def test_tls_without_the_ca_bundle_is_not_trusted_but_shows_the_certificate(https_url):
    outcome = run(tls(https_url))
    assert not outcome.ok
    assert outcome.failure is Failure.CERTIFICATE
    assert outcome.cert is not None and outcome.cert.issuer == "dzdesk test CA"


def test_https_with_verification_off_is_ok_and_says_so(https_url):
    outcome = run(http(https_url + "/", verify_tls=False))
    assert outcome.ok, outcome.error
    assert Warning_.VERIFY_OFF in outcome.warnings


def test_expired_certificate_fails_an_http_target(expired_url, trusting):
    outcome = run(http(expired_url + "/"), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.CERT_EXPIRED
    assert Warning_.VERIFY_OFF not in outcome.warnings


def test_expired_certificate_fails_an_http_target_even_with_verification_off(expired_url, trusting):
    outcome = run(http(expired_url + "/", verify_tls=False, keyword=KEYWORD), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.CERT_EXPIRED
    assert outcome.status_code == 200  # the page itself answered
    assert outcome.cert_days_left() < 0
    assert Warning_.VERIFY_OFF in outcome.warnings
    assert Warning_.CERT_EXPIRING not in outcome.warnings


@pytest.mark.parametrize("verify", [True, False])
def test_expired_certificate_fails_a_tls_target(expired_url, trusting, verify):
    outcome = run(tls(expired_url, verify_tls=verify), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.CERT_EXPIRED
    assert outcome.detail.startswith("expired ")
    assert outcome.cert is not None and outcome.cert_days_left() < 0
    assert (Warning_.VERIFY_OFF in outcome.warnings) is not verify


def test_certificate_expiring_soon_warns_with_the_default_of_30_days(expiring_url, trusting):
    for target in (http(expiring_url + "/"), tls(expiring_url)):
        outcome = run(target, trusting)
        assert outcome.ok, outcome.error
        assert outcome.cert_days_left() == 10
        assert Warning_.CERT_EXPIRING in outcome.warnings


def test_target_warning_days_override_the_default(expiring_url, trusting):
    outcome = run(http(expiring_url + "/", cert_warning_days=5), trusting)
    assert outcome.ok
    assert Warning_.CERT_EXPIRING not in outcome.warnings


def test_options_warning_days_apply_unless_the_target_sets_its_own(expiring_url, ca):
    options = ProbeOptions(ca_bundle=str(ca.bundle), cert_warning_days=5)
    assert Warning_.CERT_EXPIRING not in run(http(expiring_url + "/"), options).warnings
    assert Warning_.CERT_EXPIRING in run(http(expiring_url + "/", cert_warning_days=15), options).warnings


def test_certificate_for_another_name_fails_a_tls_target(mismatched_url, trusting):
    outcome = run(tls(mismatched_url), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.CERTIFICATE
    assert outcome.cert is not None
    assert not outcome.cert.hostname_ok
    assert outcome.cert.issuer == "dzdesk test CA"


def test_certificate_for_another_name_fails_an_http_target(mismatched_url, trusting):
    outcome = run(http(mismatched_url + "/"), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.CERTIFICATE


def test_tls_target_on_a_plain_http_port_fails_the_handshake(http_url, trusting):
    outcome = run(tls(http_url.replace("http://", "https://")), trusting)
    assert not outcome.ok
    assert outcome.failure is Failure.TLS


# --- TCP, DNS and unreachable names --------------------------------------------------------------------------


def test_tcp_to_a_listening_port_is_ok(http_url):
    outcome = run(ProbeTarget("审批系统-综合受理", "approval", kind=ProbeKind.TCP, host="127.0.0.1",
                              port=port_of(http_url)))
    assert outcome.ok, outcome.error
    assert "connect_ms" in outcome.phases


@pytest.mark.parametrize("kind", [ProbeKind.TCP, ProbeKind.TLS])
def test_closed_port_is_refused(kind):
    outcome = run(ProbeTarget("审批系统-综合受理", "approval", kind=kind, host="127.0.0.1", port=closed_port()))
    assert not outcome.ok
    assert outcome.failure is Failure.REFUSED


def test_dns_target_that_resolves_lists_its_address():
    outcome = run(ProbeTarget("信用平台-门户", "credit", kind=ProbeKind.DNS, host="127.0.0.1"))
    assert outcome.ok, outcome.error
    assert outcome.detail == "127.0.0.1"


@pytest.mark.parametrize("target", [
    ProbeTarget("dns", "credit", kind=ProbeKind.DNS, host=NOWHERE, timeout_s=20),
    ProbeTarget("http", "credit", kind=ProbeKind.HTTP, url=f"http://{NOWHERE}/", timeout_s=20),
    ProbeTarget("tcp", "credit", kind=ProbeKind.TCP, host=NOWHERE, port=80, timeout_s=20),
], ids=["dns", "http", "tcp"])
def test_unresolvable_name_fails_on_dns(target):
    outcome = run(target)
    assert not outcome.ok
    assert outcome.failure is Failure.DNS, outcome.error


# --- Sweeps --------------------------------------------------------------------------------------------------


def test_sweep_runs_targets_concurrently_and_keeps_their_order(http_url):
    targets = [http(http_url + ("/slow?ms=1000" if i % 3 == 0 else "/"), name=f"目标{i:02}", keyword=KEYWORD)
               for i in range(30)]
    assert sum("/slow" in t.url for t in targets) == 10
    calls = []
    lock = threading.Lock()

    def on_result(outcome, done, total):
        with lock:
            calls.append((outcome.target, done, total))

    started = time.perf_counter()
    outcomes = run_sweep(targets, ProbeOptions(), on_result)
    elapsed = time.perf_counter() - started
    assert 1.0 <= elapsed < 3.0  # the slowest, not the 10 s sum
    assert [o.target for o in outcomes] == [t.name for t in targets]
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    assert len(calls) == 30
    assert sorted(name for name, _, _ in calls) == sorted(t.name for t in targets)
    assert [done for _, done, _ in calls] == list(range(1, 31))
    assert {total for _, _, total in calls} == {30}
    # The fast ones are reported first, as they finish, not in target order.
    assert {name for name, _, _ in calls[:20]} == {t.name for t in targets if "/slow" not in t.url}


def test_sweep_keeps_to_its_concurrency(http_url):
    targets = [http(http_url + "/slow?ms=200", name=f"目标{i}") for i in range(3)]
    started = time.perf_counter()
    outcomes = run_sweep(targets, ProbeOptions(concurrency=1))
    assert time.perf_counter() - started >= 0.6
    assert [o.ok for o in outcomes] == [True, True, True]


def test_cancelled_sweep_returns_early_with_what_finished(http_url):
    fast = [http(http_url + "/", name=f"快{i}") for i in range(3)]
    slow = [http(http_url + "/slow?ms=3000", name=f"慢{i}") for i in range(5)]
    targets = [slow[0], fast[0], slow[1], fast[1], slow[2], slow[3], fast[2], slow[4]]
    cancel = threading.Event()
    calls = []
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.perf_counter()
    try:
        outcomes = run_sweep(targets, ProbeOptions(), lambda o, done, total: calls.append(o.target), cancel)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert cancel.is_set()
    assert [o.target for o in outcomes] == ["快0", "快1", "快2"]  # in target order, the slow ones dropped
    assert all(o.ok for o in outcomes)
    assert sorted(calls) == ["快0", "快1", "快2"]


def test_sweep_cancelled_before_it_starts_returns_nothing(http_url):
    cancel = threading.Event()
    cancel.set()
    assert run_sweep([http(http_url + "/slow?ms=1000")], ProbeOptions(), cancel=cancel) == []


def test_empty_sweep_returns_nothing():
    assert run_sweep([], ProbeOptions()) == []


def test_missing_ca_bundle_is_refused_before_probing(tmp_path, http_url):
    calls = []
    options = ProbeOptions(ca_bundle=str(tmp_path / "missing.pem"))
    with pytest.raises(ProbeOptionsError, match="does not exist"):
        run_sweep([http(http_url + "/")], options, lambda *args: calls.append(args))
    assert calls == []


def test_unreadable_ca_bundle_is_refused(tmp_path, http_url):
    bundle = tmp_path / "garbage.pem"
    bundle.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(ProbeOptionsError, match="cannot be read"):
        run_sweep([http(http_url + "/")], ProbeOptions(ca_bundle=str(bundle)))


# --- Certificates --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trustme_ca():
    return trustme.CA(organization_name="dzdesk test CA")


def leaf(ca, *names):
    return x509.load_pem_x509_certificate(ca.issue_cert(*names).cert_chain_pems[0].bytes())


@pytest.mark.parametrize(("host", "matches"), [
    ("www.example.org", True),
    ("WWW.Example.ORG", True),
    ("www.example.org.", True),
    ("example.org", False),  # a wildcard needs a label to stand for
    ("a.www.example.org", False),  # and covers exactly one
    ("www.example.com", False),
    ("wwwexample.org", False),
])
def test_wildcard_covers_one_leftmost_label(trustme_ca, host, matches):
    assert hostname_matches(leaf(trustme_ca, "*.example.org"), host) is matches


def test_exact_names_and_addresses(trustme_ca):
    cert = leaf(trustme_ca, "portal.example.org", "127.0.0.1")
    assert hostname_matches(cert, "portal.example.org")
    assert hostname_matches(cert, "Portal.Example.Org.")
    assert not hostname_matches(cert, "other.example.org")
    assert hostname_matches(cert, "127.0.0.1")
    assert not hostname_matches(cert, "127.0.0.2")


def test_address_is_not_matched_against_dns_names(trustme_ca):
    assert not hostname_matches(leaf(trustme_ca, "127.0.0.1.example.org", "*.0.0.1"), "127.0.0.1")


def test_ipv6_address(trustme_ca):
    cert = leaf(trustme_ca, "::1")
    assert hostname_matches(cert, "::1")
    assert not hostname_matches(cert, "::2")


def test_cert_info_reads_expiry_issuer_and_host(trustme_ca):
    from cryptography.hazmat.primitives.serialization import Encoding

    cert = leaf(trustme_ca, "portal.example.org")
    info = cert_info(cert.public_bytes(Encoding.DER), "portal.example.org")
    assert info.issuer == "dzdesk test CA"
    assert info.not_after == cert.not_valid_after_utc
    assert info.hostname_ok
    assert not cert_info(cert.public_bytes(Encoding.DER), "other.example.org").hostname_ok


# --- Outcomes ------------------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("not_after", "days"), [
    (NOW + timedelta(days=10, hours=12), 10),
    (NOW + timedelta(hours=23), 0),
    (NOW, 0),
    (NOW - timedelta(hours=1), -1),  # an hour past expiry is already -1
    (NOW - timedelta(days=2), -2),
])
def test_days_left_are_whole_days(not_after, days):
    assert CertInfo(not_after, "CA", "portal", True).days_left(NOW) == days


def test_outcome_error_in_words():
    assert ProbeOutcome("t", NOW, True).error == ""
    assert ProbeOutcome("t", NOW, False, failure=Failure.TIMEOUT).error == Failure.TIMEOUT.value
    failed = ProbeOutcome("t", NOW, False, failure=Failure.STATUS, detail="500 (expected below 400)")
    assert failed.error == "unexpected HTTP status: 500 (expected below 400)"


def test_outcome_days_left_are_counted_from_its_start():
    cert = CertInfo(NOW + timedelta(days=3), "CA", "portal", True)
    assert ProbeOutcome("t", NOW, True, cert=cert).cert_days_left() == 3
    assert ProbeOutcome("t", NOW, True).cert_days_left() is None


def test_every_failure_has_a_chinese_label():
    assert all(failure.label_zh.strip() and failure.label_en == failure.value for failure in Failure)


def test_wildcards_never_cover_a_whole_registrable_domain_and_idn_hosts_match_their_xn_form():
    ca = trustme.CA()
    wildcard_tld = x509.load_pem_x509_certificate(ca.issue_cert("*.org").cert_chain_pems[0].bytes())
    assert not hostname_matches(wildcard_tld, "example.org")
    idn = x509.load_pem_x509_certificate(ca.issue_cert("xn--fiqs8s.example").cert_chain_pems[0].bytes())
    assert hostname_matches(idn, "中国.example")


# -- a GBK page with a stray byte, and a team CA beside the public ones ------------------------------------------
@pytest.mark.parametrize("declared", ["header", "meta", "none"])
def test_a_gbk_page_with_one_malformed_byte_keeps_its_keyword(http_url, declared):
    """Read as a browser reads it: the header's charset, then <meta charset>, then the bytes; one bad byte costs one
    character, not the page."""
    assert run(http(f"{http_url}/gbk-broken/{declared}", keyword=KEYWORD)).ok
    missing = run(http(f"{http_url}/gbk-broken/{declared}", keyword="信用修复"))
    assert (missing.ok, missing.failure) == (False, Failure.KEYWORD)


def test_a_team_ca_bundle_is_trusted_besides_the_systems_certificates(tmp_path, monkeypatch, ca, https_url):
    """A team that adds its own CA still reaches the portals whose certificates the system trusts."""
    public = servers.TestCA(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(public.bundle))  # the system's trust store, as OpenSSL reads it
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with serve(public.server_context()) as public_url:
        targets = [http(public_url, name="公网门户", keyword=KEYWORD), tls(public_url, name="公网门户证书"),
                   http(https_url, name="内网门户", keyword=KEYWORD), tls(https_url, name="内网门户证书")]
        with_team_ca = {o.target: o for o in run_sweep(targets, ProbeOptions(ca_bundle=str(ca.bundle)))}
        system_only = {o.target: o for o in run_sweep(targets, ProbeOptions())}
    assert all(o.ok for o in with_team_ca.values()), {k: (o.failure, o.detail) for k, o in with_team_ca.items()}
    assert system_only["公网门户"].ok and system_only["公网门户证书"].ok
    assert system_only["内网门户"].failure == Failure.CERTIFICATE
