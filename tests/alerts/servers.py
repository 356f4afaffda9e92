"""Real receivers on 127.0.0.1 for the alert tests: a JSON webhook (http.server in a thread) and a mail server
(aiosmtpd), plus a port nothing listens on."""

from __future__ import annotations

import email
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Posted:
    path: str
    body: dict


@dataclass
class Receiver:
    base: str
    posted: list[Posted] = field(default_factory=list)


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def json_receiver(hang_seconds: float = 10.0) -> Iterator[Receiver]:
    """Takes a POST anywhere and answers 200; under /fail it answers 500, under /hang it answers nothing for a
    while."""
    receiver = Receiver("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            receiver.posted.append(Posted(self.path, json.loads(raw.decode("utf-8"))))
            if self.path.startswith("/hang"):
                time.sleep(hang_seconds)
            self.send_response(500 if self.path.startswith("/fail") else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:  # the request line holds the token: print nothing
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.box.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))  # type: ignore[attr-defined]
        self.box.messages.append(email.message_from_bytes(envelope.content,  # type: ignore[attr-defined]
                                                          policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server(user: str | None = None, password: str | None = None,
                certificates: Path | None = None) -> Iterator[Mailbox]:
    """A mail server on 127.0.0.1. With `certificates` (a folder) it offers STARTTLS with a certificate of a test
    CA written there as ca.pem, and requires it; with `user` and `password` it requires that login."""
    box = Mailbox(free_port())
    kwargs: dict[str, object] = {}
    if certificates is not None:
        ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        ca.cert_pem.write_to_path(str(certificates / "ca.pem"))
        kwargs.update(tls_context=context, require_starttls=True)
    if password is not None:
        def check(server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=check, auth_required=True, auth_require_tls=certificates is not None)
    # aiosmtpd logs what a login sent at debug level: keep it out of the logs the tests read.
    server_log = logging.getLogger("mail.log")
    previous = server_log.propagate
    server_log.propagate = False
    controller = Controller(_Handler(box), hostname="127.0.0.1", port=box.port, **kwargs)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
        server_log.propagate = previous
