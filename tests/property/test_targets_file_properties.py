"""The probe targets file (TOML the team edits by hand) under hostile text: any text is either a list of targets or
a `TargetsFileError` naming the target and the field; a valid list survives dump → parse and the real store
unchanged.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st

from dzdesk.domain.probe_target import (
    _FIELDS,
    MAX_LATENCY_THRESHOLD_MS,
    MAX_TIMEOUT_S,
    ProbeKind,
    ProbeTarget,
    TargetsFileError,
    dump_targets,
    parse_targets,
    target_from_mapping,
)
from dzdesk.store.probe_repo import list_targets, save_target
from tests.property import fewer

PLATFORMS = ("credit", "approval")
_WHERE = re.compile(r"^target (“[^”]*”|\d+): ")


def parse_or_refuse(text: str) -> list[ProbeTarget] | TargetsFileError:
    """The documented outcomes only; any other exception escapes and fails the test."""
    try:
        return parse_targets(text)
    except TargetsFileError as exc:
        assert str(exc).strip(), "a refusal must say why"
        return exc


@given(text=st.text(max_size=400))
@example(text='[[target]]\nname = "a"\nplatform = "credit"\nurl = "http://["\n')  # half an IPv6 address
@example(text='[[target]]\nname = "a"\nplatform = "credit"\nurl = "http://a"\ntimeout_s = ' + "9" * 400 + "\n")
@example(text="x = " + "9" * 5000 + "\n")  # beyond Python's limit on digits of an integer
@example(text="x = " + "[" * 3000 + "]" * 3000 + "\n")  # deeper than the parser's recursion
@example(text='target = "not a table"\n')
@example(text="[[target]]\n[[target]]\nname = 1\n")
def test_any_text_is_targets_or_a_refusal_in_words(text: str) -> None:
    parse_or_refuse(text)


# TOML values of every type, so each field also meets values of the wrong type.
toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
              st.sampled_from(["credit", "approval", "http", "tcp", "dns", "tls", "https://a.example/", "10.0.0.1",
                               "http://[::1", "https://a.example:0/", "ftp://a.example/", " "])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)
field_names = st.one_of(st.sampled_from(sorted(_FIELDS)), st.text(max_size=12))


@given(entry=st.dictionaries(field_names, toml_values, max_size=8), index=st.integers(1, 50))
def test_any_table_is_a_target_or_names_the_target_and_the_field(entry: dict[str, Any], index: int) -> None:
    """One [[target]] table as the TOML parser or the editor form hands it over, with any keys and values."""
    try:
        target = target_from_mapping(entry, index, PLATFORMS)
    except TargetsFileError as exc:
        message = str(exc)
        assert _WHERE.match(message), f"the message must name the target: {message!r}"
        named = entry.get("name")
        if isinstance(named, str) and named.strip():
            assert message.startswith(f"target “{named}”")
        else:
            assert message.startswith(f"target {index}: ")
        assert re.search(r"'[^']*'|http|tcp|dns|tls", message), f"the message must name the field: {message!r}"
        return
    assert target.name and len(target.name) <= 100 and target.platform in PLATFORMS
    assert 0 < float(target.timeout_s) <= MAX_TIMEOUT_S


_NAME_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
_text = st.text(_NAME_CHARS, max_size=40)
_host = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,10}){0,3}", fullmatch=True)
_url = st.builds(lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
                 st.sampled_from(["http", "https"]), _host,
                 st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")),
                 st.from_regex(r"[a-z0-9/_.-]{0,20}", fullmatch=True))
_timeouts = st.one_of(st.integers(1, int(MAX_TIMEOUT_S)),
                      st.floats(min_value=0.001, max_value=MAX_TIMEOUT_S, allow_nan=False, allow_infinity=False))
_optional_int = st.one_of(st.none(), st.integers(1, MAX_LATENCY_THRESHOLD_MS))


@st.composite
def valid_targets(draw: st.DrawFn, name: str) -> ProbeTarget:
    """A target the file format accepts, of any kind, with every optional field sometimes set."""
    kind = draw(st.sampled_from(list(ProbeKind)))
    common: dict[str, Any] = {
        "name": name, "platform": draw(st.sampled_from(PLATFORMS)), "kind": kind, "timeout_s": draw(_timeouts),
        "latency_threshold_ms": draw(_optional_int), "verify_tls": draw(st.booleans()),
        "cert_warning_days": draw(st.one_of(st.none(), st.integers(0, 365))),
        "module": draw(_text).strip(), "district": draw(_text).strip(), "username": draw(_text).strip(),
        "enabled": draw(st.booleans()), "notes": draw(st.text(_NAME_CHARS, max_size=80)).strip(),
    }
    if kind is ProbeKind.HTTP:
        common |= {"url": draw(st.one_of(st.just(""), _url)),
                   "expect_status": draw(st.one_of(st.none(), st.integers(100, 599))),
                   "keyword": draw(st.text(_NAME_CHARS, max_size=20))}
    elif kind is ProbeKind.TLS:
        if draw(st.booleans()):
            common["url"] = draw(_url.map(lambda u: "https" + u[u.index(":"):]))
        else:
            common |= {"host": draw(st.one_of(st.just(""), _host)), "port": draw(st.one_of(st.none(),
                                                                                          st.integers(1, 65535)))}
    else:
        host = draw(st.one_of(st.just(""), _host))
        port = draw(st.integers(1, 65535)) if kind is ProbeKind.TCP and host else draw(
            st.one_of(st.none(), st.integers(1, 65535)))
        common |= {"host": host, "port": port}
    return ProbeTarget(**common)


target_lists = st.lists(st.text(_NAME_CHARS, min_size=1, max_size=100).map(str.strip).filter(bool),
                        min_size=1, max_size=5, unique=True).flatmap(
    lambda names: st.tuples(*(valid_targets(name) for name in names)).map(list))


@given(targets=target_lists)
def test_dump_then_parse_gives_the_same_targets(targets: list[ProbeTarget]) -> None:
    """What the targets dialog exports, it (or a teammate's copy) imports unchanged, whatever the names hold:
    quotes, backslashes, line breaks, CJK, emoji."""
    text = dump_targets(targets)
    assert parse_targets(text) == targets
    assert dump_targets(parse_targets(text)) == text, "a second export must not drift"
    assert all(isinstance(t, dict) for t in tomllib.loads(text)["target"])


@given(targets=target_lists)
@fewer(3)
def test_an_accepted_target_is_stored_and_read_back_unchanged(store, targets: list[ProbeTarget]) -> None:
    """Whatever the file format accepts, the real database can hold: no integer too wide for SQLite."""
    with store.transaction() as session:
        for target in targets:
            existing = {record.name: record.id for record in list_targets(session)}
            save_target(session, target, existing.get(target.name))
    with store.session() as session:
        stored = {record.name: record.to_target() for record in list_targets(session)}
    assert [stored[t.name] for t in targets] == targets


_SPOILERS = [
    ("port", 0), ("port", 65536), ("timeout_s", 0), ("timeout_s", 10 ** 30), ("timeout_s", float("nan")),
    ("latency_threshold_ms", 0), ("latency_threshold_ms", 2 ** 70), ("cert_warning_days", 366),
    ("platform", "other"), ("kind", "ftp"), ("url", "http://["), ("enabled", "yes"), ("colour", "red"),
]


@pytest.mark.parametrize(("field", "value"), _SPOILERS, ids=[f"{f}={v!r}"[:30] for f, v in _SPOILERS])
@given(targets=target_lists, data=st.data())
@fewer(4)
def test_a_file_with_one_bad_target_is_refused_whole(field: str, value: object, targets: list[ProbeTarget],
                                                      data: st.DataObject) -> None:
    """Spoil one field of one target of a valid file: the whole file is refused, naming that target. A latency
    threshold of 2**70 ms would otherwise reach SQLite, whose integers have 64 bits."""
    index = data.draw(st.integers(0, len(targets) - 1))
    tables = tomllib.loads(dump_targets(targets))["target"]
    tables[index][field] = value
    text = "\n".join("[[target]]\n" + tomli_w.dumps(table) for table in tables)
    refusal = parse_or_refuse(text)
    assert isinstance(refusal, TargetsFileError), f"{field} = {value!r} was accepted"
    assert str(refusal).startswith(f"target “{targets[index].name}”")
