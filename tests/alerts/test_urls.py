"""The URL a user copies from a group's robot (or types for a mailbox) becomes the URL apprise takes, and a wrong one
is refused in words that never repeat its secret. Nothing here is sent."""

import apprise
import pytest

from dzdesk.alerts.urls import ChannelUrlError, channel_url, url_problem
from dzdesk.domain.alert_settings import ChannelKind
from tests.support.secret_scan import remember

DING_TOKEN = "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"
DING_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
WECOM_KEY = "693a91f6-7a2b-4bc4-97a0-0ec2d1fa5aaa"
FEISHU_TOKEN = "3d5f6a0e-1b2c-4d5e-8f90-123456789abc"
MAIL_PASSWORD = "m@il-pass/w0rd"
for _secret in (DING_TOKEN, DING_SECRET, WECOM_KEY, FEISHU_TOKEN, MAIL_PASSWORD):
    remember(_secret)

DINGTALK = f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}"
WECOM = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"
FEISHU = f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_TOKEN}"


def accepted_by_apprise(url: str) -> apprise.Apprise:
    sender = apprise.Apprise()
    assert sender.add(url), "apprise refused the URL built"
    return sender


@pytest.mark.parametrize(("kind", "typed", "scheme", "plugin"), [
    ("dingtalk", DINGTALK, "dingtalk://", "NotifyDingTalk"),
    ("dingtalk", DINGTALK + f"&secret={DING_SECRET}", "dingtalk://", "NotifyDingTalk"),
    ("wecom", WECOM, "wecombot://", "NotifyWeComBot"),
    ("feishu", FEISHU, "feishu://", "NotifyFeishu"),
    ("feishu", f"https://open.larksuite.com/open-apis/bot/v2/hook/{FEISHU_TOKEN}", "lark://", "NotifyLark"),
])
def test_a_robots_webhook_url_becomes_the_apprise_url_of_its_plugin(kind, typed, scheme, plugin):
    built = channel_url(kind, typed)
    assert built.apprise_url.startswith(scheme)
    sender = accepted_by_apprise(built.apprise_url)
    assert [type(service).__name__ for service in sender] == [plugin]
    assert typed not in repr(built) and built.apprise_url not in repr(built)


def test_the_dingtalk_token_and_signing_secret_reach_the_plugin():
    built = channel_url("dingtalk", DINGTALK + f"&secret={DING_SECRET}")
    service = apprise.Apprise.instantiate(built.apprise_url)
    assert (service.token, service.secret) == (DING_TOKEN, DING_SECRET)
    assert built.destination == "oapi.dingtalk.com"
    assert built.mask(f"token {DING_TOKEN}, secret {DING_SECRET}") == "token ***, secret ***"


def test_wecom_and_feishu_keys_reach_their_plugins():
    assert apprise.Apprise.instantiate(channel_url("wecom", WECOM).apprise_url).key == WECOM_KEY
    assert apprise.Apprise.instantiate(channel_url("feishu", FEISHU).apprise_url).token == FEISHU_TOKEN


def test_an_smtp_url_becomes_an_apprise_mail_url_with_its_server_mode_and_addresses():
    typed = f"smtps://alerts%40dz.cn:{MAIL_PASSWORD.replace('@', '%40').replace('/', '%2F')}@smtp.dz.cn/" \
            "?to=lead@dz.cn,duty@dz.cn&from=alerts@dz.cn"
    built = channel_url("email", typed)
    service = apprise.Apprise.instantiate(built.apprise_url)
    assert (service.smtp_host, service.port, service.secure_mode) == ("smtp.dz.cn", 465, "ssl")
    assert (service.user, service.password) == ("alerts@dz.cn", MAIL_PASSWORD)
    assert [t[1] for t in service.targets] == ["lead@dz.cn", "duty@dz.cn"]
    assert service.from_addr[1] == "alerts@dz.cn"
    assert built.destination == "smtp.dz.cn:465"
    starttls = apprise.Apprise.instantiate(channel_url("email", "smtp://u:pw123456@mail.dz.cn/?to=a@dz.cn&"
                                                                "from=b@dz.cn").apprise_url)
    assert (starttls.port, starttls.secure_mode) == (587, "starttls")
    relay = apprise.Apprise.instantiate(channel_url("email", "smtp://relay.dz.lan:25/?to=a@dz.cn&from=b@dz.cn&"
                                                             "tls=no").apprise_url)
    assert (relay.port, relay.secure_mode, relay.password) == (25, "insecure", None)


def test_an_apprise_mailto_url_is_taken_as_apprise_documents_it():
    built = channel_url("email", "mailtos://alerts:pw-123456@smtp.dz.cn?to=lead@dz.cn&from=alerts@dz.cn")
    service = apprise.Apprise.instantiate(built.apprise_url)
    assert service.secure_mode == "starttls" and "format=text" in service.url(privacy=True)
    assert "mode=starttls or mode=ssl" in url_problem("email", "mailto://a:pw-123456@smtp.dz.cn?to=l@dz.cn&"
                                                               "mode=insecure")


def test_a_webhook_url_keeps_its_path_query_and_login_for_the_json_plugin():
    built = channel_url("webhook", "https://bot:p4ss-w0rd@hooks.dz.cn:8443/alerts/in?token=abcdef123456&team=1")
    service = apprise.Apprise.instantiate(built.apprise_url)
    assert type(service).__name__ == "NotifyJSON" and service.secure
    assert (service.host, service.port, service.fullpath) == ("hooks.dz.cn", 8443, "/alerts/in")
    assert service.params == {"token": "abcdef123456", "team": "1"}
    assert (service.user, service.password) == ("bot", "p4ss-w0rd")
    assert built.mask("abcdef123456 p4ss-w0rd") == "*** ***"
    assert channel_url("webhook", "http://127.0.0.1:8080/hook").apprise_url.startswith("json://")
    assert channel_url("webhook", "http://192.168.10.5/hook").destination == "192.168.10.5"


@pytest.mark.parametrize(("kind", "typed", "why"), [
    ("dingtalk", DINGTALK.replace("https", "http"), "starts with https://"),
    ("dingtalk", DINGTALK.replace("oapi.dingtalk.com", "evil.example.cn"), "goes to oapi.dingtalk.com, this one to "
                                                                           "evil.example.cn"),
    ("dingtalk", "https://oapi.dingtalk.com/robot/send", "no access_token"),
    ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=", "no access_token"),
    ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=a-b!", "characters a token does not have"),
    ("dingtalk", DINGTALK + "&secret=abc123456789", "starts with SEC"),
    ("dingtalk", "https://oapi.dingtalk.com/other?access_token=abcdef", "robot/send?access_token"),
    ("wecom", WECOM.replace("https", "http"), "starts with https://"),
    ("wecom", f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}&key=x", "more than once"),
    ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "no key"),
    ("wecom", f"https://weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}", "goes to qyapi.weixin.qq.com"),
    ("feishu", FEISHU.replace("https", "http"), "starts with https://"),
    ("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/", "token at the end"),
    ("feishu", f"https://open.example.cn/open-apis/bot/v2/hook/{FEISHU_TOKEN}", "goes to open.feishu.cn"),
    ("email", "smtp://u:pw-123456@smtp.dz.cn/", "no one to send to"),
    ("email", "smtp://u:pw-123456@smtp.dz.cn/?to=lead", "lead is not an e-mail address"),
    ("email", "smtp://user:pw-123456@smtp.dz.cn/?to=a@dz.cn", "no sender"),
    ("email", "smtp://u:pw-123456@smtp.dz.cn/?to=a@dz.cn&from=b@dz.cn&tls=no", "never sent to a mail server "
                                                                                "without TLS"),
    ("email", "smtps://smtp.dz.cn/?to=a@dz.cn&from=b@dz.cn&tls=no", "with smtp:// only"),
    ("email", "smtp://smtp.dz.cn/?to=a@dz.cn&from=b@dz.cn&cc=c@dz.cn", "takes to, from and tls"),
    ("email", "smtp:///?to=a@dz.cn&from=b@dz.cn", "no mail server"),
    ("email", "https://smtp.dz.cn/", "smtp://user:password@host"),
    ("webhook", "http://hooks.example.cn/in?token=abcdef123456", "over https:// only"),
    ("webhook", "ftp://hooks.dz.cn/in", "starts with https://"),
    ("webhook", "https:///in", "names no host"),
    ("webhook", "https://hooks.dz.cn:99999/in", "port"),
    ("webhook", "https://hooks.dz.cn/a b", "spaces"),
    ("pager", "https://x.cn/", "not a kind of channel"),
    ("email", "   ", "no URL"),
])
def test_a_wrong_url_is_refused_in_words_without_its_secret(kind, typed, why):
    problem = url_problem(kind, typed)
    assert why in problem
    with pytest.raises(ChannelUrlError):
        channel_url(kind, typed)
    for secret in ("pw-123456", "abcdef123456", DING_TOKEN, WECOM_KEY, FEISHU_TOKEN):
        assert secret not in problem
    assert ChannelKind  # the kinds come from the domain, the same values the settings hold
