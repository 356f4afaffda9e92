"""The register of issued reports on this laptop: an entry is added when a report is issued and travels to the
team's hub at the next sync; entries pulled from the hub are the team's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.report_code import register_id
from dzdesk.store.report_models import IssuedReport


def register_report(session: Session, kind: str, number: str, code: str, title: str, content_sha256: str,
                    sha256: str, issued_at: datetime, signed: bool, signer: str, timestamped: bool) -> IssuedReport:
    """Adds the entry of an issued file; its id follows from its number and code."""
    entry = IssuedReport(id=register_id(number, code), kind=kind, number=number, code=code, title=title[:200],
                         content_sha256=content_sha256, sha256=sha256, issued_at=issued_at, signed=signed,
                         signer=signer[:200], timestamped=timestamped)
    session.add(entry)
    return entry


def find_entry(session: Session, number: str, code: str) -> IssuedReport | None:
    entry = session.get(IssuedReport, register_id(number, code))
    return None if entry is None or entry.deleted else entry


def entry_by_hash(session: Session, sha256: str) -> IssuedReport | None:
    """The entry of the file with this SHA-256, for a file that no longer says its number and code."""
    return session.scalar(select(IssuedReport).where(IssuedReport.sha256 == sha256, IssuedReport.deleted == false())
                          .limit(1))


def entry_by_content(session: Session, content_sha256: str) -> IssuedReport | None:
    """The entry of the file whose pages have this hash, for a file whose stamp no longer names it rightly."""
    return session.scalar(select(IssuedReport).where(IssuedReport.content_sha256 == content_sha256,
                                                     IssuedReport.deleted == false()).limit(1))
