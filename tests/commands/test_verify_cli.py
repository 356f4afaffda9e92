"""`dzdesk signing set-certificate`, `dzdesk report … --sign` and `dzdesk verify`, as a lead and a customer use
them: the password from standard input into the keyring (never a file), a signed visit report that verifies, a
changed byte that fails in words with exit 1, and JSON for scripts."""

from __future__ import annotations

import io
import json
import sys

import pytest

from dzdesk.cli import main
from dzdesk.config import DataDir, Settings
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from tests.operations.test_issued_reports import _visit
from tests.support.signing import team_certificate


@pytest.fixture
def root(tmp_path):
    return tmp_path / "desk"


def _number(root) -> str:
    store = open_store(DataDir(root).ensure(), author="李明")
    try:
        return _visit((store, BlobStore(store.data_dir.blobs)))
    finally:
        store.close()


def run(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_lead_sets_the_certificate_signs_a_visit_report_and_a_customer_verifies_it(root, tmp_path, capsys,
                                                                                      monkeypatch,
                                                                                      isolated_environment):
    number = _number(root)
    team = team_certificate(tmp_path / "certificate")
    code, out, err = run(capsys, "signing", "set-certificate", str(team.p12), "--data-dir", str(root),
                         stdin=team.password + "\n", monkeypatch=monkeypatch)
    assert code == 0, err
    assert "reports are signed with the certificate of 达州市工程建设运维团队" in out
    assert "达州运维团队测试根证书" in out  # its CA, kept for checking signatures
    assert team.password in isolated_environment.secrets.values()
    settings = Settings.load(DataDir(root).settings_file)
    assert settings.signing_certificate == str(team.p12.resolve())
    assert team.password not in DataDir(root).settings_file.read_text(encoding="utf-8")

    target = tmp_path / "visit.pdf"
    code, out, err = run(capsys, "report", "visit", number, "-o", str(target), "--sign", "--data-dir", str(root))
    assert code == 0, err
    assert f"visit report {number} written to {target}\n  report number {number}, verification code" in out
    assert out.rstrip().endswith("signed")

    code, out, err = run(capsys, "verify", str(target), "--data-dir", str(root))
    assert (code, err) == (0, "")
    assert out.startswith(f"{target}: VALID — signed, registered")
    assert "holds; its signer is trusted here" in out and "this laptop's register: this is the file issued" in out

    code, out, _err = run(capsys, "verify", str(target), "--json", "--data-dir", str(root))
    shown = json.loads(out)
    assert (code, shown["verdict"], shown["number"], shown["this_laptop"]["state"]) == (
        0, "valid", number, "registered")
    assert shown["signatures"][0]["holds"] and shown["signatures"][0]["signed_at"].endswith("+08:00")

    # One changed byte: exit 1, and the words say what is wrong.
    data = bytearray(target.read_bytes())
    data[len(data) // 3] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, out, _err = run(capsys, "verify", str(changed), "--data-dir", str(root))
    assert code == 1
    assert out.startswith(f"{changed}: TAMPERED — tampered")
    assert "does not hold: the bytes it signed were changed after signing" in out

    code, said, err = run(capsys, "signing", "show", "--data-dir", str(root))
    assert code == 0 and "达州市工程建设运维团队" in said
    code, out, err = run(capsys, "signing", "show", "--json", "--data-dir", str(root))
    until = json.loads(out)["valid_until"]
    assert code == 0 and until.endswith("+08:00"), "shown on Shanghai's clock, like every time in JSON"
    assert f"valid until {until[:10]}" in said


def test_signing_refused_or_not_set_up_is_said_and_writes_nothing(root, tmp_path, capsys, monkeypatch):
    number = _number(root)
    target = tmp_path / "visit.pdf"
    code, _out, err = run(capsys, "report", "visit", number, "-o", str(target), "--sign", "--data-dir", str(root))
    assert code == 2 and "no signing certificate is set on this machine" in err and not target.exists()
    team = team_certificate(tmp_path / "certificate")
    code, _out, err = run(capsys, "signing", "set-certificate", str(team.p12), "--data-dir", str(root),
                          stdin="not the password\n", monkeypatch=monkeypatch)
    assert code == 2 and "the password is not its password; nothing was changed" in err
    assert Settings.load(DataDir(root).settings_file).signing_certificate == ""
    code, _out, err = run(capsys, "signing", "timestamp", "ftp://tsa.example", "--data-dir", str(root))
    assert code == 2 and "is not the http or https address of a timestamp server" in err
    code, _out, _err = run(capsys, "signing", "timestamp", "http://127.0.0.1:1/tsa", "--data-dir", str(root))
    assert code == 0 and Settings.load(DataDir(root).settings_file).timestamp_url == "http://127.0.0.1:1/tsa"


def test_an_unsigned_report_verifies_as_registered_here_and_unknown_elsewhere(root, tmp_path, capsys):
    number = _number(root)
    target = tmp_path / "visit.pdf"
    assert run(capsys, "report", "visit", number, "-o", str(target), "--data-dir", str(root))[0] == 0
    code, out, _err = run(capsys, "verify", str(target), "--data-dir", str(root))
    assert code == 0 and out.startswith(f"{target}: VALID — unsigned, registered")
    code, out, _err = run(capsys, "verify", str(target), "--data-dir", str(tmp_path / "elsewhere"))
    assert code == 3 and out.startswith(f"{target}: UNKNOWN — unknown")
    missing = run(capsys, "verify", str(tmp_path / "nothing.pdf"), "--data-dir", str(root))
    assert missing[0] == 2 and "no such file" in missing[2]
