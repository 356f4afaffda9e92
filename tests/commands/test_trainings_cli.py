"""Planning a session and importing its roster from the command line; a bad file changes nothing."""

import json

from tests.support.cli import run_dzdesk


def test_add_import_and_list(tmp_path):
    home = str(tmp_path / "data")
    added = run_dzdesk("trainings", "add", "--title", "审批系统操作培训", "--starts-at", "2026-11-25 09:00",
                       "--platform", "approval", "--data-dir", home)
    assert added.returncode == 0, added.stderr
    training_id = added.stdout.strip()

    good = tmp_path / "roster.csv"
    good.write_bytes("姓名,单位,手机号\r\n张三,达川区住建局,13980861234\r\n李四,渠县政务服务中心,\r\n".encode("gbk"))
    imported = run_dzdesk("trainings", "import-roster", training_id[:8], str(good), "--data-dir", home)
    assert imported.returncode == 0, imported.stderr
    assert "2 people" in imported.stdout and "gbk" in imported.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,单位,手机号\n王五,x,123\n张三,达川区住建局,\n赵六,y,13880861234\n", encoding="utf-8-sig")
    refused = run_dzdesk("trainings", "import-roster", training_id, str(bad), "--data-dir", home)
    assert refused.returncode == 1
    assert "row 2: the phone number is not" in refused.stderr
    assert "row 3: the same name and unit are already on the roster" in refused.stderr
    assert "nothing was imported" in refused.stderr

    listed = json.loads(run_dzdesk("trainings", "list", "--json", "--data-dir", home).stdout)
    assert [(t["id"], t["title"], t["attendees"], t["present"]) for t in listed] == [
        (training_id, "审批系统操作培训", 2, 0)]
    assert listed[0]["starts_at"] == "2026-11-25T09:00:00+08:00"

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    unusable = run_dzdesk("trainings", "import-roster", training_id, str(empty), "--data-dir", home)
    assert unusable.returncode == 2 and "the file is empty" in unusable.stderr
