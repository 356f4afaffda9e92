"""What the probe board reads in one go on a worker: the tiles and the team's probers, and one target's history."""

from datetime import UTC, datetime, timedelta

from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.probes.board_read import read_board, read_history
from dzdesk.store.probe_repo import record_outcomes, save_target

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_the_board_and_a_targets_history_are_read_together(store):
    with store.transaction() as session:
        record = save_target(session, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/"))
        session.flush()
        target_id = record.id
        record_outcomes(session, [(record, ProbeOutcome(record.name, NOW - timedelta(minutes=m), True, 40.0))
                                  for m in (30, 15)], ConfirmPolicy(3, 2), interval_s=900)
    read = read_board(store, NOW, 30, ConfirmPolicy(3, 2), "")
    assert read.now == NOW and [tile.target_id for tile in read.tiles] == [target_id]
    assert read.tiles[0].last_at == NOW - timedelta(minutes=15)
    history = read_history(store, target_id, NOW - timedelta(days=1), NOW, "")
    assert history.target_id == target_id and history.figures is not None and history.figures.checks == 2
    assert sum(checks for _at, _ms, checks, _failed in history.points) == 2
    assert read_history(store, None, NOW - timedelta(days=1), NOW, "").points == []
