"""`dzdesk visits list` and `dzdesk report visit`, run as the duty engineer's scripts run them, on demo data."""

import json
import re
import sqlite3
import subprocess
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.cli import run_dzdesk
from tests.support.demo import copy_demo

KEYS = {"id", "report_number", "office", "department", "district", "platforms", "categories", "engineers",
        "arrived_at", "departed_at", "signed", "signed_at", "signer"}


@pytest.fixture(scope="module")
def demo_dir(demo_data, tmp_path_factory):
    return copy_demo(demo_data, tmp_path_factory.mktemp("visits") / "demo")


@pytest.fixture(scope="module")
def listed(demo_dir):
    result = run_dzdesk("visits", "list", "--json", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def query(root, sql):
    with closing(sqlite3.connect(root / "dzdesk.sqlite3")) as db:
        return db.execute(sql).fetchall()


@pytest.fixture(scope="module")
def photographed(demo_dir, listed):
    """A signed demo visit with photos, and how many photos it has."""
    counts = dict(query(demo_dir, "SELECT visit_id, COUNT(*) FROM visit_attachments "
                                  "WHERE kind = 'photo' AND deleted = 0 GROUP BY visit_id"))
    chosen = next(v for v in listed if v["signed"] and v["id"] in counts)
    return chosen, counts[chosen["id"]]


def pdf_text(path):
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_the_list_holds_every_visit_newest_first_in_dazhou_time(demo_dir, listed):
    stored = dict(query(demo_dir, "SELECT id, arrived_at FROM visits WHERE deleted = 0"))
    assert len(listed) == len(stored) > 50
    assert {v["id"] for v in listed} == set(stored)
    for v in listed:
        assert set(v) == KEYS, v
        assert str(uuid.UUID(v["id"])) == v["id"]
        assert v["office"] and v["district"], v
        assert isinstance(v["signed"], bool)
        arrived = datetime.fromisoformat(v["arrived_at"])
        assert v["arrived_at"].endswith("+08:00") and arrived.utcoffset() == timedelta(hours=8)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00", v["arrived_at"])
        in_utc = datetime.fromisoformat(stored[v["id"]]).replace(tzinfo=UTC)
        assert arrived == in_utc  # the same moment as stored
        assert re.fullmatch(rf"FW-{arrived:%Y%m%d}-[A-Z2-9]{{4}}-\d{{2,}}", v["report_number"]), v
        if v["signed"]:
            assert v["signed_at"].endswith("+08:00") and v["signer"], v
            assert v["departed_at"] is not None
        else:
            assert (v["signed_at"], v["signer"]) == (None, ""), v
        assert set(v["platforms"]) <= {"credit", "approval"} and v["platforms"]
        assert set(v["categories"]) <= {"function", "security", "research", "assurance", "briefing", "training"}
    arrivals = [datetime.fromisoformat(v["arrived_at"]) for v in listed]
    assert arrivals == sorted(arrivals, reverse=True)
    assert len({v["report_number"] for v in listed}) == len(listed)
    assert any(v["signed"] for v in listed)


@pytest.mark.parametrize("quote", ["id", "prefix", "number"])
def test_a_visit_report_is_written_for_the_id_its_start_or_the_report_number(demo_dir, photographed, tmp_path,
                                                                             quote):
    chosen, photos = photographed
    quoted = {"id": chosen["id"], "prefix": chosen["id"][:8], "number": chosen["report_number"]}[quote]
    target = tmp_path / f"上门服务单 {quote}.pdf"
    result = run_dzdesk("report", "visit", quoted, "-o", str(target), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    first, issued = result.stdout.strip().splitlines()
    assert first == f"visit report {chosen['report_number']} written to {target}"
    assert issued.startswith(f"  report number {chosen['report_number']}, verification code ")
    assert target.read_bytes().startswith(b"%PDF-")
    text = pdf_text(target)
    for expected in ("上门服务单", chosen["office"], chosen["department"], chosen["report_number"], "现场照片",
                     f"签字人{chosen['signer']}", "第1页/共"):
        assert expected in text, expected
    assert "客户尚未签字" not in text
    pictures = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
    assert sum(line.split()[2] == "image" for line in pictures) == photos + 1  # the photos and the signature
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_an_unknown_visit_exits_1_and_says_so(demo_dir, tmp_path):
    target = tmp_path / "x.pdf"
    result = run_dzdesk("report", "visit", "FW-19990101-XXXX-01", "-o", str(target), "--data-dir", str(demo_dir))
    assert result.returncode == 1
    assert result.stderr.strip() == "dzdesk: no visit matches 'FW-19990101-XXXX-01' (see `dzdesk visits list`)"
    assert result.stdout == ""
    assert not target.exists()


@pytest.mark.parametrize(("name", "message"), [
    ("服务单.docx", "服务单.docx: the report is a PDF; give a file name ending in .pdf"),
    ("no-such-folder/服务单.pdf", "does not exist"),
], ids=["not-a-pdf", "no-folder"])
def test_an_output_that_cannot_be_a_pdf_exits_2_and_writes_nothing(demo_dir, listed, tmp_path, name, message):
    result = run_dzdesk("report", "visit", listed[0]["id"], "-o", str(tmp_path / name), "--data-dir", str(demo_dir))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
