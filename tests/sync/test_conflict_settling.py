"""A conflict settled by a person, from the command line or through the operation the sync page calls: taking the
other value is an edit that reaches the team, keeping the current one only settles it, and on every laptop the
conflict is settled after the next syncs."""

import json

import pytest

from dzdesk.operations.conflicts import ConflictGoneError, open_conflicts, settle_conflict
from tests.support.cli import run_dzdesk
from tests.sync.helpers import conflicted_target, conflicts, outbox, payloads


def test_taking_the_other_value_from_the_command_line_reaches_the_team(a, b):
    target_id = conflicted_target(a, b)
    d = ["--data-dir", str(b.store.data_dir.root)]
    listed = run_dzdesk("conflicts", "list", "--json", *d)
    assert listed.returncode == 0, listed.stderr
    [shown] = json.loads(listed.stdout)
    # 李娜's edit reached the hub last and stands; 张伟's is the other value
    assert (shown["field"], shown["current"], shown["other"]) == ("keyword", "信用达州", "信用中国")
    assert {shown["current_by"], shown["other_by"]} == {"张伟", "李娜"}

    missing = run_dzdesk("conflicts", "take", "ffff0000", *d)
    assert missing.returncode == 1 and "no open conflict has an id starting with 'ffff0000'" in missing.stderr
    taken = run_dzdesk("conflicts", "take", shown["id"][:8], *d)
    assert taken.returncode == 0, taken.stderr
    assert payloads(b.store, "probe_targets")[target_id]["keyword"] == "信用中国"
    b.sync()
    a.sync()
    assert payloads(a.store, "probe_targets")[target_id]["keyword"] == "信用中国"
    assert [(c.resolved, c.resolution) for c in conflicts(a.store)] == [(True, "other")]
    assert open_conflicts(a.store) == open_conflicts(b.store) == []
    assert outbox(a.store) == outbox(b.store) == []
    again = run_dzdesk("conflicts", "keep", shown["id"], *d)
    assert again.returncode == 1 and "nothing was changed" in again.stderr


def test_keeping_the_current_value_through_the_operation_settles_it_everywhere(a, b):
    target_id = conflicted_target(a, b)
    [conflict] = open_conflicts(a.store)
    assert settle_conflict(a.store, conflict.id, take_other=False) == conflict.id
    with pytest.raises(ConflictGoneError):
        settle_conflict(a.store, conflict.id, take_other=True)
    a.sync()
    b.sync()
    assert open_conflicts(b.store) == []
    assert payloads(a.store, "probe_targets")[target_id]["keyword"] == \
        payloads(b.store, "probe_targets")[target_id]["keyword"] == "信用达州"
