"""Verifying a report file: whether its signature holds, whether it is the file that was issued (its SHA-256
against this laptop's register and, when a hub is reachable, the team's), and whether its pages still match the
verification code printed on them. The answer is said in words, with one verdict:

- valid: signed and the signature holds for a signer this machine trusts, or the file is the one a register holds;
- tampered: the signature does not hold, the pages no longer match their code, or the file is not the one
  registered under its number and code;
- unknown: nothing is wrong with it that can be seen, but nothing vouches for it either (unsigned and in no
  register this machine can reach, or signed by a certificate it does not trust);
- unreadable: not a PDF at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from asn1crypto import x509

from dzdesk.domain.report_code import register_id, short_code
from dzdesk.domain.timefmt import format_local, iso_local
from dzdesk.reports.verification import ReportFacts, read_report
from dzdesk.store import Store
from dzdesk.store.report_register import entry_by_content, entry_by_hash, find_entry
from dzdesk.sync.client import HubClient, HubError


class Verdict(StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"
    UNKNOWN = "unknown"
    UNREADABLE = "unreadable"


EXIT_CODES = {Verdict.VALID: 0, Verdict.TAMPERED: 1, Verdict.UNREADABLE: 2, Verdict.UNKNOWN: 3}

REGISTERED, DIFFERS, NOT_REGISTERED, UNREACHABLE, NOT_ASKED = (
    "registered", "differs", "not registered", "unreachable", "not asked")


@dataclass(frozen=True)
class RegisterAnswer:
    where: str  # "this laptop" or the hub's address
    state: str  # one of REGISTERED, DIFFERS, NOT_REGISTERED, UNREACHABLE, NOT_ASKED
    issued_by: str = ""
    issued_at: str = ""  # ISO 8601, +08:00
    signed: bool | None = None
    detail: str = ""


@dataclass(frozen=True)
class Verification:
    path: str
    verdict: Verdict
    summary: str  # "signed, registered", "unsigned, registered", "unknown", …
    facts: ReportFacts
    local: RegisterAnswer
    hub: RegisterAnswer
    lines: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def to_json(self) -> dict[str, Any]:
        facts = self.facts
        return {
            "file": self.path, "verdict": self.verdict.value, "summary": self.summary, "sha256": facts.sha256,
            "number": facts.number or None, "code": facts.code or None, "pages_match_code": facts.content_intact,
            "signatures": [{**asdict(s), "signed_at": iso_local(s.signed_at)} for s in facts.signatures],
            "this_laptop": asdict(self.local), "hub": asdict(self.hub), "explanation": self.lines,
        }


def _answer(where: str, sha256: str, entry_sha256: str | None, issued_by: str, issued_at: datetime | None,
            signed: bool | None) -> RegisterAnswer:
    if entry_sha256 is None:
        return RegisterAnswer(where, NOT_REGISTERED)
    state = REGISTERED if entry_sha256 == sha256 else DIFFERS
    return RegisterAnswer(where, state, issued_by, iso_local(issued_at) or "", signed)


def _local(store: Store | None, facts: ReportFacts) -> RegisterAnswer:
    if store is None:
        return RegisterAnswer("this laptop", NOT_ASKED)
    with store.session() as session:
        entry = find_entry(session, facts.number, facts.code) if facts.identified else None
        if entry is None:
            entry = entry_by_hash(session, facts.sha256)
        if entry is None and facts.content_sha256 and facts.content_intact:
            entry = entry_by_content(session, facts.content_sha256)  # its number or code was changed
        if entry is None:
            return RegisterAnswer("this laptop", NOT_REGISTERED)
        return _answer("this laptop", facts.sha256, entry.sha256, entry.author, entry.issued_at, entry.signed)


def _hub(hub: Callable[[], HubClient] | None, hub_name: str, facts: ReportFacts, why_not: str) -> RegisterAnswer:
    """The team's register on the hub. It answers only for the caller's teams: a report of another team is, for
    the caller, one the hub does not have."""
    if hub is None:
        return RegisterAnswer(hub_name, NOT_ASKED, detail=why_not or "no hub is set on this machine")
    if not facts.identified:
        return RegisterAnswer(hub_name, NOT_ASKED, detail="the file names no report number and code to ask for")
    try:
        with hub() as client:
            remote = client.record("issued_reports", register_id(facts.number, facts.code))
    except HubError as exc:
        return RegisterAnswer(hub_name, UNREACHABLE, detail=str(exc))
    if remote is None:
        return RegisterAnswer(hub_name, NOT_REGISTERED)
    payload = remote.payload
    try:
        issued_at: datetime | None = datetime.fromisoformat(str(payload.get("issued_at")))
    except ValueError:
        issued_at = None
    return _answer(hub_name, facts.sha256, str(payload.get("sha256", "")), str(payload.get("author", "")),
                   issued_at, bool(payload.get("signed")))


def _register_line(answer: RegisterAnswer, facts: ReportFacts) -> str:
    where = "this laptop's register" if answer.where == "this laptop" else f"the hub's register ({answer.where})"
    issued = f"issued {format_local(datetime.fromisoformat(answer.issued_at))}" if answer.issued_at else "issued"
    by = f" by {answer.issued_by}" if answer.issued_by else ""
    if answer.state == REGISTERED:
        return f"{where}: this is the file {issued}{by}, byte for byte"
    if answer.state == DIFFERS:
        return (f"{where}: report {facts.number} with code {facts.code} was {issued}{by}, but as a different file "
                "(its SHA-256 differs)")
    if answer.state == NOT_REGISTERED:
        return f"{where}: not registered there"
    if answer.state == UNREACHABLE:
        return f"{where}: could not be asked ({answer.detail})"
    return f"{where}: not asked ({answer.detail})" if answer.detail else f"{where}: not asked"


def _judge(facts: ReportFacts, local: RegisterAnswer, hub: RegisterAnswer) -> tuple[Verdict, str, list[str]]:
    problems: list[str] = []
    if not facts.readable:
        problems.append(f"the file is damaged or was changed: {facts.read_problem}")
    for signature in facts.signatures:
        if not (signature.holds and signature.whole_file):
            problems.append(f"the signature{' of ' + signature.signer if signature.signer else ''} does not hold: "
                            f"{signature.problem}")
    if facts.content_intact is False:
        problems.append(f"the pages were changed after the report was issued: they no longer give the "
                        f"verification code {facts.code} printed on them")
    if facts.code_matches is False:
        problems.append(f"the verification code in the file ({facts.code}) is not the one its pages give "
                        f"({short_code(facts.content_sha256)}): it was changed")
    for answer in (local, hub):
        if answer.state == DIFFERS:
            problems.append(f"it is not the file issued as report {facts.number} (code {facts.code}): "
                            f"{'this laptop' if answer.where == 'this laptop' else 'the hub'} registered a file "
                            "with another SHA-256")
    signed = bool(facts.signatures)
    if problems:
        return Verdict.TAMPERED, "tampered", problems
    registered = REGISTERED in (local.state, hub.state)
    trusted = signed and all(s.trusted for s in facts.signatures)
    what = "signed" if signed else "unsigned"
    if registered:
        return Verdict.VALID, f"{what}, registered", [f"the file is the one issued, and it is {what}"]
    if trusted:
        return Verdict.VALID, "signed, not registered here", [
            "the signature holds and its signer is trusted here; no register this machine can reach lists it"]
    if signed:
        return Verdict.UNKNOWN, "unknown", [
            "the signature holds, but its signer is not trusted on this machine and no register this machine can "
            "reach lists the file: give the team's CA certificate with --ca, or verify where the register is"]
    if not facts.identified:
        return Verdict.UNKNOWN, "unknown", ["the file is unsigned and carries no report number and verification "
                                            "code: it is not a report dzdesk issued, or its verification block "
                                            "was removed"]
    return Verdict.UNKNOWN, "unknown", ["the file is unsigned and no register this machine can reach lists it: "
                                        "nothing here can tell whether it is the one issued"]


def verify_report(path: Path, store: Store | None = None, hub: Callable[[], HubClient] | None = None,
                  hub_name: str = "hub", trust: Sequence[x509.Certificate] = (), why_no_hub: str = "") -> Verification:
    """Checks the file at `path` (OSError when it cannot be read) against its own signature and code, this
    laptop's register (`store`) and the team's register on the hub (`hub` makes a client; None for none, and
    `why_no_hub` says why)."""
    data = path.read_bytes()
    facts = read_report(data, trust)
    if not facts.is_pdf:
        local = hub_answer = RegisterAnswer("", NOT_ASKED)
        return Verification(str(path), Verdict.UNREADABLE, "not a PDF", facts, local, hub_answer,
                            [f"{path.name} is not a PDF file"])
    local = _local(store, facts)
    hub_answer = _hub(hub, hub_name, facts, why_no_hub)
    verdict, summary, reasons = _judge(facts, local, hub_answer)
    lines = [f"report {facts.number}, verification code {facts.code}" if facts.identified
             else "no report number or verification code in the file"]
    for signature in facts.signatures:
        when = f", at {format_local(signature.signed_at)}" if signature.signed_at else ""
        stamp = " (timestamped)" if signature.timestamped else ""
        trust_text = "its signer is trusted here" if signature.trusted else "its signer is not trusted here"
        state = f"holds; {trust_text}" if signature.holds and signature.whole_file else "DOES NOT HOLD"
        lines.append(f"signature by {signature.signer or '(unknown signer)'}{when}{stamp}: {state}")
    if not facts.signatures:
        lines.append("signature: none (an unsigned report)")
    if facts.content_intact is not None:
        lines.append("pages: they match their verification code" if facts.content_intact and facts.code_matches
                     else "pages: they do NOT match their verification code")
    lines += [_register_line(local, facts), _register_line(hub_answer, facts)]
    return Verification(str(path), verdict, summary, facts, local, hub_answer, [*lines, *reasons])
