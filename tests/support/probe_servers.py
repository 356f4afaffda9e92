"""Real HTTP and HTTPS servers on 127.0.0.1 for the probe tests and benchmarks, with a test CA from trustme."""

from __future__ import annotations

import base64
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import trustme

PAGE = "<html><body>达州市工程建设项目审批管理系统 网上大厅</body></html>"
USER, PASSWORD = "probe", "s3cret-巡检"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/slow":
            time.sleep(int(query.get("ms", ["1000"])[0]) / 1000)
            self._send(200, PAGE.encode())
        elif parts.path == "/error":
            self._send(500, b"internal error")
        elif parts.path == "/loop":
            self._send(302, b"", {"Location": "/loop"})
        elif parts.path == "/redirect":
            self._send(302, b"", {"Location": "/"})
        elif parts.path == "/gbk":
            self._send(200, PAGE.encode("gbk"), {"Content-Type": "text/html"})
        elif parts.path.startswith("/gbk-broken/"):
            # A GBK page with one malformed byte in it, declared in the header, in a <meta> tag, or not at all.
            declared = parts.path.rsplit("/", 1)[1]
            meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' if declared == "meta" else ""
            head, tail = f"<html><head>{meta}</head><body>公告：".encode("gbk"), PAGE.encode("gbk")
            body = head + b"\x81" + tail  # 0x81 opens a two-byte GBK character that never comes
            content_type = "text/html; charset=GBK" if declared == "header" else "text/html"
            self._send(200, body, {"Content-Type": content_type})
        elif parts.path == "/auth":
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") == expected:
                self._send(200, PAGE.encode())
            else:
                self._send(401, b"", {"WWW-Authenticate": 'Basic realm="probe"'})
        else:
            self._send(200, PAGE.encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a sweep connects to every target at once; the default backlog of 5 drops some

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that refuses our certificate is what some tests want


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """A server on a free loopback port; yields its base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    scheme = "https" if tls is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class TestCA:
    """A certificate authority for loopback servers; `bundle` is the PEM file clients trust."""

    def __init__(self, directory) -> None:
        self.ca = trustme.CA(organization_name="dzdesk test CA")
        self.bundle = directory / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.bundle))

    def server_context(self, *names: str, expired: bool = False, valid_days: int | None = None) -> ssl.SSLContext:
        names = names or ("127.0.0.1", "localhost")
        now = datetime.now(UTC)
        if expired:
            cert = self.ca.issue_cert(*names, not_before=now - timedelta(days=60), not_after=now - timedelta(days=2))
        elif valid_days is not None:
            cert = self.ca.issue_cert(*names, not_before=now - timedelta(days=1),
                                      not_after=now + timedelta(days=valid_days, hours=12))
        else:
            cert = self.ca.issue_cert(*names)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert.configure_cert(context)
        return context


def closed_port() -> int:
    """A loopback port nothing listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
