import pytest

from dzdesk.domain.catalogue import CatalogueError, load_catalogue, parse_catalogue, shipped_catalogue_text
from dzdesk.domain.severity import Clock, Severity


def test_shipped_catalogue_matches_the_contracts():
    catalogue = load_catalogue()
    credit = catalogue.platform("credit")
    approval = catalogue.platform("approval")
    assert len(credit.modules) == 10
    assert {"信用信息采集", "信用结果公示", "异议管理", "信用修复"} <= set(credit.modules)
    assert len(approval.modules) == 13
    assert approval.modules[0] == "网上大厅" and approval.modules[-1] == "多评合一"
    assert len(catalogue.districts) == 10  # the city level and nine districts/counties
    assert {"通川区", "达川区", "万源市", "宣汉县", "开江县", "大竹县", "渠县", "达州高新区", "东部经开区"} <= set(
        catalogue.districts)
    assert {"建管科", "房产科", "设计科", "消防科"} <= set(catalogue.departments)
    assert catalogue.size == 2 + 23 + 10 + len(catalogue.departments) + 4


def test_severities_carry_the_contract_deadlines():
    hours = {s: s.response_time.total_seconds() / 3600 for s in Severity}
    assert hours == {Severity.URGENT: 1, Severity.MAJOR: 2, Severity.MINOR: 4, Severity.ADVISORY: 6}
    assert Severity.URGENT.clock is Clock.WALL and Severity.MAJOR.clock is Clock.WALL
    assert Severity.MINOR.clock is Clock.BUSINESS and Severity.ADVISORY.clock is Clock.BUSINESS
    assert Severity.URGENT.label_zh == "紧急故障" and Severity.ADVISORY.label_zh == "普通故障"


def test_user_catalogue_replaces_the_shipped_one(tmp_path):
    user_file = tmp_path / "catalogue.toml"
    user_file.write_text(shipped_catalogue_text().replace('"渠县",', '"渠县",\n  "新设园区",'), encoding="utf-8")
    catalogue = load_catalogue(user_file)
    assert "新设园区" in catalogue.districts
    assert catalogue.source == str(user_file)


@pytest.mark.parametrize(("text", "message"), [
    ("districts = [", "not valid TOML"),
    ('districts = ["a"]\ndepartments = ["b"]\n', r"no \[\[platform\]\]"),
    ('districts = []\ndepartments = ["b"]\n[[platform]]\ncode="c"\nname="n"\nshort_name="s"\nmodules=["m"]\n',
     "'districts' must be a non-empty list"),
    ('districts = ["a", "a"]\ndepartments = ["b"]\n[[platform]]\ncode="c"\nname="n"\nshort_name="s"\nmodules=["m"]\n',
     "lists a name twice"),
    ('districts = ["a"]\ndepartments = ["b"]\n[[platform]]\ncode=""\nname="n"\nshort_name="s"\nmodules=["m"]\n',
     "platform 1: 'code'"),
])
def test_broken_catalogue_names_the_problem(text, message):
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(text, "user.toml")
