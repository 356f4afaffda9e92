"""A hub token and a probe password, used the way an engineer uses them, end up in no file dzdesk writes: not the
database, the settings, the logs, a crash report, a backup, a targets file, a spreadsheet or a PDF.

(Besides this test, every token and keyring password handed out anywhere in the test run is searched for in every
file the run wrote when it ends: see `tests/support/secret_scan.py` and `tests/conftest.py`.)"""

import io
import json
import sys

import pypdfium2
import pytest

from dzdesk import crash_report
from dzdesk.cli import main
from dzdesk.probes.stored import password_key
from dzdesk.secrets import set_secret
from tests.support.hub import running_hub
from tests.support.probe_servers import PASSWORD, USER, serve
from tests.support.secret_scan import find_leaks


def _pdf_text(path):
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def hub_url(tmp_path):
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        hub.token = hub.add_user("李明")
        yield hub


def test_no_token_or_password_in_any_file_dzdesk_writes(hub_url, tmp_path, monkeypatch, capsys):
    hub, token = hub_url, hub_url.token
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    d = ["--data-dir", str(data)]

    monkeypatch.setattr(sys, "stdin", io.StringIO(token + "\n"))
    assert main(["login", "--hub", hub.url, *d]) == 0
    assert main(["incidents", "add", "--title", "网上大厅无法登录", "--severity", "MAJOR", "--platform", "approval",
                 *d]) == 0
    with serve() as base:
        targets = out / "targets.toml"
        targets.write_text(f'[[target]]\nname = "需登录的页面"\nplatform = "approval"\nkind = "http"\n'
                           f'url = "{base}/auth"\nusername = "{USER}"\n', encoding="utf-8")
        assert main(["targets", "import", str(targets), *d]) == 0
        set_secret(password_key("需登录的页面"), PASSWORD)
        capsys.readouterr()
        main(["probe", "--json", *d])  # other default targets are unreachable: exit 1 is expected
        results = {result["name"]: result for result in json.loads(capsys.readouterr().out)}
        assert results["需登录的页面"]["ok"], results["需登录的页面"]  # signed in with the stored password
    assert main(["sync", *d]) == 0
    assert main(["targets", "export", "-o", str(out / "exported.toml"), *d]) == 0
    assert main(["incidents", "export", "--from", "2026-01-01", "--to", "2026-12-31", "-o",
                 str(out / "incidents.xlsx"), *d]) == 0
    assert main(["report", "annual", "--year", "2026", "-o", str(out / "annual.pdf"), *d]) == 0
    assert main(["report", "health", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(out / "health.pdf"),
                 *d]) == 0
    assert main(["backup", "-o", str(out / "backup.zip"), *d]) == 0
    crash_report.write_report(data / crash_report.FOLDER, RuntimeError(f"sync failed with token={token} "
                                                                        f"password={PASSWORD}"),
                              data / "logs" / "dzdesk.log")

    assert (data / "logs" / "dzdesk.log").stat().st_size > 0
    assert list((data / crash_report.FOLDER).glob("crash-*.txt"))
    assert find_leaks([data, out], [token, PASSWORD]) == []
    for pdf in out.glob("*.pdf"):
        text = _pdf_text(pdf)
        assert token not in text and PASSWORD not in text


def test_the_scan_finds_a_secret_in_a_plain_file_and_inside_a_zip(tmp_path):
    import zipfile

    (tmp_path / "settings.json").write_text('{"token": "dzh_planted-secret"}', encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "backup.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dzdesk.sqlite3", b"\x00" * 100 + "口令 planted-password".encode())
    (tmp_path / "clean.txt").write_text("nothing here", encoding="utf-8")
    damaged = bytearray((tmp_path / "backup.zip").read_bytes())
    damaged[40:60] = b"\xff" * 20  # inside the compressed member: reading it fails, the scan goes on
    (tmp_path / "damaged.zip").write_bytes(bytes(damaged))
    leaks = find_leaks([tmp_path], ["dzh_planted-secret", "planted-password"])
    assert leaks == [(tmp_path / "backup.zip", "planted-password"),
                     (tmp_path / "settings.json", "dzh_planted-secret")]
