"""The texts alerts say, word for word for fixed inputs, in Shanghai time."""

from datetime import UTC, date, datetime, timedelta

from dzdesk.alerts.messages import (
    CertificateExpiry,
    TargetChange,
    certificate_digest,
    channel_test_message,
    complaint_reply_due,
    fault_breached,
    fault_lead_notice,
    fault_warning,
    plain,
    probe_alert,
    span_zh,
    visit_follow_up_overdue,
)
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.severity import Severity

NOW = datetime(2026, 12, 31, 9, 24, tzinfo=SHANGHAI)


def test_one_target_down_and_one_back_up_each_read_as_one_line():
    down = probe_alert([TargetChange("审批系统-网上大厅", True, datetime(2026, 12, 31, 2, 5, tzinfo=SHANGHAI),
                                     "连接超时")], NOW)
    assert down is not None
    assert down.body == down.title == "【巡检告警】审批系统-网上大厅 不可用（连接超时），自 02:05 起"
    up = probe_alert([TargetChange("审批系统-网上大厅", False, datetime(2026, 12, 31, 2, 5, tzinfo=SHANGHAI),
                                   until=datetime(2026, 12, 31, 2, 40, tzinfo=SHANGHAI))], NOW)
    assert up is not None and up.body == "【恢复】审批系统-网上大厅 已恢复，中断 35 分钟"


def test_a_sweeps_changes_are_grouped_into_one_message_in_utc_as_in_shanghai():
    utc = datetime(2026, 12, 30, 15, 50, tzinfo=UTC)  # 23:50 in Shanghai
    message = probe_alert([
        TargetChange("信用平台-门户", False, datetime(2026, 12, 31, 6, 0, tzinfo=SHANGHAI),
                     until=datetime(2026, 12, 31, 8, 5, tzinfo=SHANGHAI)),
        TargetChange("审批系统-网上大厅", True, datetime(2026, 12, 31, 2, 5, tzinfo=SHANGHAI), "HTTP 502"),
        TargetChange("审批系统-联合验收", True, utc, ""),
    ], NOW)
    assert message is not None
    assert message.title == "【巡检告警】2 个目标不可用，1 个已恢复"
    assert message.body == ("【巡检告警】2 个目标不可用，1 个已恢复\n"
                            "· 审批系统-联合验收 不可用，自 12-30 23:50 起\n"
                            "· 审批系统-网上大厅 不可用（HTTP 502），自 02:05 起\n"
                            "· 信用平台-门户 已恢复，中断 2 小时 5 分钟")
    assert probe_alert([], NOW) is None


def test_the_certificate_digest_lists_the_soonest_first_with_days_left():
    message = certificate_digest([
        CertificateExpiry("信用平台-门户", datetime(2027, 1, 12, 8, 0, tzinfo=SHANGHAI)),
        CertificateExpiry("审批系统-网上大厅", datetime(2026, 12, 31, 23, 0, tzinfo=SHANGHAI)),
        CertificateExpiry("旧接口", datetime(2026, 12, 28, 12, 0, tzinfo=SHANGHAI)),
        CertificateExpiry("数据共享接口", datetime(2027, 3, 1, tzinfo=SHANGHAI)),
    ], NOW, 30)
    assert message is not None
    assert message.title == "【证书到期】30 天内到期的证书 3 个"
    assert message.body == ("【证书到期】30 天内到期的证书 3 个\n"
                            "· 旧接口：已过期 3 天（2026-12-28）\n"
                            "· 审批系统-网上大厅：今天（2026-12-31）到期\n"
                            "· 信用平台-门户：2027-01-12 到期，还剩 12 天")
    assert certificate_digest([CertificateExpiry("x", NOW + timedelta(days=40))], NOW, 30) is None


def test_fault_reminders_before_at_and_after_the_deadline():
    due = datetime(2026, 12, 31, 11, 0, tzinfo=SHANGHAI)
    assert fault_warning("证书下载失败", Severity.MINOR, due, NOW).body == \
        "【响应提醒】一般故障「证书下载失败」还剩 1 小时 36 分钟，响应期限 12-31 11:00"
    assert fault_breached("证书下载失败", Severity.MINOR, due, due).body == \
        "【已超时】一般故障「证书下载失败」已超过响应期限 12-31 11:00，尚未响应"
    assert fault_lead_notice("证书下载失败", Severity.URGENT, due, due + timedelta(minutes=30), "王磊").body == \
        "【请组长关注】紧急故障「证书下载失败」超过响应期限 12-31 11:00 已 30 分钟，仍未响应，值班：王磊"
    next_year = datetime(2027, 1, 4, 11, 0, tzinfo=SHANGHAI)
    assert fault_warning("证书下载失败", Severity.MINOR, next_year, NOW).body.endswith("响应期限 2027-01-04 11:00")


def test_a_complaint_due_tomorrow_and_an_overdue_follow_up():
    received_before = NOW - timedelta(days=1)
    assert complaint_reply_due("办事大厅排队时间过长", datetime(2026, 12, 31, 18, 0, tzinfo=SHANGHAI),
                               received_before).body == \
        "【投诉答复提醒】投诉「办事大厅排队时间过长」明天须答复，答复期限 12-31 18:00"
    assert "答复期限 2027-01-01 18:00" in complaint_reply_due("x", datetime(2027, 1, 1, 18, 0, tzinfo=SHANGHAI),
                                                            NOW).body
    assert visit_follow_up_overdue("达川区政务服务中心", "更换数字证书驱动", date(2026, 12, 29), NOW).body == \
        "【跟进逾期】达川区政务服务中心 上门服务的跟进事项「更换数字证书驱动」已逾期 2 天（应于 12-29 完成）"


def test_the_test_message_names_who_sent_it():
    assert channel_test_message("李明").body == "【测试】dzdesk 告警通道测试，来自 李明"


def test_typed_text_loses_addresses_and_line_breaks_and_is_cut():
    assert plain("登录失败 http://10.1.2.3/admin?token=abc\n再试") == "登录失败 [链接已略] 再试"
    assert plain("长" * 50) == "长" * 39 + "…"
    due = datetime(2026, 12, 31, 11, 0, tzinfo=SHANGHAI)
    assert "http" not in fault_breached("见 https://credit.dz.gov.cn/x", Severity.MAJOR, due, due).body


def test_spans_read_in_whole_minutes():
    assert [span_zh(timedelta(seconds=s)) for s in (20, 60, 35 * 60, 96 * 60 + 59, 2 * 3600, 27 * 3600 + 60)] == \
        ["不到 1 分钟", "1 分钟", "35 分钟", "1 小时 36 分钟", "2 小时", "1 天 3 小时"]
