"""The window shows each enum's label from the domain, in its interface language: Chinese with the Chinese
translation installed, English (the source language) without it."""

import pytest

from dzdesk.domain.incident import Status
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import ServiceCategory
from dzdesk.ui.labels import enum_label, failure_text, interface_is_chinese, severity_label, status_label
from dzdesk.ui.visits.texts import category_label


@pytest.mark.usefixtures("chinese")
def test_the_chinese_window_shows_the_domain_s_chinese_labels():
    assert interface_is_chinese()
    assert severity_label(Severity.URGENT) == "紧急故障" == Severity.URGENT.label_zh
    assert status_label(Status.IN_PROGRESS) == "处理中"
    assert category_label(ServiceCategory.BRIEFING) == "协助制作汇报演示材料"
    assert failure_text(Failure.CREDENTIALS, "") == "缺少巡检账号密码"


def test_the_english_window_shows_the_domain_s_english_labels(qapp):
    assert not interface_is_chinese()
    assert severity_label(Severity.URGENT) == "Urgent"
    assert failure_text(Failure.CREDENTIALS, "no password kept") == "probe password missing: no password kept"
    assert [enum_label(s) for s in Status] == [s.label_en for s in Status]
