"""The one rule of sync bookkeeping (`dzdesk.sync.base.rebase`), case by case and against arbitrary values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dzdesk.sync.base import is_carried, rebase

BASE = {"id": "x", "updated_at": "t0", "notes": "旧", "keyword": "旧"}


def test_nothing_edited_takes_the_hub_version_whole():
    remote = {**BASE, "notes": "她的", "updated_at": "t1"}
    rebased = rebase(dict(BASE), BASE, remote, 7, 3, carried=False)
    assert (rebased.take, rebased.edit_rev) == (frozenset(remote), 7)


def test_an_edit_of_a_field_the_other_side_left_alone_moves_on():
    local = {**BASE, "keyword": "我的", "updated_at": "t2"}
    remote = {**BASE, "notes": "她的", "updated_at": "t1"}
    rebased = rebase(local, BASE, remote, 7, 3, carried=False)
    assert rebased.take == frozenset({"id", "notes"})  # her field; my edit and my edit time stay
    assert rebased.edit_rev == 7


def test_an_edit_of_a_field_the_other_side_changed_too_stays_on_its_revision():
    local = {**BASE, "notes": "我的", "updated_at": "t2"}
    remote = {**BASE, "notes": "她的", "updated_at": "t1"}
    rebased = rebase(local, BASE, remote, 7, 3, carried=False)
    assert "notes" not in rebased.take
    assert rebased.edit_rev == 3  # so the hub sees both changed since 3, and keeps the losing value


def test_the_same_edit_on_both_sides_is_no_conflict():
    local = {**BASE, "notes": "同样", "updated_at": "t2"}
    remote = {**BASE, "notes": "同样", "updated_at": "t1"}
    assert rebase(local, BASE, remote, 7, 3, carried=False).edit_rev == 7


def test_a_carried_conflict_is_not_forgotten_by_a_later_page():
    local = {**BASE, "notes": "我的"}
    remote = {**BASE, "keyword": "又一个"}
    assert rebase(local, BASE, remote, 9, 3, carried=True).edit_rev == 3
    assert is_carried(3, 7) and not is_carried(7, 7) and not is_carried(0, None)


values = st.sampled_from(["a", "b", "c"])


@given(base=values, local=values, remote=values, carried=st.booleans())
def test_a_pending_edit_is_never_measured_from_a_version_that_hides_a_concurrent_change(base, local, remote, carried):
    rebased = rebase({"id": "x", "f": local}, {"id": "x", "f": base}, {"id": "x", "f": remote}, 9, 3, carried)
    edited, still_pending = local != base, local != remote
    if edited and still_pending:
        assert "f" not in rebased.take
        if remote != base or carried:
            assert rebased.edit_rev == 3
        else:
            assert rebased.edit_rev == 9
    else:
        assert "f" in rebased.take and rebased.edit_rev == 9
