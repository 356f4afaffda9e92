"""The team's register of issued reports on the hub: an issued report reaches it at the next sync, a teammate's
`verify` finds it there, another team's does not (the hub answers as if it had no such report), and an entry is
never changed once the hub has it."""

from __future__ import annotations

import uuid

from dzdesk.operations.reports import write_visit_report
from dzdesk.operations.verify import NOT_REGISTERED, REGISTERED, Verdict, verify_report
from dzdesk.store.report_models import IssuedReport
from dzdesk.sync.client import HubClient
from dzdesk.sync.protocol import SCHEMA_VERSION, Change, PushRequest
from tests.operations.test_issued_reports import CATALOGUE, NOW, _visit
from tests.sync.helpers import hub_records


def _issue(laptop, tmp_path):
    number = _visit((laptop.store, laptop.blobs))
    return write_visit_report(laptop.store, CATALOGUE, laptop.blobs, number, tmp_path / "visit.pdf", NOW)


def test_the_hub_registers_an_issued_report_for_its_team_only(a, b, make_client, hub, tmp_path):
    written = _issue(a, tmp_path)
    a.sync()
    [entry] = hub_records(hub, "issued_reports")
    assert (entry.owner, entry.team, entry.payload["sha256"], entry.payload["code"]) == (
        "张伟", "一组", written.issued.sha256, written.issued.code)
    # A teammate's laptop that has not pulled yet: the hub's register vouches for the file.
    teammate = verify_report(written.path, None, b.client, hub.url)
    assert (teammate.verdict, teammate.summary, teammate.hub.state) == (Verdict.VALID, "unsigned, registered",
                                                                        REGISTERED)
    assert teammate.hub.issued_by == "张伟"
    # After a pull, the teammate's own register has it too.
    b.sync()
    with b.store.session() as session:
        assert session.get(IssuedReport, entry.id).sha256 == written.issued.sha256
    # Another team's engineer learns nothing of it: "unknown", as for a report the hub never saw.
    other = make_client("王芳", team="二组")
    stranger = verify_report(written.path, other.store, other.client, hub.url)
    assert (stranger.verdict, stranger.summary, stranger.hub.state, stranger.local.state) == (
        Verdict.UNKNOWN, "unknown", NOT_REGISTERED, NOT_REGISTERED)
    assert stranger.hub.issued_by == "" and stranger.hub.issued_at == ""
    # A hub that cannot be reached is said, and the verdict rests on what else there is.
    nowhere = "http://127.0.0.1:9"  # nothing listens there
    gone = verify_report(written.path, a.store, lambda: HubClient(nowhere, a.token), nowhere)
    assert (gone.verdict, gone.hub.state) == (Verdict.VALID, "unreachable")


def test_an_entry_in_the_hubs_register_is_never_changed(a, hub, tmp_path):
    _issue(a, tmp_path)
    a.sync()
    [entry] = hub_records(hub, "issued_reports")
    with a.client() as client:
        answer = client.push(PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION, changes=[
            Change(entity="issued_reports", id=entry.id, base_rev=entry.rev, changed=["sha256"],
                   payload={**entry.payload, "sha256": "0" * 64})]))
    [result] = answer.results
    assert result.outcome == "rejected"
    assert result.message == ("an issued report's entry in the register is never changed or deleted (field "
                              "'sha256'); nothing was stored")
    assert hub_records(hub, "issued_reports")[0].payload == entry.payload


def test_dzdesk_verify_asks_the_hub_it_is_signed_in_to(a, b, hub, tmp_path, capsys, monkeypatch):
    from dzdesk.cli import main
    from dzdesk.config import Settings

    written = _issue(a, tmp_path)
    a.sync()
    root = b.store.data_dir
    Settings(hub_url=hub.url).save(root.settings_file)
    assert main(["verify", str(written.path), "--data-dir", str(root.root)]) == 3  # no token: the hub is not asked
    assert f"not signed in to {hub.url}" in capsys.readouterr().out
    monkeypatch.setenv("DZDESK_HUB_TOKEN", b.token)
    assert main(["verify", str(written.path), "--data-dir", str(root.root)]) == 0
    out = capsys.readouterr().out
    assert "VALID — unsigned, registered" in out
    assert f"the hub's register ({hub.url}): this is the file issued" in out and "by 张伟, byte for byte" in out
    assert main(["verify", str(written.path), "--offline", "--data-dir", str(root.root)]) == 3
    assert "not asked (--offline)" in capsys.readouterr().out
