"""`dzdesk verify FILE.pdf` and `dzdesk signing …`: checking an issued report, and setting the team's signing
certificate on this machine.

The certificate's password is read from a prompt, standard input or DZDESK_SIGNING_PASSWORD, never from the command
line (where `ps` and the shell history would keep it), and kept in the keyring.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from dzdesk.commands.common import CommandError, command_context, data_dir_from, data_dir_options, load_settings
from dzdesk.domain.timefmt import format_day, format_local, iso_local
from dzdesk.operations.signing import set_certificate, set_timestamp_url, signing_key, trust_roots
from dzdesk.operations.verify import verify_report
from dzdesk.reports.signing import SigningError
from dzdesk.secrets import ENV_SIGNING_PASSWORD, KeyringUnavailableError, hub_token
from dzdesk.sync.client import HubClient


def register(subparsers: argparse._SubParsersAction) -> None:
    verify = subparsers.add_parser(
        "verify", help="check a report: its signature, its verification code, and the registers of issued reports",
        parents=[data_dir_options()])
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument("--ca", type=Path, action="append", default=[], metavar="FILE",
                        help="also trust the certificates in FILE (PEM) as signers' CAs; may be repeated")
    verify.add_argument("--offline", action="store_true", help="do not ask the hub's register")
    verify.set_defaults(func=run_verify)
    signing = subparsers.add_parser("signing", help="the team's certificate that signs reports on this machine",
                                    parents=[data_dir_options()])
    actions = signing.add_subparsers(dest="action", metavar="ACTION", required=True)
    certificate = actions.add_parser(
        "set-certificate", parents=[data_dir_options()],
        help=f"set the team's PKCS#12 certificate (password from a prompt, stdin or {ENV_SIGNING_PASSWORD})")
    certificate.add_argument("file", type=Path, metavar="FILE.p12")
    certificate.add_argument("--trust", type=Path, default=None, metavar="CA.pem",
                             help="also trust these CA certificates when verifying signatures")
    certificate.set_defaults(func=run_set_certificate)
    timestamp = actions.add_parser("timestamp", help="the timestamp server signatures ask (a URL, or off)",
                                   parents=[data_dir_options()])
    timestamp.add_argument("url", metavar="URL|off")
    timestamp.set_defaults(func=run_timestamp)
    show = actions.add_parser("show", help="the certificate that signs on this machine", parents=[data_dir_options()])
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(func=run_show)


def run_verify(args: argparse.Namespace) -> int:
    path: Path = args.file.expanduser()
    if not path.is_file():
        raise CommandError(f"{path}: no such file", exit_code=2)
    with command_context(args) as ctx:
        try:
            trust = trust_roots(ctx.settings, args.ca)
        except SigningError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        url, settings = ctx.settings.hub_url.rstrip("/"), ctx.settings
        factory, why_not = None, "no hub is set on this machine"
        if args.offline:
            why_not = "--offline"
        elif url:
            try:
                token = hub_token(url)
            except KeyringUnavailableError:
                token = None
            why_not = f"not signed in to {url} (`dzdesk login --hub {url}`)"
            if token:
                def factory() -> HubClient:
                    return HubClient(url, token, settings.hub_ca_bundle)
        try:
            result = verify_report(path, ctx.store, factory, url or "hub", trust, why_not)
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})", exit_code=2) from exc
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print(f"{path}: {result.verdict.value.upper()} — {result.summary}")
        for line in result.lines:
            print(f"  {line}")
    return result.exit_code


def _read_password(path: Path) -> str:
    from_env = os.environ.get(ENV_SIGNING_PASSWORD)
    if from_env:
        return from_env
    password = (getpass.getpass(f"Password of {path.name}: ") if sys.stdin.isatty()
                else sys.stdin.readline().rstrip("\r\n"))
    if not password:
        raise CommandError("no password given", exit_code=2)
    return password


def run_set_certificate(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    path: Path = args.file.expanduser()
    if not path.is_file():
        raise CommandError(f"{path}: no such file", exit_code=2)
    try:
        done = set_certificate(data_dir, settings, path, _read_password(path), args.trust)
    except SigningError as exc:
        raise CommandError(f"{exc}; nothing was changed", exit_code=2) from exc
    certificate = done.key.certificate["tbs_certificate"]
    until = certificate["validity"]["not_after"].native
    print(f"reports are signed with the certificate of {done.key.subject} (valid until {format_local(until)}); "
          f"its password is in the keyring")
    print("signatures are checked against: " + "; ".join(done.trusted))
    return 0


def run_timestamp(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    url = "" if args.url.strip().lower() == "off" else args.url
    try:
        set_timestamp_url(data_dir, settings, url)
    except SigningError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    print(f"signatures are timestamped by {url}" if url else "signatures are not timestamped")
    return 0


def run_show(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    shown: dict[str, object] = {"certificate_file": settings.signing_certificate or None,
                                "timestamp_url": settings.timestamp_url or None, "ready": False}
    problem = ""
    until = None
    try:
        key = signing_key(settings)
    except SigningError as exc:
        problem = str(exc)
    else:
        until = key.certificate["tbs_certificate"]["validity"]["not_after"].native
        shown.update(ready=True, subject=key.subject, valid_until=iso_local(until))
    if args.json:
        print(json.dumps({**shown, "problem": problem or None}, ensure_ascii=False, indent=1))
        return 0
    if shown["ready"]:
        print(f"reports are signed with the certificate of {shown['subject']} ({settings.signing_certificate}), "
              f"valid until {format_day(until)}")
    else:
        print(f"reports cannot be signed on this machine: {problem}")
    print(f"timestamps: {settings.timestamp_url or 'none'}")
    return 0
