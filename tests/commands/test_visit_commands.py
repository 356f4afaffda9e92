"""`visits list` and `report visit` against a demo directory, through the real command."""

import json
import subprocess

import pytest

from tests.support.cli import run_dzdesk
from tests.support.demo import copy_demo


@pytest.fixture(scope="module")
def demo_dir(demo_data, tmp_path_factory):
    return copy_demo(demo_data, tmp_path_factory.mktemp("visits") / "demo")


def test_list_and_report_a_visit(demo_dir, tmp_path):
    listed = run_dzdesk("visits", "list", "--json", "--data-dir", str(demo_dir))
    assert listed.returncode == 0, listed.stderr
    visits = json.loads(listed.stdout)
    assert len(visits) > 50
    signed = [v for v in visits if v["signed"]]
    assert signed and len(signed) < len(visits) + 1
    first = signed[0]
    assert {"id", "office", "district", "arrived_at", "signed"} <= set(first)
    assert first["arrived_at"].endswith("+08:00")

    by_number = tmp_path / "by-number.pdf"
    result = run_dzdesk("report", "visit", first["report_number"], "-o", str(by_number), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(by_number), "-"], capture_output=True, text=True, check=True).stdout
    assert first["office"] in text.replace("\n", "") and "上门服务单" in text

    by_prefix = tmp_path / "by-prefix.pdf"
    assert run_dzdesk("report", "visit", first["id"][:8], "-o", str(by_prefix),
                      "--data-dir", str(demo_dir)).returncode == 0
    assert by_prefix.stat().st_size > 10_000


def test_wrong_visit_or_output_is_said_plainly(demo_dir, tmp_path):
    missing = run_dzdesk("report", "visit", "FW-19990101-XXXX-01", "-o", str(tmp_path / "x.pdf"),
                         "--data-dir", str(demo_dir))
    assert missing.returncode == 1 and "no visit matches" in missing.stderr
    wrong = run_dzdesk("report", "visit", "abc", "-o", str(tmp_path / "x.docx"), "--data-dir", str(demo_dir))
    assert wrong.returncode == 2 and "ending in .pdf" in wrong.stderr
    assert list(tmp_path.iterdir()) == []
