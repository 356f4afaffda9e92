import re
from collections import Counter
from dataclasses import replace

import pytest

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import (
    DEFAULT_TIMEOUT_S,
    ProbeKind,
    ProbeTarget,
    TargetsFileError,
    default_targets,
    dump_targets,
    parse_targets,
    target_from_mapping,
    with_changes,
)

EXAMPLE = """
# The team's targets, as the header of an exported file describes them.
[[target]]
name = "信用平台-门户"
platform = "credit"
kind = "http"
url = "https://xy.dazhou.example.cn/portal/"
expect_status = 200
keyword = "信用信息"
timeout_s = 8

[[target]]
name = "审批系统-数据库"
platform = "approval"
kind = "tcp"
host = "10.12.0.21"
port = 1521
timeout_s = 2.5

[[target]]
name = "审批系统-域名"
platform = "approval"
kind = "dns"
host = "tzxm.dazhou.example.cn"

[[target]]
name = "审批系统-证书"
platform = "approval"
kind = "tls"
host = "tzxm.dazhou.example.cn"
port = 8443
"""


def one(body: str, name: str | None = "目标甲", platform: str | None = "credit") -> str:
    """A targets file holding one [[target]] with `body` after its name and platform lines."""
    lines = ["[[target]]"]
    if name is not None:
        lines.append(f'name = "{name}"')
    if platform is not None:
        lines.append(f'platform = "{platform}"')
    return "\n".join([*lines, body]) + "\n"


def error_of(text: str) -> str:
    with pytest.raises(TargetsFileError) as caught:
        parse_targets(text)
    return str(caught.value)


# --- parsing the example ---------------------------------------------------------------------------------------


def test_parse_documented_example():
    portal, database, dns, tls = parse_targets(EXAMPLE)
    assert portal == ProbeTarget(name="信用平台-门户", platform="credit", kind=ProbeKind.HTTP,
                                 url="https://xy.dazhou.example.cn/portal/", expect_status=200, keyword="信用信息",
                                 timeout_s=8)
    assert database == ProbeTarget(name="审批系统-数据库", platform="approval", kind=ProbeKind.TCP,
                                   host="10.12.0.21", port=1521, timeout_s=2.5)
    assert dns.kind is ProbeKind.DNS and dns.host == "tzxm.dazhou.example.cn" and dns.port is None
    assert dns.timeout_s == DEFAULT_TIMEOUT_S
    assert tls.kind is ProbeKind.TLS and tls.port == 8443
    assert all(t.configured and t.probed for t in (portal, database, dns, tls))


def test_kind_defaults_to_http_and_strings_are_trimmed_but_keyword_is_not():
    (target,) = parse_targets(one('url = "  https://a.example/  "\nkeyword = "  登录 页面 "', name="  甲  "))
    assert target.kind is ProbeKind.HTTP
    assert target.name == "甲"
    assert target.url == "https://a.example/"
    assert target.keyword == "  登录 页面 "


def test_empty_file_has_no_targets():
    assert parse_targets("") == []
    assert parse_targets("# nothing yet\n") == []


def test_custom_platform_codes_are_accepted_when_given():
    (target,) = parse_targets(one('url = "https://a.example/"', platform="hub"), platforms=("hub",))
    assert target.platform == "hub"


# --- errors name the target and the field ----------------------------------------------------------------------


@pytest.mark.parametrize(("body", "field"), [
    ('port = "8080"', "port"),
    ("port = true", "port"),  # a bool is not an int, though Python says it is
    ("expect_status = false", "expect_status"),
    ("timeout_s = true", "timeout_s"),
    ('timeout_s = "5"', "timeout_s"),
    ("verify_tls = 1", "verify_tls"),
    ("enabled = 0", "enabled"),
    ("url = 3", "url"),
    ("keyword = [\"a\"]", "keyword"),
    ("latency_threshold_ms = 1.5", "latency_threshold_ms"),
    ("kind = 1", "kind"),
])
def test_wrong_types_name_target_and_field(body, field):
    message = error_of(one(body))
    assert "“目标甲”" in message
    assert f"'{field}' has the wrong type" in message


def test_unknown_field():
    message = error_of(one('url = "https://a.example/"\nurll = "x"'))
    assert message == "target “目标甲”: unknown field 'urll'"


def test_unknown_kind():
    message = error_of(one('kind = "icmp"\nhost = "a.example"'))
    assert "“目标甲”" in message and "'kind'" in message


@pytest.mark.parametrize("platform", ["hub", "Credit", ""])
def test_platform_must_be_credit_or_approval(platform):
    message = error_of(one('url = "https://a.example/"', platform=platform))
    assert "“目标甲”" in message and "'platform' must be one of credit, approval" in message


def test_missing_platform():
    message = error_of(one('url = "https://a.example/"', platform=None))
    assert "“目标甲”" in message and "'platform'" in message


@pytest.mark.parametrize("url", ["ftp://files.example/", "file:///etc/passwd", "a.example", "https://"])
def test_url_must_be_http_or_https(url):
    message = error_of(one(f'url = "{url}"'))
    assert "“目标甲”" in message and "'url' must be an http:// or https:// address" in message


def test_url_with_invalid_port():
    message = error_of(one('url = "https://a.example:99999/"'))
    assert "“目标甲”" in message and "'url' has an invalid port" in message


def test_tls_target_needs_https_url():
    message = error_of(one('kind = "tls"\nurl = "http://a.example/"'))
    assert "“目标甲”" in message and "'url' of a tls target must start with https://" in message


def test_tcp_target_needs_port():
    message = error_of(one('kind = "tcp"\nhost = "db.example"'))
    assert "“目标甲”" in message and "a tcp target needs 'port'" in message


@pytest.mark.parametrize("port", [0, -1, 65536])
def test_port_out_of_range(port):
    message = error_of(one(f'kind = "tcp"\nhost = "db.example"\nport = {port}'))
    assert "“目标甲”" in message and "'port' must be between 1 and 65535" in message


@pytest.mark.parametrize("port", [1, 65535])
def test_port_limits_are_allowed(port):
    (target,) = parse_targets(one(f'kind = "tcp"\nhost = "db.example"\nport = {port}'))
    assert target.port == port


@pytest.mark.parametrize("timeout", ["0", "0.0", "-1", "120.5", "121", "nan", "inf"])
def test_timeout_out_of_range(timeout):
    message = error_of(one(f'url = "https://a.example/"\ntimeout_s = {timeout}'))
    assert "“目标甲”" in message and "'timeout_s'" in message


@pytest.mark.parametrize("timeout", ["0.1", "120", "120.0"])
def test_timeout_limits_are_allowed(timeout):
    (target,) = parse_targets(one(f'url = "https://a.example/"\ntimeout_s = {timeout}'))
    assert target.timeout_s == float(timeout)


@pytest.mark.parametrize(("body", "field"), [
    ('kind = "tcp"\nurl = "https://a.example/"', "'url'"),
    ('kind = "dns"\nurl = "https://a.example/"', "'url'"),
    ('host = "a.example"', "'host'"),
    ('kind = "dns"\nhost = "https://a.example"', "'host'"),
    ('kind = "dns"\nhost = "a example"', "'host'"),
    ('url = "https://a.example/"\nexpect_status = 99', "'expect_status'"),
    ('url = "https://a.example/"\nexpect_status = 600', "'expect_status'"),
    ('kind = "tcp"\nhost = "db.example"\nport = 1\nexpect_status = 200', "'expect_status'"),
    ('kind = "tls"\nhost = "a.example"\nkeyword = "x"', "'keyword'"),
    ('url = "https://a.example/"\nlatency_threshold_ms = 0', "'latency_threshold_ms'"),
    ('kind = "tls"\nhost = "a.example"\ncert_warning_days = 366', "'cert_warning_days'"),
    ('kind = "tls"\nhost = "a.example"\ncert_warning_days = -1', "'cert_warning_days'"),
])
def test_other_field_checks(body, field):
    message = error_of(one(body))
    assert "“目标甲”" in message and field in message


def test_error_names_the_index_when_the_name_is_missing():
    text = one('url = "https://a.example/"') + one('port = "x"', name=None)
    message = error_of(text)
    assert message.startswith("target 2: ")
    assert "'port'" in message


def test_missing_name_is_reported_by_index():
    text = one('url = "https://a.example/"') + one('url = "https://b.example/"', name=None)
    assert error_of(text) == "target 2: 'name' is missing"


def test_blank_name_is_reported_by_index():
    assert error_of(one('url = "https://a.example/"', name="   ")) == "target 1: 'name' is missing"


def test_name_of_the_wrong_type_is_reported_by_index():
    text = '[[target]]\nname = 7\nplatform = "credit"\n'
    message = error_of(text)
    assert message.startswith("target 1: ") and "'name' has the wrong type (int)" in message


def test_name_longer_than_100_characters():
    message = error_of(one('url = "https://a.example/"', name="站" * 101))
    assert "'name' is longer than 100 characters" in message


def test_duplicate_names():
    text = one('url = "https://a.example/"') + one('url = "https://b.example/"', name=" 目标甲 ")
    assert error_of(text) == "target “目标甲”: the name is used twice"


def test_not_toml():
    assert error_of("[[target]\nname = ").startswith("not valid TOML")


def test_top_level_keys_other_than_target():
    message = error_of('title = "x"\n' + one('url = "https://a.example/"'))
    assert "unknown top-level key(s): title" in message


def test_target_must_be_an_array_of_tables():
    message = error_of('[target]\nname = "a"\nplatform = "credit"\n')
    assert "'target' must be an array of tables" in message


def test_target_entry_that_is_not_a_table():
    assert error_of('target = [1]\n') == "target 1: not a table"


def test_target_from_mapping_uses_the_index_it_is_given():
    with pytest.raises(TargetsFileError, match=r"^target 5: 'name' is missing$"):
        target_from_mapping({"platform": "credit"}, 5)


# --- configured, probed, address, endpoint ---------------------------------------------------------------------


@pytest.mark.parametrize(("target", "configured"), [
    (ProbeTarget(name="a", platform="credit"), False),
    (ProbeTarget(name="a", platform="credit", url="https://a.example/"), True),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS), False),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, host="a.example"), True),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, url="https://a.example/"), True),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TCP), False),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TCP, host="db.example"), False),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TCP, host="db.example", port=1521), True),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.DNS), False),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.DNS, host="a.example"), True),
])
def test_configured_per_kind(target, configured):
    assert target.configured is configured
    assert target.probed is configured
    assert replace(target, enabled=False).probed is False


def test_http_host_does_not_configure_an_http_target():
    # An http target reads only its url; a host alone (which parsing refuses anyway) does not make it probed.
    assert ProbeTarget(name="a", platform="credit", host="a.example").configured is False


def test_disabled_target_is_configured_but_not_probed():
    target = ProbeTarget(name="a", platform="credit", url="https://a.example/", enabled=False)
    assert target.configured is True
    assert target.probed is False


@pytest.mark.parametrize(("target", "address"), [
    (ProbeTarget(name="a", platform="credit", url="https://a.example/x"), "https://a.example/x"),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TCP, host="db.example", port=1521), "db.example:1521"),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.DNS, host="a.example"), "a.example"),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, host="a.example"), "a.example"),
    (ProbeTarget(name="a", platform="credit"), ""),
])
def test_address(target, address):
    assert target.address == address


@pytest.mark.parametrize(("target", "endpoint"), [
    (ProbeTarget(name="a", platform="credit", url="https://a.example/x"), ("a.example", 443)),
    (ProbeTarget(name="a", platform="credit", url="http://a.example/x"), ("a.example", 80)),
    (ProbeTarget(name="a", platform="credit", url="http://a.example:8080/x"), ("a.example", 8080)),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, url="https://a.example/"), ("a.example", 443)),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, url="https://a.example:9443/"), ("a.example", 9443)),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, host="a.example"), ("a.example", 443)),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TLS, host="a.example", port=8443), ("a.example", 8443)),
    (ProbeTarget(name="a", platform="credit", kind=ProbeKind.TCP, host="10.0.0.5", port=1521), ("10.0.0.5", 1521)),
])
def test_endpoint(target, endpoint):
    assert target.endpoint() == endpoint


# --- dump and parse again --------------------------------------------------------------------------------------


VARIED = [
    ProbeTarget(name="信用平台-门户", platform="credit", url="https://xy.example.cn/", expect_status=200,
                keyword="欢迎 访问 信用平台", timeout_s=7.5, latency_threshold_ms=1500, module="信用信息采集"),
    ProbeTarget(name="审批系统-通川区", platform="approval", url="http://10.1.2.3:8080/login", timeout_s=10,
                district="通川区", username="xunjian", verify_tls=False),
    ProbeTarget(name="数据库 主库", platform="approval", kind=ProbeKind.TCP, host="db.example", port=1521,
                timeout_s=2),
    ProbeTarget(name="域名", platform="credit", kind=ProbeKind.DNS, host="xy.example.cn", timeout_s=0.5,
                enabled=False),
    ProbeTarget(name="证书", platform="credit", kind=ProbeKind.TLS, host="xy.example.cn", port=8443,
                cert_warning_days=0, notes="证书由厂商续期\n第二行 \"引号\""),
    ProbeTarget(name="未配置", platform="approval"),
    ProbeTarget(name="keyword only spaces", platform="credit", url="https://a.example/", keyword="   "),
    ProbeTarget(name="全部超时", platform="credit", url="https://a.example/", timeout_s=120.0),
]


def test_dump_then_parse_gives_the_same_targets():
    text = dump_targets(VARIED)
    parsed = parse_targets(text)
    assert parsed == VARIED
    assert [t.notes for t in parsed] == [t.notes for t in VARIED]  # notes are not compared, so check them too


@pytest.mark.parametrize("target", VARIED, ids=lambda t: t.name)
def test_each_target_round_trips_alone(target):
    (parsed,) = parse_targets(dump_targets([target]))
    assert parsed == target
    assert parsed.timeout_s == target.timeout_s


def test_dump_leaves_out_defaults_and_writes_whole_seconds_as_integers():
    text = dump_targets([ProbeTarget(name="甲", platform="credit", url="https://a.example/", timeout_s=10.0)])
    assert text.count("[[target]]") == 1
    assert re.search(r"^timeout_s = 10$", text, re.MULTILINE)
    assert 'kind = "http"' in text  # name, platform and kind are always written
    for absent in ("port", "expect_status", "verify_tls", "enabled", "host", "keyword"):
        assert not re.search(rf"^{absent} =", text, re.MULTILINE)


def test_dump_of_nothing_parses_to_nothing():
    assert parse_targets(dump_targets([])) == []


# --- the default catalogue -------------------------------------------------------------------------------------


def test_default_targets_cover_portals_modules_subsystems_and_districts():
    # Each platform's portal and modules (1 + 10 credit, 1 + 13 approval) and each district's hall (10): 35, the
    # sum of the parts (the brief said 36, which those parts do not add up to).
    catalogue = load_catalogue()
    targets = default_targets(catalogue)
    assert len(targets) == 11 + 14 + 10 == 35
    credit = [t for t in targets if t.platform == "credit"]
    approval = [t for t in targets if t.platform == "approval"]
    assert len(credit) == 11
    assert [t.name for t in credit if not t.module] == ["信用平台-门户"]
    assert [t.module for t in credit if t.module] == list(catalogue.platform("credit").modules)
    subsystems = [t for t in approval if t.module]
    districts = [t for t in approval if t.district]
    assert len(subsystems) + 1 == 14
    assert [t.module for t in subsystems] == list(catalogue.platform("approval").modules)
    assert [t.name for t in approval if not t.module and not t.district] == ["审批系统-门户"]
    assert [t.district for t in districts] == list(catalogue.districts)
    assert len(districts) == 10
    assert "审批系统-通川区" in {t.name for t in districts}
    assert not any(t.configured or t.probed for t in targets)
    assert all(t.enabled and t.kind is ProbeKind.HTTP for t in targets)
    assert max(Counter(t.name for t in targets).values()) == 1


def test_default_targets_survive_a_dump_and_parse():
    targets = default_targets(load_catalogue())
    assert parse_targets(dump_targets(targets)) == targets


# --- with_changes ----------------------------------------------------------------------------------------------


def test_with_changes_returns_a_checked_copy():
    target = ProbeTarget(name="甲", platform="credit")
    changed = with_changes(target, url="https://a.example/", expect_status=302)
    assert changed.url == "https://a.example/" and changed.expect_status == 302
    assert target.url == ""  # the original is untouched


@pytest.mark.parametrize(("changes", "field"), [
    ({"url": "ftp://a.example/"}, "'url'"),
    ({"kind": ProbeKind.TCP, "host": "db.example"}, "'port'"),
    ({"kind": ProbeKind.TCP, "host": "db.example", "port": 70000}, "'port'"),
    ({"timeout_s": 0}, "'timeout_s'"),
    ({"timeout_s": float("nan")}, "'timeout_s'"),
    ({"expect_status": 42}, "'expect_status'"),
])
def test_with_changes_validates(changes, field):
    target = ProbeTarget(name="甲", platform="credit")
    with pytest.raises(TargetsFileError) as caught:
        with_changes(target, **changes)
    assert str(caught.value).startswith("target “甲”: ")
    assert field in str(caught.value)
