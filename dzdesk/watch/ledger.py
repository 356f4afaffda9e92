"""Which alerts the watcher has sent, and which it decided on but could not send yet, kept in its database.

A probe transition is written down in the same transaction as the result that confirmed it, and crossed out once a
channel took its message: a watcher killed in between sends it at its next start, and one restarted mid-outage
finds the outage already told. A fault's, complaint's or follow-up's alert is looked up by its key. On its first
start the watcher takes every moment already passed as told, so a new watcher does not flood the groups with the
history of the year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from dzdesk.alerts.messages import Message
from dzdesk.store.meta import get_meta, set_meta

_SENT = "watch.sent"
_PENDING = "watch.pending"
_STARTED = "watch.started"
KEEP_SENT = timedelta(days=60)  # a key older than this cannot come due again: its fault was answered long ago


@dataclass(frozen=True)
class Pending:
    key: str
    message: Message
    lead: bool = False


def started(session: Session) -> datetime | None:
    """When this watcher first looked at the team's records; None before its first look."""
    text = get_meta(session, _STARTED)
    return None if text is None else datetime.fromisoformat(text)


def mark_started(session: Session, now: datetime) -> None:
    set_meta(session, _STARTED, now.astimezone(UTC).isoformat())


def sent_keys(session: Session) -> dict[str, datetime]:
    text = get_meta(session, _SENT)
    return {} if text is None else {k: datetime.fromisoformat(v) for k, v in json.loads(text).items()}


def mark_sent(session: Session, keys: list[str], now: datetime) -> None:
    """Crosses the keys out, and forgets those older than `KEEP_SENT`."""
    kept = {k: at for k, at in sent_keys(session).items() if now - at < KEEP_SENT}
    kept.update(dict.fromkeys(keys, now))
    set_meta(session, _SENT, json.dumps({k: at.astimezone(UTC).isoformat() for k, at in sorted(kept.items())}))


def pending(session: Session) -> list[Pending]:
    text = get_meta(session, _PENDING)
    return [] if text is None else [Pending(p["key"], Message(p["title"], p["body"]), p["lead"])
                                    for p in json.loads(text)]


def add_pending(session: Session, items: list[Pending]) -> None:
    known = pending(session)
    keys = {p.key for p in known}
    known.extend(p for p in items if p.key not in keys)
    _write_pending(session, known)


def remove_pending(session: Session, keys: set[str]) -> None:
    _write_pending(session, [p for p in pending(session) if p.key not in keys])


def _write_pending(session: Session, items: list[Pending]) -> None:
    set_meta(session, _PENDING, json.dumps([{"key": p.key, "title": p.message.title, "body": p.message.body,
                                             "lead": p.lead} for p in items], ensure_ascii=False))
