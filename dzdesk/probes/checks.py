"""One probe of each kind. Each returns a `ProbeOutcome` and never raises for anything the network does."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from datetime import UTC, datetime

import httpx

from dzdesk.domain.probe_outcome import CertInfo, Failure, ProbeOutcome, Warning_
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget
from dzdesk.domain.timefmt import format_day
from dzdesk.probes.certificates import cert_info
from dzdesk.probes.options import ProbeOptions
from dzdesk.probes.page_text import page_text

BODY_LIMIT = 2 * 1024 * 1024  # enough for any portal page; a keyword beyond it is reported as missing


async def probe(target: ProbeTarget, options: ProbeOptions) -> ProbeOutcome:
    """Probes `target` within its own timeout."""
    started_at = datetime.now(UTC)
    clock = time.perf_counter()
    check = _CHECKS[target.kind]
    try:
        async with asyncio.timeout(float(target.timeout_s)):
            outcome = await check(target, options, started_at, clock)
    except TimeoutError:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.TIMEOUT,
                            f"{float(target.timeout_s):g} s", warnings=_verify_warning(target))
    return _apply_thresholds(target, options, outcome)


def _elapsed(clock: float) -> float:
    return round((time.perf_counter() - clock) * 1000, 1)


def _verify_warning(target: ProbeTarget) -> tuple[Warning_, ...]:
    uses_tls = target.kind is ProbeKind.TLS or target.url.startswith("https://")
    return (Warning_.VERIFY_OFF,) if uses_tls and not target.verify_tls else ()


def _apply_thresholds(target: ProbeTarget, options: ProbeOptions, outcome: ProbeOutcome) -> ProbeOutcome:
    warnings = list(outcome.warnings)
    days = outcome.cert_days_left()
    warn_days = target.cert_warning_days if target.cert_warning_days is not None else options.cert_warning_days
    if days is not None and 0 <= days <= warn_days:
        warnings.append(Warning_.CERT_EXPIRING)
    ok, failure, detail = outcome.ok, outcome.failure, outcome.detail
    if ok and days is not None and days < 0 and outcome.cert is not None:
        # Even with verification off: browsers stop the platform's users at an expired certificate.
        ok, failure, detail = False, Failure.CERT_EXPIRED, f"expired {format_day(outcome.cert.not_after)}"
    threshold = target.latency_threshold_ms
    if ok and threshold is not None and outcome.latency_ms is not None and outcome.latency_ms > threshold:
        ok, failure, detail = False, Failure.SLOW, f"{outcome.latency_ms:.0f} ms > {threshold} ms"
    return ProbeOutcome(outcome.target, outcome.started_at, ok, outcome.latency_ms, failure, detail,
                        outcome.status_code, outcome.redirects, outcome.phases, outcome.cert, tuple(warnings))


async def _check_dns(target: ProbeTarget, _options: ProbeOptions, started_at: datetime,
                     clock: float) -> ProbeOutcome:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(target.host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.DNS, str(exc))
    addresses = sorted({str(info[4][0]) for info in infos})
    return ProbeOutcome(target.name, started_at, True, _elapsed(clock), detail=", ".join(addresses[:4]))


async def _check_tcp(target: ProbeTarget, _options: ProbeOptions, started_at: datetime,
                     clock: float) -> ProbeOutcome:
    host, port = target.endpoint()
    try:
        _reader, writer = await asyncio.open_connection(host, port)
    except socket.gaierror as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.DNS, str(exc))
    except OSError as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.REFUSED,
                            exc.strerror or str(exc))
    latency = _elapsed(clock)
    await _close(writer)
    return ProbeOutcome(target.name, started_at, True, latency, phases={"connect_ms": latency})


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError, ssl.SSLError):
        await writer.wait_closed()


async def _handshake(host: str, port: int, context: ssl.SSLContext) -> tuple[bytes, float]:
    """The peer's certificate (DER) after a TLS handshake, and the handshake's duration in ms."""
    clock = time.perf_counter()
    _reader, writer = await asyncio.open_connection(host, port, ssl=context, server_hostname=host)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        return der or b"", _elapsed(clock)
    finally:
        await _close(writer)


async def _check_tls(target: ProbeTarget, options: ProbeOptions, started_at: datetime,
                     clock: float) -> ProbeOutcome:
    host, port = target.endpoint()
    warnings = _verify_warning(target)
    verify_error = ""
    try:
        der, handshake_ms = await _handshake(host, port, options.context(target.verify_tls))
    except ssl.SSLCertVerificationError as exc:
        verify_error = exc.verify_message or str(exc)
        try:  # look again without verifying, to tell the team what is wrong with the certificate
            der, handshake_ms = await _handshake(host, port, options.unverified_context)
        except (OSError, ssl.SSLError):
            der, handshake_ms = b"", _elapsed(clock)
    except socket.gaierror as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.DNS, str(exc), warnings=warnings)
    except ssl.SSLError as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.TLS, exc.reason or str(exc),
                            warnings=warnings)
    except OSError as exc:
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.REFUSED,
                            exc.strerror or str(exc), warnings=warnings)
    latency = _elapsed(clock)
    cert = _safe_cert_info(der, host)
    failure, detail = _certificate_failure(cert, started_at, verify_error)
    return ProbeOutcome(target.name, started_at, failure is None, latency, failure, detail,
                        phases={"tls_ms": handshake_ms}, cert=cert, warnings=warnings)


def _safe_cert_info(der: bytes, host: str) -> CertInfo | None:
    if not der:
        return None
    try:
        return cert_info(der, host)
    except ValueError:
        return None


def _certificate_failure(cert: CertInfo | None, now: datetime, verify_error: str) -> tuple[Failure | None, str]:
    if cert is not None and cert.not_after <= now:
        return Failure.CERT_EXPIRED, f"expired {format_day(cert.not_after)}"
    if verify_error:
        return Failure.CERTIFICATE, verify_error
    return None, ""


class _Timings:
    """Phase timings from httpcore's trace events; a redirect's later hops overwrite the earlier ones."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.der = b""

    async def __call__(self, event: str, info: dict[str, object]) -> None:
        self.marks[event] = time.perf_counter()
        if event == "connection.start_tls.complete":
            stream = info.get("return_value")
            ssl_object = stream.get_extra_info("ssl_object") if hasattr(stream, "get_extra_info") else None
            if ssl_object is not None:
                self.der = ssl_object.getpeercert(binary_form=True) or b""

    def phases(self) -> dict[str, float]:
        spans = {"connect_ms": ("connection.connect_tcp.started", "connection.connect_tcp.complete"),
                 "tls_ms": ("connection.start_tls.started", "connection.start_tls.complete"),
                 "ttfb_ms": ("http11.send_request_headers.started", "http11.receive_response_headers.complete")}
        found = {}
        for name, (start, end) in spans.items():
            if start in self.marks and end in self.marks and self.marks[end] >= self.marks[start]:
                found[name] = round((self.marks[end] - self.marks[start]) * 1000, 1)
        return found


async def _check_http(target: ProbeTarget, options: ProbeOptions, started_at: datetime,
                      clock: float) -> ProbeOutcome:
    warnings = _verify_warning(target)
    auth = None
    if target.username:
        password = options.passwords.get(target.name)
        if password is None:
            return ProbeOutcome(target.name, started_at, False, None, Failure.CREDENTIALS,
                                f"no password stored for user {target.username}", warnings=warnings)
        auth = httpx.BasicAuth(target.username, password)
    timings = _Timings()
    timeout = httpx.Timeout(float(target.timeout_s))
    async with httpx.AsyncClient(verify=options.context(target.verify_tls), trust_env=options.trust_env,
                                 follow_redirects=True, max_redirects=10, timeout=timeout, auth=auth,
                                 headers={"User-Agent": "dzdesk-probe"}) as client:
        try:
            async with client.stream("GET", target.url, extensions={"trace": timings}) as response:
                body = await _read_limited(response)
        except httpx.TooManyRedirects as exc:
            return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.REDIRECTS, str(exc),
                                warnings=warnings)
        except httpx.ConnectError as exc:
            return _connect_failure(target, started_at, clock, exc, warnings)
        except httpx.TimeoutException:
            return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.TIMEOUT,
                                f"{float(target.timeout_s):g} s", warnings=warnings)
        except (httpx.HTTPError, UnicodeError) as exc:
            return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.PROTOCOL,
                                str(exc) or type(exc).__name__, warnings=warnings)
    latency = _elapsed(clock)
    cert = _safe_cert_info(timings.der, response.url.host)
    common = {"status_code": response.status_code, "redirects": len(response.history),
              "phases": timings.phases(), "cert": cert, "warnings": warnings}
    expected = target.expect_status
    if (expected is not None and response.status_code != expected) or (expected is None and
                                                                        response.status_code >= 400):
        wanted = f"expected {expected}" if expected is not None else "expected below 400"
        return ProbeOutcome(target.name, started_at, False, latency, Failure.STATUS,
                            f"{response.status_code} ({wanted})", **common)
    if target.keyword and target.keyword not in page_text(body, response.charset_encoding):
        return ProbeOutcome(target.name, started_at, False, latency, Failure.KEYWORD, target.keyword, **common)
    return ProbeOutcome(target.name, started_at, True, latency, **common)


def _connect_failure(target: ProbeTarget, started_at: datetime, clock: float, exc: httpx.ConnectError,
                     warnings: tuple[Warning_, ...]) -> ProbeOutcome:
    cause = exc.__context__ or exc.__cause__
    while cause is not None and not isinstance(cause, (ssl.SSLError, socket.gaierror)):
        cause = cause.__context__ or cause.__cause__
    if isinstance(cause, ssl.SSLCertVerificationError):
        message = cause.verify_message or str(cause)
        failure = Failure.CERT_EXPIRED if "expired" in message else Failure.CERTIFICATE
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), failure, message, warnings=warnings)
    if isinstance(cause, ssl.SSLError):
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.TLS,
                            cause.reason or str(cause), warnings=warnings)
    if isinstance(cause, socket.gaierror) or "Name or service not known" in str(exc):
        return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.DNS, str(exc), warnings=warnings)
    return ProbeOutcome(target.name, started_at, False, _elapsed(clock), Failure.REFUSED, str(exc) or "connect failed",
                        warnings=warnings)


async def _read_limited(response: httpx.Response) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= BODY_LIMIT:
            break
    return b"".join(chunks)


_CHECKS = {ProbeKind.DNS: _check_dns, ProbeKind.TCP: _check_tcp, ProbeKind.TLS: _check_tls,
           ProbeKind.HTTP: _check_http}
