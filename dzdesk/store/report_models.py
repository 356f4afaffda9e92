"""The register of issued reports: every PDF dzdesk issued, by its number and verification code, with the SHA-256
of the file as issued, who issued it, when, and whether it was signed. It syncs to the team's hub, which keeps
the team's register; an entry is appended, never changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.types import UTCDateTime


class IssuedReport(RecordMixin, Base):
    """One issued file. Its id is derived from its number and code (`dzdesk.domain.report_code.register_id`), so
    whoever holds the file finds its entry; `author` is who issued it."""

    __tablename__ = "issued_reports"

    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # visit, annual, quarterly, monthly, health
    number: Mapped[str] = mapped_column(String(60), nullable=False)
    code: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    # The pages as made, before the verification code was stamped on them: the code is derived from this hash.
    content_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)  # the whole file as issued (after signing)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    signed: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    signer: Mapped[str] = mapped_column(String(200), default="", nullable=False)  # the certificate's subject
    timestamped: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    __table_args__ = (
        Index("ix_issued_reports_sha256", "sha256"),
        Index("ix_issued_reports_number", "number"),
    )
