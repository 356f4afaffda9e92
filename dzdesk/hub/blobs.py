"""The hub's blobs (photos, signatures, materials): stored once by content, readable by the teams that sent them
or hold a record naming them, and for anyone else the same as a blob never sent."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dzdesk.hub.database import HubDatabase
from dzdesk.hub.models import HubBlob, HubBlobRef, HubUser


def _readable(session: Session, user: HubUser, sha256: str) -> bool:
    """Whether a team of the user's uploaded the blob or holds a record naming it."""
    return session.scalar(select(HubBlobRef.sha256).where(HubBlobRef.sha256 == sha256,
                                                          HubBlobRef.team.in_(sorted(user.teams()))).limit(1)) \
        is not None


def has_blob(db: HubDatabase, user: HubUser, sha256: str) -> bool:
    """Whether the user may read the blob and the hub has it: for anyone else the same as a blob never sent."""
    with db.transaction() as session:
        return _readable(session, user, sha256) and session.scalar(
            select(HubBlob.size).where(HubBlob.sha256 == sha256)) is not None


def put_blob(db: HubDatabase, user: HubUser, sha256: str, data: bytes) -> bool:
    """Stores a verified blob, and lets the uploader's team read it: sending the bytes proves they have them.
    False when the user could already read it (uploads are idempotent); a blob the hub holds for another team is
    answered as if it were stored now, which tells the uploader nothing."""
    for _attempt in range(3):
        try:
            with db.transaction() as session:
                if _readable(session, user, sha256):
                    return False
                if session.get(HubBlob, sha256) is None:
                    session.add(HubBlob(sha256=sha256, size=len(data), data=data, uploaded_by=user.name,
                                        created_at=datetime.now(UTC)))
                session.add(HubBlobRef(team=user.team, sha256=sha256))
            return True
        except IntegrityError:
            continue  # the same blob, or a teammate's upload of it, arrived through another connection at once
    with db.transaction() as session:
        if _readable(session, user, sha256):
            return False
    raise RuntimeError(f"the blob {sha256[:12]}… could not be stored")


def get_blob(db: HubDatabase, user: HubUser, sha256: str) -> bytes | None:
    """The blob's bytes, when a team of the user's uploaded it or holds a record naming it."""
    with db.transaction() as session:
        if not _readable(session, user, sha256):
            return None
        return session.scalar(select(HubBlob.data).where(HubBlob.sha256 == sha256))
