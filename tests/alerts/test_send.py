"""Sending through apprise to real receivers on 127.0.0.1: a mail server and a JSON webhook that take the message,
receivers that refuse it or are not there, one that never answers, and no channel secret in dzdesk's log or on
stderr whatever happens."""

import logging
import time
from datetime import datetime, timedelta

import pytest

from dzdesk.alerts.messages import Message, fault_breached
from dzdesk.alerts.send import ChannelTarget, Outcome, failure_reason, send
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.severity import Severity
from dzdesk.logging_setup import LOG_FILE_NAME, configure_logging
from tests.alerts.servers import free_port, json_receiver, smtp_server
from tests.support.secret_scan import remember

TOKEN = "hook-token-5d41402abc4b2a76"
PASSWORD = "mail-pass-7e2b9f01c3"
remember(TOKEN)
remember(PASSWORD)

MESSAGE = Message("【巡检告警】审批系统-网上大厅 不可用（连接超时），自 02:05 起",
                  "【巡检告警】审批系统-网上大厅 不可用（连接超时），自 02:05 起\n· 第二行：信用平台正常")


def test_an_email_alert_arrives_with_its_chinese_subject_and_body_intact():
    with smtp_server() as box:
        [delivery] = send(MESSAGE, [ChannelTarget("duty-mail", "email", f"smtp://127.0.0.1:{box.port}/"
                                                  "?to=lead@dz.cn,duty@dz.cn&from=alerts@dz.cn&tls=no")], 10)
    assert delivery.sent, delivery.why
    assert box.envelopes == [("alerts@dz.cn", ["lead@dz.cn"]), ("alerts@dz.cn", ["duty@dz.cn"])]  # one mail each
    for mail in box.messages:
        assert mail["Subject"] == MESSAGE.title
        assert mail.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == MESSAGE.body


def test_an_email_alert_signs_in_over_starttls_and_a_wrong_password_is_refused_in_words(tmp_path, monkeypatch):
    with smtp_server("alerts", PASSWORD, certificates=tmp_path) as box:
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # the test CA, as a team CA would be
        url = f"smtp://alerts:{PASSWORD}@127.0.0.1:{box.port}/?to=lead@dz.cn&from=alerts@dz.cn"
        good, bad = send(MESSAGE, [ChannelTarget("good", "email", url),
                                   ChannelTarget("bad", "email", url.replace(PASSWORD, "not-the-password"))], 10)
    assert good.sent, good.why
    assert len(box.messages) == 1 and box.messages[0]["Subject"] == MESSAGE.title
    assert bad.outcome is Outcome.REFUSED
    assert bad.why == "the mail server refused the login (SMTP 535): check the user and password"


def test_a_webhook_receives_the_json_with_the_text():
    with json_receiver() as receiver:
        [delivery] = send(MESSAGE, [ChannelTarget("hook", "webhook", f"{receiver.base}/in?token={TOKEN}")], 10)
    assert delivery.sent, delivery.why
    [posted] = receiver.posted
    assert posted.path == f"/in?token={TOKEN}"
    assert (posted.body["title"], posted.body["message"]) == (MESSAGE.title, MESSAGE.body)


def test_a_receiver_that_refuses_or_is_not_there_gives_a_failure_in_words():
    port = free_port()
    with json_receiver() as receiver:
        refused, absent, mail_absent = send(MESSAGE, [
            ChannelTarget("refuses", "webhook", f"{receiver.base}/fail?token={TOKEN}"),
            ChannelTarget("absent", "webhook", f"http://127.0.0.1:{port}/in?token={TOKEN}"),
            ChannelTarget("mail", "email", f"smtp://127.0.0.1:{port}/?to=a@dz.cn&from=b@dz.cn&tls=no"),
        ], 10)
    host = receiver.base.removeprefix("http://")
    assert (refused.outcome, refused.why) == (Outcome.REFUSED, f"{host} refused it: HTTP 500 Internal Server Error")
    assert (absent.outcome, absent.why) == (Outcome.UNREACHABLE,
                                            f"nothing answers at 127.0.0.1:{port} (connection refused)")
    assert (mail_absent.outcome, mail_absent.why) == (Outcome.UNREACHABLE,
                                                      f"nothing answers at 127.0.0.1:{port} (connection refused)")


def test_a_receiver_that_never_answers_does_not_hold_the_send_beyond_its_timeout():
    with json_receiver(hang_seconds=8) as receiver:
        started = time.monotonic()
        hung, fine = send(MESSAGE, [ChannelTarget("hangs", "webhook", f"{receiver.base}/hang"),
                                    ChannelTarget("fine", "webhook", f"{receiver.base}/ok")], timeout=1.5)
        took = time.monotonic() - started
    assert took < 6
    assert fine.sent
    assert hung.outcome is Outcome.UNREACHABLE and "gave no answer within 1.5 s" in hung.why


def test_an_unusable_url_is_said_without_trying():
    [delivery] = send(MESSAGE, [ChannelTarget("ding", "dingtalk", f"http://oapi.dingtalk.com/robot/send?"
                                                                   f"access_token={TOKEN.replace('-', '')}")])
    assert delivery.outcome is Outcome.UNUSABLE and "https://" in delivery.why
    assert TOKEN.replace("-", "") not in delivery.why


@pytest.mark.parametrize(("lines", "outcome", "why"), [
    (["Feishu rejected our notification: code=19021 msg=sign match fail"], Outcome.REFUSED,
     "the group's robot refused it (code 19021)"),
    (["Socket Exception: {'a@dz.cn': (550, b'no such user')}"], Outcome.REFUSED,
     "the mail server refused a recipient (SMTP 550)"),
    (["Socket Exception: HTTPSConnectionPool(host='x', port=443): Max retries exceeded with url: /robot/send?"
      "access_token=abc (Caused by NameResolutionError(...))"], Outcome.UNREACHABLE,
     "the host of oapi.dingtalk.com cannot be found (its name does not resolve)"),
    (["Socket Exception: ... [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"], Outcome.UNREACHABLE,
     "oapi.dingtalk.com's certificate is not trusted on this machine"),
    ([], Outcome.FAILED, "the message was not taken by oapi.dingtalk.com, and no reason was given"),
])
def test_failure_reasons_name_the_kind_of_failure_never_the_record(lines, outcome, why):
    assert failure_reason(lines, "oapi.dingtalk.com", 20) == (outcome, why)


def test_no_channel_secret_reaches_dzdesks_log_or_stderr_even_at_debug_level(tmp_path, capfd, monkeypatch):
    configure_logging(tmp_path / "logs", level=logging.DEBUG)
    port = free_port()
    due = datetime(2026, 12, 31, 11, tzinfo=SHANGHAI)
    message = fault_breached("证书下载失败", Severity.MINOR, due, due + timedelta(minutes=5))
    wrong = "x-" + PASSWORD
    remember(wrong)
    try:
        with json_receiver() as receiver, smtp_server("alerts", PASSWORD, certificates=tmp_path) as box:
            monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
            mail = f"smtp://alerts:{PASSWORD}@127.0.0.1:{box.port}/?to=lead@dz.cn&from=alerts@dz.cn"
            deliveries = send(message, [
                ChannelTarget("hook", "webhook", f"{receiver.base}/{TOKEN}/in?token={TOKEN}"),
                ChannelTarget("refuses", "webhook", f"{receiver.base}/fail?token={TOKEN}"),
                ChannelTarget("absent", "webhook", f"http://127.0.0.1:{port}/in?token={TOKEN}"),
                ChannelTarget("mail", "email", mail),
                ChannelTarget("wrong-login", "email", mail.replace(f":{PASSWORD}@", f":{wrong}@")),
            ], 10)
    finally:
        configure_logging(tmp_path / "logs")  # back to INFO for whatever runs next in this process
    assert [d.sent for d in deliveries] == [True, False, False, True, False]
    written = (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "alert sent to channel hook" in written and "alert not sent to channel refuses" in written
    captured = capfd.readouterr()
    for text in (written, captured.out, captured.err, *(d.why for d in deliveries)):
        assert TOKEN not in text and PASSWORD not in text
