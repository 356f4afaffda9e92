"""A laptop facing a hub that answers badly on the wire: a proxy's HTML pages, bodies cut short or longer than they
say, answers that stall, trickle or never end, compressed bombs, JSON of the wrong shape, numbers no database holds,
pages that do not move on, and pages claiming records whose fields do not fit.

Everything here is real HTTP on 127.0.0.1: the laptop syncs through a small proxy (http.server in a thread) that
passes requests on to a real hub and, when told to, answers one kind of request with raw bytes of its own. Each
case checks three things: the sync stops with a `HubError` whose message says what happened; the laptop's database
is as it was (records, outbox, pending batch, cursor, parked records); and a later sync through the same address,
with the proxy behaving, completes with nothing lost.

test_sync_failures.py covers the same engine through a fake transport (a truncated page, a 500, a rev of the wrong
type, pages out of order, garbage in place of a push answer, nonsense push results); the cases here are the ones
only a real connection shows, and the checks the client makes on what it is sent.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

import dzdesk.sync.client as client_module
import dzdesk.sync.pull as pull
from dzdesk.config import DataDir
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.client import HubClient, HubError, HubProtocolError, HubUnreachableError
from dzdesk.sync.engine import SyncSummary, synchronise
from dzdesk.sync.protocol import SCHEMA_VERSION
from tests.support.hub import RunningHub, running_hub
from tests.sync.helpers import (
    SyncClient,
    add_fault,
    all_payloads,
    cursor,
    hub_counter,
    outbox,
    parked,
    payloads,
    pending_batch,
)

HTML_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
            b"</center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n")
SIGN_IN_PAGE = (b"<!doctype html><html><head><title>\xe5\x85\x8d\xe8\xb4\xb9 WiFi \xe8\xae\xa4\xe8\xaf\x81</title>"
                b"</head><body><form action=/login><input name=phone></form></body></html>")
TIMEOUT = httpx.Timeout(10.0)  # each read, as the real client's 30 s: a slow hub under load is not what is tested
SHORT = httpx.Timeout(0.5)  # each read, in the cases of an answer that stalls
DEADLINE = 1.0  # the whole answer; the real client waits 15 minutes
BOMB = gzip.compress(b'{"changes": [' + b" " * (20 * 1024 * 1024), compresslevel=1)  # 20 MB of spaces, 20 kB sent
MAX_ANSWER = 2 * 1024 * 1024  # the real client allows 128 MB


# -- the proxy ---------------------------------------------------------------------------------------------------
Forward = Callable[[], httpx.Response]
Spoiler = Callable[["Proxy", BaseHTTPRequestHandler, Forward], None]


@dataclass
class Proxy:
    """Passes every request to the hub; a request whose method and path match `spoil_on` is answered by
    `spoiler`, which writes what it likes to the socket, after passing the request on (`forward`) if it wants the
    hub's answer. `forwarded` is set once the hub has answered a spoiled request."""

    upstream: str
    spoiler: Spoiler | None = None
    spoil_on: tuple[str, str] = ("GET", "/v1/changes")
    spoiled: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    forwarded: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")}

                def forward() -> httpx.Response:
                    return httpx.request(self.command, proxy.upstream + self.path, headers=headers, content=body,
                                         timeout=30)

                if proxy.spoiler is not None and (self.command, self.path.split("?")[0]) == proxy.spoil_on:
                    proxy.spoiled += 1
                    self.close_connection = True

                    def forward_once() -> httpx.Response:
                        answer = forward()
                        proxy.forwarded.set()
                        return answer

                    # OSError: the client gave up and closed the connection, which is what some cases are about
                    with contextlib.suppress(OSError):
                        proxy.spoiler(proxy, self, forward_once)
                    return
                answer = forward()
                self.send_response(answer.status_code)
                for name in ("Content-Type", "Retry-After", "WWW-Authenticate"):
                    if name in answer.headers:
                        self.send_header(name, answer.headers[name])
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_HEAD = relay  # noqa: N815 (http.server's names)

        return Handler


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    """One real hub on SQLite for the module (the cases do not depend on the database behind the hub)."""
    with running_hub(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hub.sqlite3'}") as running:
        yield running


@pytest.fixture(scope="module")
def proxy(hub: RunningHub) -> Iterator[Proxy]:
    proxy = Proxy(hub.url)
    server = ThreadingHTTPServer(("127.0.0.1", 0), proxy.handler())
    server.daemon_threads = True
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.stop.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def behaving(proxy: Proxy) -> Iterator[Proxy]:
    """The proxy, passing everything on, again after each case however it ended."""
    proxy.spoiler, proxy.spoiled, proxy.spoil_on = None, 0, ("GET", "/v1/changes")
    proxy.stop.clear()
    proxy.forwarded.clear()
    yield proxy
    proxy.stop.set()  # wakes a stalled answer
    proxy.spoiler = None


@dataclass
class Laptop:
    sync_client: SyncClient

    @property
    def store(self) -> Any:
        return self.sync_client.store

    def sync(self, timeout: httpx.Timeout = TIMEOUT) -> SyncSummary:
        with HubClient(self.sync_client.hub_url, self.sync_client.token, timeout=timeout, deadline=DEADLINE) as hub:
            return synchronise(self.store, self.sync_client.blobs, hub)

    def state(self) -> dict[str, Any]:
        """Everything a failed sync must leave as it was."""
        return {"records": all_payloads(self.store), "outbox": outbox(self.store), "cursor": cursor(self.store),
                "pending": pending_batch(self.store), "parked": parked(self.store)}


@pytest.fixture(scope="module")
def pair(hub: RunningHub, proxy: Proxy, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Laptop, Laptop]]:
    """Two laptops of team 一组 for the module: the author's talks to the hub directly, the victim's through the
    proxy. Every case ends with the victim synced again, so the next starts from a clean state."""
    root = tmp_path_factory.mktemp("laptops")
    opened = []

    def make(name: str, url: str) -> Laptop:
        data_dir = DataDir(root / name).ensure()
        store = open_store(data_dir, author=name)
        opened.append(store)
        return Laptop(SyncClient(name, store, BlobStore(data_dir.blobs), hub.add_user(name), url))

    author, victim = make("张伟", hub.url), make("李娜", proxy.url)
    add_fault(author.store, "信用报告导出乱码")
    author.sync()
    victim.sync()
    yield author, victim
    for store in opened:
        store.close()


_faults = itertools.count()


@pytest.fixture
def laptops(pair: tuple[Laptop, Laptop], behaving: Proxy,
            monkeypatch: pytest.MonkeyPatch) -> tuple[Laptop, Laptop]:
    """The two laptops, the author having added a fault (and its history line) for the victim to pull."""
    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", MAX_ANSWER)
    author, _victim = pair
    add_fault(author.store, f"受理单打印空白 {next(_faults)}")
    author.sync()
    return pair


def recovers(author: Laptop, victim: Laptop, hub: RunningHub, proxy: Proxy) -> None:
    """With the proxy behaving, the victim's next sync completes and nothing is lost on either side."""
    proxy.spoiler = None
    victim.sync()
    author.sync()
    assert outbox(victim.store) == [] and pending_batch(victim.store) is None and parked(victim.store) == 0
    assert cursor(victim.store) == str(hub_counter(hub))
    for entity in ("incidents", "incident_events"):
        mine = payloads(victim.store, entity)
        assert mine == {k: v for k, v in payloads(author.store, entity).items() if k in mine}
        assert set(payloads(author.store, entity)) <= set(mine)


# -- raw answers -------------------------------------------------------------------------------------------------
def write(handler: BaseHTTPRequestHandler, status: str, headers: dict[str, str], body: bytes) -> None:
    """An answer written as bytes: the status line, these headers, this body; the connection is closed after."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    handler.wfile.write(f"HTTP/1.1 {status}\r\n{head}Connection: close\r\n\r\n".encode() + body)
    handler.wfile.flush()


def raw(status: str, headers: dict[str, str], body: bytes) -> Spoiler:
    """Answers with these bytes without asking the hub."""

    def spoil(_proxy: Proxy, handler: BaseHTTPRequestHandler, _forward: Forward) -> None:
        write(handler, status, headers, body)

    return spoil


def json_answer(make: Callable[[Any], Any]) -> Spoiler:
    """The hub's real answer, changed by `make`, sent as JSON with a correct length."""

    def spoil(_proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
        body = json.dumps(make(forward().json())).encode()
        write(handler, "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}, body)

    return spoil


def cut_short(_proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
    """Says the body is longer than it is, sends part of it, and hangs up."""
    body = forward().content
    write(handler, "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body) + 500)}, body[:-5])


def longer_than_said(_proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
    """Says the body is shorter than it is: the client reads that much, the start of a JSON document."""
    body = forward().content
    write(handler, "200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body) // 2)}, body)


def stalls(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
    """Passes the request on (a push is stored), sends the headers and the start of a body, then nothing, without
    hanging up."""
    forward()
    handler.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{"')
    handler.wfile.flush()
    proxy.stop.wait(30)


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


CHUNKED = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"


def trickles(proxy: Proxy, handler: BaseHTTPRequestHandler, _forward: Forward) -> None:
    """A chunked body that never ends, a space every tenth of a second: every read gets something."""
    handler.wfile.write(CHUNKED + _chunk(b'{"changes": ['))
    while not proxy.stop.wait(0.1):
        handler.wfile.write(_chunk(b" "))
        handler.wfile.flush()


def never_ends(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
    """Passes the request on, then answers with a chunked body that never ends, as fast as the client takes it."""
    forward()
    handler.wfile.write(CHUNKED + _chunk(b'{"changes": ["'))
    piece = _chunk(b"x" * 65536)
    while not proxy.stop.is_set():
        handler.wfile.write(piece)


def gzip_bomb(_proxy: Proxy, handler: BaseHTTPRequestHandler, _forward: Forward) -> None:
    """A small body that inflates to twenty megabytes of spaces."""
    write(handler, "200 OK", {"Content-Type": "application/json", "Content-Encoding": "gzip",
                              "Content-Length": str(len(BOMB))}, BOMB)


def nested(depth: int) -> Spoiler:
    body = b'{"changes": ' + b"[" * depth + b"]" * depth + b', "next_since": 1, "more": false}'
    return raw("200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}, body)


def with_record(**changes: Any) -> Spoiler:
    """The real page with its last record changed: `payload` entries are merged into the record's payload."""

    def make(page: dict[str, Any]) -> dict[str, Any]:
        last = page["changes"][-1]
        last["payload"].update(changes.get("payload", {}))
        last.update({k: v for k, v in changes.items() if k != "payload"})
        page["next_since"] = last["rev"]
        return page

    return json_answer(make)


def a_bad_record_after_good_ones(field_name: str, value: Any) -> Spoiler:
    """The real page (with its good records) and one more: a new incident whose `field_name` is `value`."""

    def make(page: dict[str, Any]) -> dict[str, Any]:
        fault = dict(next(c for c in page["changes"] if c["entity"] == "incidents"))
        record_id = str(uuid.uuid4())
        fault.update(id=record_id, rev=page["next_since"] + 1,
                     payload={**fault["payload"], "id": record_id, field_name: value})
        page["changes"].append(fault)
        page["next_since"] = fault["rev"]
        return page

    return json_answer(make)


def more_for_ever(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
    """An empty page that says there is more, and does not move on."""
    since = int(httpx.URL(handler.path).params["since"])
    json_answer(lambda _page: {"changes": [], "next_since": since, "more": True})(proxy, handler, forward)


def stop_after(spoiler: Spoiler, times: int) -> Spoiler:
    """The spoiled answer, then a 500: a client that does not notice would otherwise ask for ever."""

    def spoil(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
        if proxy.spoiled > times:
            write(handler, "500 Internal Server Error", {"Content-Type": "application/json", "Content-Length": "2"},
                  b"{}")
        else:
            spoiler(proxy, handler, forward)

    return spoil


HUGE = 10**30
PULL_CASES: dict[str, tuple[Spoiler, type[HubError], str]] = {
    "proxy error page": (raw("502 Bad Gateway", {"Content-Type": "text/html", "Content-Length": str(len(HTML_502))},
                             HTML_502), HubError,
                         r"^the hub answered 502: an HTML page \(502 Bad Gateway\), not the hub's own answer"),
    "sign-in page": (raw("200 OK", {"Content-Type": "text/html; charset=utf-8",
                                    "Content-Length": str(len(SIGN_IN_PAGE))}, SIGN_IN_PAGE),
                     HubProtocolError, r"the answer is text/html, not the hub's JSON.*a proxy or a sign-in page"),
    "no content type": (raw("200 OK", {"Content-Length": "2"}, b"{}"), HubProtocolError,
                        "the answer is of no declared type, not the hub's JSON"),
    "cut short": (cut_short, HubUnreachableError, "the connection to the hub broke off"),
    "longer than said": (longer_than_said, HubProtocolError, r"the hub's answer is not valid \(the body: Invalid JSON"),
    "stalls": (stalls, HubUnreachableError, "did not answer in time"),
    "trickles for ever": (trickles, HubUnreachableError, r"did not finish its answer within 1 s; nothing was changed"),
    "never ends": (never_ends, HubProtocolError, r"the hub's answer is larger than 2 MB; nothing was changed"),
    "declares ten gigabytes": (raw("200 OK", {"Content-Type": "application/json", "Content-Length": str(10 * 2**30)},
                                   b"{}"), HubProtocolError, r"would be 10240 MB, more than 2 MB"),
    "gzip bomb": (gzip_bomb, HubProtocolError, "larger than 2 MB"),
    "null": (json_answer(lambda _page: None), HubProtocolError, "the hub's answer is not valid"),
    "a list": (json_answer(lambda page: [page]), HubProtocolError, "the hub's answer is not valid"),
    "text for numbers": (json_answer(lambda page: {**page, "next_since": "seven", "more": "perhaps"}),
                         HubProtocolError, r"not valid \(next_since"),
    "nested ten thousand deep": (nested(10_000), HubProtocolError, "the hub's answer is not valid"),
    "a cursor past 64 bits": (json_answer(lambda page: {"changes": [], "next_since": HUGE, "more": False}),
                              HubProtocolError, r"ends at 100000000000…\(31 digits\), not after its last change"),
    "a cursor going back": (json_answer(lambda page: {"changes": [], "next_since": 0, "more": False}),
                            HubProtocolError, "not after its last change"),
    "more, for ever": (stop_after(more_for_ever, 5), HubProtocolError, "not after its last change"),
    "a revision past 64 bits": (with_record(rev=HUGE), HubProtocolError,
                                r"the hub sent incident\w* [0-9a-f]{8} with the revision 100000000000…\(31 digits\)"),
    "a record holding another id": (with_record(payload={"id": str(uuid.uuid4())}), HubProtocolError,
                                    "holding the id"),
    "a record with a number for text": (a_bad_record_after_good_ones("title", 12), HubProtocolError,
                                        r"cannot read \(incidents.title: expected text\)"),
    "a record with a date that is none": (a_bad_record_after_good_ones("reported_at", "上周五"), HubProtocolError,
                                          r"cannot read \(incidents.reported_at: Invalid isoformat"),
    "a record with a missing title": (a_bad_record_after_good_ones("title", None), HubProtocolError,
                                      r"incidents.title: may not be empty"),
    "a record with text too long": (a_bad_record_after_good_ones("title", "长" * 100_000), HubProtocolError,
                                    r"incidents.title: longer than 200 characters"),
    "a record with a list for a value": (a_bad_record_after_good_ones("module", ["信用报告"]), HubProtocolError,
                                         "incidents.module: expected text"),
}


@pytest.mark.parametrize("case", PULL_CASES, ids=list(PULL_CASES))
def test_a_hostile_page_is_refused_in_words_and_changes_nothing(case: str, laptops: tuple[Laptop, Laptop],
                                                                behaving: Proxy, hub: RunningHub) -> None:
    spoiler, error, message = PULL_CASES[case]
    author, victim = laptops
    before = victim.state()
    assert before["cursor"] not in (None, "0") and before["records"]["incidents"]  # something to keep
    behaving.spoiler = spoiler

    with pytest.raises(error, match=message) as caught:
        victim.sync(SHORT if case == "stalls" else TIMEOUT)

    assert behaving.spoiled >= 1
    if error is not HubError:
        assert type(caught.value) is error
    assert victim.state() == before
    recovers(author, victim, hub, behaving)


def test_a_page_larger_than_asked_for_is_refused(laptops: tuple[Laptop, Laptop], behaving: Proxy,
                                                 hub: RunningHub, monkeypatch: pytest.MonkeyPatch) -> None:
    author, victim = laptops
    add_fault(author.store, "网上大厅无法登录")
    author.sync()
    monkeypatch.setattr(pull, "PAGE_SIZE", 1)
    before = victim.state()
    behaving.spoil_on = ("GET", "/v1/changes")

    def whole_feed(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
        page = httpx.get(f"{hub.url}/v1/changes", params={"since": before["cursor"], "schema_version": SCHEMA_VERSION},
                         headers={"Authorization": handler.headers["Authorization"]}).json()
        json_answer(lambda _page: page)(proxy, handler, forward)

    behaving.spoiler = whole_feed
    with pytest.raises(HubProtocolError, match=r"the hub sent \d+ changes for a page of 1"):
        victim.sync()
    assert victim.state() == before
    recovers(author, victim, hub, behaving)


# -- answers to a push -------------------------------------------------------------------------------------------
def after_forward(spoiler: Spoiler) -> Spoiler:
    """The spoiled answer, after the hub has really been sent the request."""

    def spoil(proxy: Proxy, handler: BaseHTTPRequestHandler, forward: Forward) -> None:
        forward()
        spoiler(proxy, handler, forward)

    return spoil


def result_revs(rev: int) -> Spoiler:
    return json_answer(lambda answer: {**answer, "results": [{**r, "rev": rev} for r in answer["results"]]})


PUSH_CASES: dict[str, tuple[Spoiler, type[HubError], str]] = {
    "proxy error page": (after_forward(raw("502 Bad Gateway", {"Content-Type": "text/html",
                                                               "Content-Length": str(len(HTML_502))}, HTML_502)),
                         HubError, r"^the hub answered 502: an HTML page \(502 Bad Gateway\)"),
    "stalls": (stalls, HubUnreachableError, "did not answer in time"),
    "never ends": (never_ends, HubProtocolError, "larger than 2 MB"),
    "a revision past 64 bits": (result_revs(HUGE), HubProtocolError, r"the revision 100000000000…\(31 digits\)"),
    "a revision of 0 for a stored change": (result_revs(0), HubProtocolError, "the revision 0"),
}


@pytest.mark.parametrize("case", PUSH_CASES, ids=list(PUSH_CASES))
def test_a_hostile_answer_to_a_push_keeps_the_changes_queued(case: str, laptops: tuple[Laptop, Laptop],
                                                             behaving: Proxy, hub: RunningHub) -> None:
    """The hub stored the batch (the proxy passed it on) but the laptop never got a usable answer: the changes stay
    in the outbox and the batch is resent as it was, and answered from the hub's records, not applied twice."""
    spoiler, error, message = PUSH_CASES[case]
    author, victim = laptops
    mine = add_fault(victim.store, f"窗口打印机卡纸（{case}）")
    before = victim.state()
    assert before["outbox"] and before["pending"] is None
    counter = hub_counter(hub)
    behaving.spoil_on, behaving.spoiler = ("POST", "/v1/push"), spoiler

    with pytest.raises(error, match=message):
        victim.sync(SHORT if case == "stalls" else TIMEOUT)

    after = victim.state()
    waiting = after.pop("pending")
    assert {(c["entity"], c["id"]) for c in waiting["request"]["changes"]} == set(before["outbox"])
    assert after == {k: v for k, v in before.items() if k != "pending"}
    assert behaving.forwarded.wait(10)
    stored = hub_counter(hub)
    assert stored == counter + len(before["outbox"])  # the hub did store the batch

    recovers(author, victim, hub, behaving)
    assert hub_counter(hub) == stored  # the resent batch was answered from the hub's records
    assert payloads(author.store, "incidents")[mine]["title"] == f"窗口打印机卡纸（{case}）"


def test_the_proxy_passes_a_clean_sync_through(laptops: tuple[Laptop, Laptop], behaving: Proxy,
                                               hub: RunningHub) -> None:
    """The control for the cases above: with nothing spoiled, the victim's sync through the proxy works."""
    author, victim = laptops
    summary = victim.sync()
    assert summary.pulled >= 1 and behaving.spoiled == 0
    assert set(payloads(victim.store, "incidents")) == set(payloads(author.store, "incidents"))
