"""`dzdesk report annual|quarterly|monthly`, run as a user would on a demo data directory."""

import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from tests.support.cli import run_dzdesk
from tests.support.demo import copy_demo


def text_of(path):
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


@pytest.fixture(scope="module")
def demo_dir(demo_data, tmp_path_factory):
    return copy_demo(demo_data, tmp_path_factory.mktemp("demo") / "data")


def stats_rates(demo_dir):
    result = run_dzdesk("stats", "--year", "2026", "--json", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    return tuple("—" if figures[k] is None else f"{figures[k] * 100:.1f} %"
                 for k in ("response_timeliness", "completion_rate"))


def test_annual_report_prints_the_figures_of_stats(demo_dir, tmp_path):
    pdf, xlsx = tmp_path / "annual.pdf", tmp_path / "annual.xlsx"
    before = stats_rates(demo_dir)
    result = run_dzdesk("report", "annual", "--year", "2026", "-o", str(pdf), "--xlsx", str(xlsx),
                        "--data-dir", str(demo_dir))
    after = stats_rates(demo_dir)  # a deadline may pass between the runs: the report matches one of them
    assert result.returncode == 0, result.stderr
    printed = re.search(r"timeliness (\S+ %|—), completion (\S+ %|—)", result.stdout)
    assert printed, result.stdout
    assert printed.groups() in (before, after)
    assert "2026 年 report written to" in result.stdout and f"figures in {xlsx}" in result.stdout
    assert "2026年年度运维报告" in text_of(pdf)
    workbook = load_workbook(xlsx, read_only=True)
    try:
        assert "合同指标" in workbook.sheetnames and "故障清单" in workbook.sheetnames
    finally:
        workbook.close()


@pytest.mark.parametrize(("kind", "flag", "period", "named"), [
    ("monthly", "--month", "2026-03", "2026年3月"),
    ("quarterly", "--quarter", "2026-Q1", "2026年第1季度"),
])
def test_monthly_and_quarterly_reports_name_their_period(demo_dir, tmp_path, kind, flag, period, named):
    target = tmp_path / f"{kind}.pdf"
    result = run_dzdesk("report", kind, flag, period, "-o", str(target), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    text = text_of(target)
    assert re.search(f"{named}\\w{{0,2}}运维报告", text), text[:200]
    assert "一、总体情况" in text and "附录：故障清单" in text


BAD_INPUT = [
    (["annual", "--year", "1999x"], "'1999x' is not a period like 2026"),
    (["monthly", "--month", "2026-13"], "'2026-13' is not a period like 2026-03"),
    (["quarterly", "--quarter", "2026-Q5"], "'2026-Q5' is not a period like 2026-Q3"),
    (["annual", "--year", "2026", "-o", "{dir}/x.txt"], "ending in .pdf"),
    (["annual", "--year", "2026", "--xlsx", "{dir}/x.csv"], "ending in .xlsx"),
]


def test_bad_input_exits_2_and_writes_nothing(demo_dir, tmp_path):
    def run(index):
        folder = tmp_path / str(index)
        folder.mkdir()
        args = [a.format(dir=folder) for a in BAD_INPUT[index][0]]
        if "-o" not in args:
            args += ["-o", str(folder / "r.pdf")]
        if "--xlsx" not in args:
            args += ["--xlsx", str(folder / "r.xlsx")]
        return folder, run_dzdesk("report", *args, "--data-dir", str(demo_dir))

    results = [run(index) for index in range(len(BAD_INPUT))]
    for (args, message), (folder, result) in zip(BAD_INPUT, results, strict=True):
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert list(folder.iterdir()) == [], args
