"""The hub's upgrade to team walls keeps what existed: leads keep reading what they read, blobs stay readable by
the teams that hold records naming them or uploaded them."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

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
