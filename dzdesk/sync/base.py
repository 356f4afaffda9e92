"""Sync's one invariant, kept here and nowhere else.

A record's sync base is the whole version of the record that this laptop last received from the hub (its payload,
at the revision in the record's `server_rev`), and beside it the revision its unpushed local edits were made on
(`SyncBase.rev`, the `base_rev` a push names). The payload moves only to a version the hub sent whole: a pulled
record, or the hub's answer to a push, which carries the stored version when it is not what was sent. The edit
revision moves with it only while that cannot hide a concurrent edit: when no local edit is pending, or when every
pending field was left alone by the other side. Otherwise it stays on the revision the edit was really made on, so
the hub, which treats a field changed on both sides since `base_rev` as a conflict, sees the conflict and keeps the
losing value.

A local field is pending when it differs from the base payload; the hub is told only of those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dzdesk.sync.protocol import BOOKKEEPING


@dataclass(frozen=True, slots=True)
class Rebased:
    """What to do with a version the hub sent for a record that may hold local edits."""

    take: frozenset[str]  # fields to set from the hub's version: every field not edited here
    edit_rev: int  # the revision the edits still pending were made on (the next push's base_rev)


def rebase(local: dict[str, Any] | None, base: dict[str, Any] | None, remote: dict[str, Any], remote_rev: int,
           edit_rev: int, carried: bool) -> Rebased:
    """Carries the local edits (`local` against `base`) onto the hub's whole version `remote` at `remote_rev`.

    `edit_rev` is the revision the local edits were made on, and `carried` says whether they already hold an edit
    that the hub has not yet judged against a change of the other side. With no local record, or no edit, the
    hub's version is taken whole."""
    if local is None or base is None:
        return Rebased(frozenset(remote), remote_rev)
    edited = {key for key, value in local.items() if key not in BOOKKEEPING and (key not in base or base[key] != value)}
    if not any(remote.get(key) != local.get(key) for key in edited):  # nothing edited, or edited alike
        return Rebased(frozenset(remote), remote_rev)
    # Still pending: the edits stay, and so does their edit time (the hub lets the later edit win a conflict).
    take = frozenset(key for key in remote if key not in edited and key != "updated_at")
    # An edit the other side also changed, to something else: both were made on `edit_rev`'s version.
    both = any(remote.get(key) != base.get(key) and remote.get(key) != local.get(key) for key in edited)
    return Rebased(take, edit_rev if both or carried else remote_rev)


def is_carried(edit_rev: int | None, seen_rev: int | None) -> bool:
    """Whether pending edits are still measured against an older revision than the version last seen."""
    return (edit_rev or 0) != (seen_rev or 0)
