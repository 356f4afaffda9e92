"""The hub's upgrade to team walls keeps what existed: leads keep reading what they read, blobs stay readable by
the teams that hold records naming them or uploaded them."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from dzdesk.hub.database import create_hub_engine, migrate
from dzdesk.hub.models import HubBlobRef, HubUser
from dzdesk.paths import hub_migrations_dir


def test_upgrading_a_hub_of_the_first_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    engine = create_hub_engine(url)
    config = Config()
    config.set_main_option("script_location", str(hub_migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "h0001")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        users = [("李明", "engineer", "一组"), ("赵强", "engineer", "二组"), ("组长", "lead", "")]
        for n, (name, role, team) in enumerate(users):
            connection.execute(text("INSERT INTO hub_users (name, role, team, token_hash, created_at) "
                                    "VALUES (:name, :role, :team, :hash, :at)"),
                               {"name": name, "role": role, "team": team, "hash": f"{n:064d}", "at": now})
        for entity, record_id, team, payload, rev in (
                ("visits", "v1", "一组", '{"signature_sha256": "' + "a" * 64 + '"}', 1),
                ("visit_attachments", "p1", "二组", '{"sha256": "' + "b" * 64 + '"}', 2),
                ("incidents", "i1", "三组", '{"title": "x"}', 3)):
            connection.execute(text("INSERT INTO hub_records (entity, id, rev, owner, team, payload, field_revs, "
                                    "field_authors) VALUES (:e, :i, :r, 'x', :t, :p, '{}', '{}')"),
                               {"e": entity, "i": record_id, "r": rev, "t": team, "p": payload})
        connection.execute(text("INSERT INTO hub_blobs (sha256, size, data, uploaded_by, created_at) "
                                "VALUES (:s, 1, :d, '赵强', :at)"), {"s": "c" * 64, "d": b"x", "at": now})
    engine.dispose()

    engine = create_hub_engine(url)
    migrate(engine)
    with engine.connect() as connection:
        led = dict(connection.execute(select(HubUser.name, HubUser.led_teams)).all())
        refs = set(connection.execute(select(HubBlobRef.team, HubBlobRef.sha256)).all())
    assert sorted(led["组长"]) == sorted(["一组", "二组", "三组"])
    assert led["李明"] is None
    assert refs == {("一组", "a" * 64), ("二组", "b" * 64), ("二组", "c" * 64)}
    engine.dispose()


def _upgrade_to(engine, revision):
    config = Config()
    config.set_main_option("script_location", str(hub_migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_upgrading_renames_records_every_team_made_alike_to_their_teams_ids(tmp_path):
    """Schema 3: a default target or indicator record kept under the id every team gave it is renamed to its team's
    id with a new revision (so every laptop pulls it again), a conflict naming it follows, a record made by hand
    keeps its id, and an incident's deadline leaves the payload (each laptop derives it)."""
    import json

    from dzdesk.domain.catalogue import load_catalogue
    from dzdesk.domain.probe_target import default_targets
    from dzdesk.domain.record_ids import default_target_id, indicator_id
    from dzdesk.hub.models import HubCounter, HubRecord

    portal, module = (t.name for t in default_targets(load_catalogue())[:2])
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    engine = create_hub_engine(url)
    _upgrade_to(engine, "h0002")
    hand_made = "6f1c1d9e-0000-4000-8000-000000000001"
    value_id = indicator_id("value", "2026-09", "渠县", "approval_days")
    records = [
        ("probe_targets", default_target_id(portal), "一组", {"name": portal, "url": "https://xy.example.cn/"}),
        ("probe_targets", default_target_id(module), "一组", {"name": "信用报告（改名）"}),  # renamed since
        ("probe_targets", hand_made, "一组", {"name": "审批系统-数据库"}),
        ("indicator_values", value_id, "二组", {"month": "2026-09", "area": "渠县", "code": "approval_days"}),
        ("sync_conflicts", "6f1c1d9e-0000-4000-8000-000000000002", "一组",
         {"entity": "probe_targets", "record_id": default_target_id(portal), "field": "url"}),
        ("incidents", "6f1c1d9e-0000-4000-8000-000000000003", "一组",
         {"title": "x", "response_due": "2026-11-20T04:00:00+00:00"}),
    ]
    with engine.begin() as connection:
        for rev, (entity, record_id, team, payload) in enumerate(records, 1):
            revs = dict.fromkeys(payload, rev)
            connection.execute(text("INSERT INTO hub_records (entity, id, rev, owner, team, payload, field_revs, "
                                    "field_authors) VALUES (:e, :i, :r, 'x', :t, :p, :fr, :fa)"),
                               {"e": entity, "i": record_id, "r": rev, "t": team,
                                "p": json.dumps({**payload, "id": record_id}, ensure_ascii=False),
                                "fr": json.dumps(revs), "fa": json.dumps(dict.fromkeys(payload, "x"))})
        connection.execute(text("INSERT INTO hub_counter (key, value) VALUES ('rev', 6)"))
    engine.dispose()

    engine = create_hub_engine(url)
    migrate(engine)
    with Session(engine) as session:
        stored = {(r.entity, r.payload.get("name") or r.payload.get("title") or r.payload.get("field")
                   or r.payload.get("code")): r for r in session.scalars(select(HubRecord))}
        counter = session.get(HubCounter, "rev").value
    assert stored[("probe_targets", portal)].id == default_target_id(portal, "一组")
    assert stored[("probe_targets", portal)].payload["id"] == default_target_id(portal, "一组")
    assert stored[("probe_targets", "信用报告（改名）")].id == default_target_id(module, "一组")
    assert stored[("probe_targets", "审批系统-数据库")].id == hand_made
    assert stored[("indicator_values", "approval_days")].id == indicator_id("value", "2026-09", "渠县",
                                                                           "approval_days", team="二组")
    assert stored[("sync_conflicts", "url")].payload["record_id"] == default_target_id(portal, "一组")
    renamed = [stored[k] for k in (("probe_targets", portal), ("probe_targets", "信用报告（改名）"),
                                   ("indicator_values", "approval_days"), ("sync_conflicts", "url"))]
    assert sorted(r.rev for r in renamed) == [7, 8, 9, 10] and counter == 10
    assert stored[("probe_targets", "审批系统-数据库")].rev == 3
    incident = stored[("incidents", "x")]
    assert "response_due" not in incident.payload and "response_due" not in incident.field_revs
    engine.dispose()
