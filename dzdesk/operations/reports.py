"""Issuing the reports that prove the contract: the visit report, the operations report (annual, quarterly,
monthly) and the health evaluation. Each is written with its verification code on the last page, signed when asked
(a visit report once the customer has signed it; the operations and health reports by a lead), and entered in the
register, which syncs to the team's hub. The command line and the window call the same functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from dzdesk.config import Settings
from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.report_code import KIND_LABELS_ZH, health_number, operations_number
from dzdesk.domain.timefmt import local_day
from dzdesk.probes.stored import policy_for
from dzdesk.reports.health_report import HealthData, gather_health, render_health_report
from dzdesk.reports.issue import Issue, IssuedFile
from dzdesk.reports.operations_data import OperationsData, gather_operations
from dzdesk.reports.operations_report import KIND_TITLES, ReportMeta, render_operations_report
from dzdesk.reports.operations_xlsx import export_figures
from dzdesk.reports.signing import SigningError, SigningKey
from dzdesk.reports.visit_report import VisitReportData, gather_visit_report, render_visit_report
from dzdesk.store import Store
from dzdesk.store.account import hub_account
from dzdesk.store.blobs import BlobStore
from dzdesk.store.report_register import register_report
from dzdesk.store.visit_repo import find_visit

LOCATION = "四川省达州市"


class SigningRefusedError(SigningError):
    """This report may not be signed now (the customer has not signed, or the signer is not a lead)."""


@dataclass(frozen=True)
class ReportIssued:
    path: Path
    kind: str
    number: str
    title: str
    issued: IssuedFile

    def describe(self) -> str:
        signed = "signed" + (" and timestamped" if self.issued.timestamped else "") if self.issued.signed \
            else "unsigned"
        return f"{self.title} {self.number} written to {self.path} ({signed}; verification code {self.issued.code})"


def _issue(store: Store, kind: str, number: str, title: str, key: SigningKey | None, now: datetime,
           render: Callable[[Issue], Path]) -> ReportIssued:
    """Writes the report through `render` and enters it in the register; a file whose entry cannot be written is
    removed, since an issued report is one the register knows."""
    issue = Issue(kind, number, title, key, reason=f"签发{title}", location=LOCATION)
    path = render(issue)
    issued = issue.issued
    if issued is None:
        raise RuntimeError("the report was written without its verification code")
    try:
        with store.transaction() as session:
            register_report(session, kind, number, issued.code, title, issued.content_sha256, issued.sha256, now,
                            issued.signed, issued.signer, issued.timestamped)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ReportIssued(path, kind, number, title, issued)


def _lead_may_sign(session: Session, title: str) -> None:
    """The operations and health reports are signed by a lead. A laptop that never synced has no roles: whoever
    uses it signs for the team."""
    account = hub_account(session)
    if account is not None and not account.is_lead:
        raise SigningRefusedError(f"only a lead signs the {title}: {account.name} is an engineer of team "
                                  f"{account.team or '-'}. Write it unsigned, or ask the team's lead to issue it")


def write_visit_report(store: Store, catalogue: Catalogue, blobs: BlobStore, visit_ref: str, target: Path,
                       now: datetime, key: SigningKey | None = None) -> ReportIssued:
    """The visit report (上门服务单) of one visit, by id, id prefix or report number; signed with `key` only once the
    customer has signed it. LookupError when no visit matches."""
    with store.session() as session:
        visit = find_visit(session, visit_ref)
        if visit is None:
            raise LookupError(f"no visit matches '{visit_ref}'")
        if key is not None and visit.signed_at is None:
            raise SigningRefusedError(f"the customer has not signed visit report {visit.report_number} yet: it is "
                                      "signed once they have. Write it unsigned, or have the customer sign first")
        data: VisitReportData = gather_visit_report(session, visit, catalogue, blobs)
    return _issue(store, "visit", data.report_number, KIND_LABELS_ZH["visit"], key, now,
                  lambda issue: render_visit_report(data, target, now, issue))


@dataclass(frozen=True)
class OperationsRequest:
    kind: str  # annual, quarterly, monthly
    start: datetime
    end: datetime
    label: str  # "2026 年"
    platform: str | None = None


def write_operations_report(store: Store, catalogue: Catalogue, settings: Settings, request: OperationsRequest,
                            target: Path, now: datetime, key: SigningKey | None = None,
                            xlsx: Path | None = None) -> tuple[ReportIssued, OperationsData]:
    """The operations report (运维报告) of a year, quarter or month, and with `xlsx` its figures as a workbook."""
    title = f"{request.label}{KIND_TITLES[request.kind]}"
    with store.session() as session:
        if key is not None:
            _lead_may_sign(session, KIND_LABELS_ZH[request.kind])
        data = gather_operations(session, catalogue, request.start, request.end, now, request.platform)
    meta = ReportMeta(request.kind, request.label, settings.profile.team, settings.profile.name)
    number = operations_number(request.kind, local_day(request.start))
    written = _issue(store, request.kind, number, title.replace(" ", ""), key, now,
                     lambda issue: render_operations_report(data, meta, target, issue))
    if xlsx is not None:
        export_figures(data, xlsx)
    return written, data


@dataclass(frozen=True)
class HealthRequest:
    first: date
    last: date
    start: datetime
    end: datetime
    findings: str = ""
    recommendations: str = ""
    own_vantage: str = ""  # this laptop's probe results not sent yet are counted under its own name


def write_health_report(store: Store, catalogue: Catalogue, settings: Settings, request: HealthRequest, target: Path,
                        now: datetime, key: SigningKey | None = None) -> tuple[ReportIssued, HealthData]:
    """The health-evaluation report (健康评估报告) of a period, and the figures it was made from."""
    probes = settings.probes
    with store.session() as session:
        if key is not None:
            _lead_may_sign(session, KIND_LABELS_ZH["health"])
        data = gather_health(session, catalogue, request.start, request.end, now, policy_for(probes),
                             probes.cert_warning_days, request.own_vantage)
    written = _issue(store, "health", health_number(request.first, request.last), KIND_LABELS_ZH["health"], key, now,
                     lambda issue: render_health_report(data, target, settings.profile.name, request.findings,
                                                        request.recommendations, issue))
    return written, data
