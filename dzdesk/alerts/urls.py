"""From the URL a user copies out of a group's robot settings (or types for a mailbox) to the URL apprise sends with.

What people paste, per kind of channel:

- DingTalk: `https://oapi.dingtalk.com/robot/send?access_token=…`; a robot that signs (加签) takes its secret as
  `&secret=SEC…` appended;
- WeCom (企业微信): `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`;
- Feishu: `https://open.feishu.cn/open-apis/bot/v2/hook/…` (Lark's `open.larksuite.com` too);
- e-mail: `smtp://user:password@host:587/?to=a@b.cn,c@d.cn&from=alerts@b.cn` (STARTTLS), `smtps://…:465/…` (TLS
  from the start), `smtp://host:25/?to=…&tls=no` for a relay without TLS (and then without a password), or an
  apprise `mailto://` / `mailtos://` URL as apprise documents it;
- a generic JSON webhook: any `https://` URL (plain `http://` only to this machine or the local network), which
  receives `{"title": …, "message": …}` by POST.

The URL holds the channel's secret, so no error here repeats it: an error names the host at most.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlencode, urlsplit

from dzdesk.alerts.logs import keep_secrets_out_of_logs
from dzdesk.domain.alert_settings import ChannelKind

MIN_MASKED = 6  # query values shorter than this are not secrets worth masking ("1", "yes")
_DINGTALK_TOKEN = re.compile(r"^[A-Za-z0-9]+$")
_DINGTALK_SECRET = re.compile(r"^SEC[A-Za-z0-9]+$")
_WECOM_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_FEISHU_PATH = re.compile(r"^/open-apis/bot/v2/hook/([A-Za-z0-9_-]+)/?$")
_LARK_TOKEN = re.compile(r"^[a-z0-9-]+$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_EMAIL_KEYS = {"to", "from", "tls"}


class ChannelUrlError(ValueError):
    """A typed URL that cannot be used, said in words that never repeat the URL or its secret."""


@dataclass(frozen=True)
class ChannelUrl:
    """A channel's URL made ready for apprise. `apprise_url` and `secrets` hold the secret and are left out of
    repr, so a traceback or a debug print of this object shows only where it goes."""

    kind: ChannelKind
    destination: str  # the host it goes to: safe to show
    apprise_url: str = field(repr=False)
    secrets: tuple[str, ...] = field(repr=False, default=())  # every secret part, to mask wherever text is shown

    def mask(self, text: str) -> str:
        """`text` with every secret part of this URL replaced by ***."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


def url_problem(kind: ChannelKind | str, typed: str) -> str:
    """Why `typed` cannot be the URL of a channel of `kind`, in words, or an empty string."""
    try:
        channel_url(kind, typed)
    except ChannelUrlError as exc:
        return str(exc)
    return ""


def channel_url(kind: ChannelKind | str, typed: str) -> ChannelUrl:
    """The apprise URL for what a user typed; raises ChannelUrlError saying what is wrong."""
    try:
        kind = ChannelKind(kind)
    except ValueError:
        raise ChannelUrlError(f"“{kind}” is not a kind of channel: {', '.join(k.value for k in ChannelKind)}") \
            from None
    typed = typed.strip()
    if not typed:
        raise ChannelUrlError("no URL was given")
    if any(ch.isspace() for ch in typed):
        raise ChannelUrlError("the URL has spaces in it; copy it again whole, on one line")
    try:
        parts = urlsplit(typed)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise ChannelUrlError("this is not a URL (its port or brackets cannot be read)") from None
    built = _BUILDERS[kind](parts, typed)
    _check_apprise_takes(built)
    return built


def _secrets(typed: str, *parts: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for p in (typed, *parts) if p and len(p) >= MIN_MASKED))


def _require_https(parts: SplitResult, what: str) -> None:
    scheme = parts.scheme
    if scheme != "https":
        raise ChannelUrlError(f"a {what} URL starts with https:// (this one starts with {scheme or 'nothing'}://); "
                              "copy it again from the group's robot settings")


def _host(parts: SplitResult) -> str:
    return (parts.hostname or "").lower()


def _query(parts: SplitResult) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        values.setdefault(key, []).append(value)
    return values


def _one(query: dict[str, list[str]], key: str) -> str | None:
    found = query.get(key)
    if not found:
        return None
    if len(found) > 1:
        raise ChannelUrlError(f"the URL gives {key} more than once")
    return found[0]


def _dingtalk(parts: SplitResult, typed: str) -> ChannelUrl:
    _require_https(parts, "DingTalk robot")
    host = _host(parts)
    if host != "oapi.dingtalk.com":
        raise ChannelUrlError(f"a DingTalk robot's URL goes to oapi.dingtalk.com, this one to {host or 'no host'}")
    if parts.path.rstrip("/") != "/robot/send":
        raise ChannelUrlError("a DingTalk robot's URL is https://oapi.dingtalk.com/robot/send?access_token=…")
    query = _query(parts)
    token, secret = _one(query, "access_token"), _one(query, "secret")
    if not token:
        raise ChannelUrlError("the DingTalk URL has no access_token: copy the robot's whole webhook URL")
    if not _DINGTALK_TOKEN.fullmatch(token):
        raise ChannelUrlError("the DingTalk access_token holds characters a token does not have; copy it again")
    if secret is not None and not _DINGTALK_SECRET.fullmatch(secret):
        raise ChannelUrlError("the DingTalk signing secret (加签) starts with SEC and holds letters and digits only")
    unknown = set(query) - {"access_token", "secret"}
    if unknown:
        raise ChannelUrlError(f"the DingTalk URL takes access_token and secret only, not {', '.join(sorted(unknown))}")
    auth = f"{secret}@" if secret else ""
    return ChannelUrl(ChannelKind.DINGTALK, host, f"dingtalk://{auth}{token}/?format=text",
                      _secrets(typed, token, secret))


def _wecom(parts: SplitResult, typed: str) -> ChannelUrl:
    _require_https(parts, "WeCom group robot")
    host = _host(parts)
    if host != "qyapi.weixin.qq.com":
        raise ChannelUrlError(f"a WeCom group robot's URL goes to qyapi.weixin.qq.com, this one to {host or 'no host'}")
    if parts.path.rstrip("/") != "/cgi-bin/webhook/send":
        raise ChannelUrlError("a WeCom group robot's URL is https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…")
    key = _one(_query(parts), "key")
    if not key:
        raise ChannelUrlError("the WeCom URL has no key: copy the robot's whole webhook URL")
    if not _WECOM_KEY.fullmatch(key):
        raise ChannelUrlError("the WeCom key holds characters a key does not have; copy it again")
    return ChannelUrl(ChannelKind.WECOM, host, f"wecombot://{key}/", _secrets(typed, key))


def _feishu(parts: SplitResult, typed: str) -> ChannelUrl:
    _require_https(parts, "Feishu robot")
    host = _host(parts)
    if host not in {"open.feishu.cn", "open.larksuite.com"}:
        raise ChannelUrlError(f"a Feishu robot's URL goes to open.feishu.cn (Lark: open.larksuite.com), this one to "
                              f"{host or 'no host'}")
    match = _FEISHU_PATH.fullmatch(parts.path)
    if match is None:
        raise ChannelUrlError("a Feishu robot's URL is https://open.feishu.cn/open-apis/bot/v2/hook/… with the "
                              "robot's token at the end")
    token = match.group(1)
    if host == "open.larksuite.com":
        if not _LARK_TOKEN.fullmatch(token):
            raise ChannelUrlError("the Lark robot's token holds characters a token does not have; copy it again")
        return ChannelUrl(ChannelKind.FEISHU, host, f"lark://{token}/", _secrets(typed, token))
    return ChannelUrl(ChannelKind.FEISHU, host, f"feishu://{token}/?format=text", _secrets(typed, token))


def _addresses(text: str) -> list[str]:
    found = [a.strip() for a in re.split(r"[,;]", text) if a.strip()]
    bad = [a for a in found if not _EMAIL.fullmatch(a)]
    if bad:
        raise ChannelUrlError(f"{bad[0]} is not an e-mail address")
    return found


def _email(parts: SplitResult, typed: str) -> ChannelUrl:
    scheme = parts.scheme
    if scheme in {"mailto", "mailtos"}:
        return _apprise_email(parts, typed)
    if scheme not in {"smtp", "smtps"}:
        raise ChannelUrlError("an e-mail channel's URL is smtp://user:password@host:587/?to=…&from=… (STARTTLS), "
                              "smtps://…:465/… (TLS), or an apprise mailto:// URL")
    host = _host(parts)
    if not host:
        raise ChannelUrlError("the e-mail URL names no mail server: smtp://user:password@host:port/?to=…")
    query = _query(parts)
    unknown = set(query) - _EMAIL_KEYS
    if unknown:
        raise ChannelUrlError(f"the e-mail URL takes to, from and tls, not {', '.join(sorted(unknown))}")
    to = _addresses(",".join(query.get("to", [])))
    if not to:
        raise ChannelUrlError("the e-mail URL says no one to send to: add ?to=name@example.cn (several with commas)")
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    from_addr = _one(query, "from") or (user if _EMAIL.fullmatch(user) else "")
    if not from_addr:
        raise ChannelUrlError("the e-mail URL says no sender: add &from=alerts@example.cn")
    _addresses(from_addr)
    tls = (_one(query, "tls") or "yes").lower()
    if tls not in {"yes", "no"}:
        raise ChannelUrlError("tls is yes or no")
    if tls == "no":
        if scheme == "smtps":
            raise ChannelUrlError("smtps:// is TLS from the start; tls=no goes with smtp:// only")
        if password:
            raise ChannelUrlError("a password is never sent to a mail server without TLS: drop tls=no, or the "
                                  "password for a relay that needs none")
        mode = "insecure"
    else:
        mode = "ssl" if scheme == "smtps" else "starttls"
    port = parts.port or {"ssl": 465, "starttls": 587, "insecure": 25}[mode]
    auth = ""
    if user:
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "") + "@"
    server = f"[{host}]" if ":" in host else host
    params = urlencode({"smtp": host, "mode": mode, "from": from_addr, "to": ",".join(to), "format": "text"})
    return ChannelUrl(ChannelKind.EMAIL, f"{host}:{port}", f"mailto://{auth}{server}:{port}/?{params}",
                      _secrets(typed, password, parts.password, quote(password, safe="") if password else None))


def _apprise_email(parts: SplitResult, typed: str) -> ChannelUrl:
    """An apprise mailto:// URL, as apprise documents it; only `format=text` is added, so mail is plain text."""
    import apprise

    host = _host(parts)
    url = typed if "format" in _query(parts) else \
        parts._replace(path=parts.path or "/", query="&".join(q for q in (parts.query, "format=text") if q)).geturl()
    keep_secrets_out_of_logs()
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise ChannelUrlError("apprise cannot use this mailto:// URL; see apprise's e-mail page, or use the "
                              "smtp://user:password@host:port/?to=…&from=… form")
    password = getattr(plugin, "password", None) or ""
    if password and getattr(plugin, "secure_mode", "") == "insecure":
        raise ChannelUrlError("this mailto:// URL would send its password without TLS: use mailtos://, or add "
                              "mode=starttls or mode=ssl")
    return ChannelUrl(ChannelKind.EMAIL, host, url,
                      _secrets(typed, password, parts.password))


def _plain_http_allowed(host: str) -> bool:
    """Plain http only where nobody between can read the token: this machine and the local network."""
    if host == "localhost" or "." not in host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def _webhook(parts: SplitResult, typed: str) -> ChannelUrl:
    scheme = parts.scheme
    host = _host(parts)
    if scheme not in {"http", "https"}:
        raise ChannelUrlError("a JSON webhook's URL starts with https://")
    if not host:
        raise ChannelUrlError("the webhook URL names no host")
    if scheme == "http" and not _plain_http_allowed(host):
        raise ChannelUrlError(f"a webhook on {host} is reached over https:// only: plain http:// would carry its "
                              "address and token readable along the way (allowed only to this machine and the "
                              "local network)")
    query = parse_qsl(parts.query, keep_blank_values=True)
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    auth = ""
    if user:
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "") + "@"
    port = parts.port
    server = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    # apprise's JSON plugin sends its own query as options; the receiver's own parameters pass with a - before them.
    params = urlencode([(f"-{key}", value) for key, value in query])
    path = parts.path or "/"
    apprise_url = f"{'jsons' if scheme == 'https' else 'json'}://{auth}{server}{path}" + (f"?{params}" if params
                                                                                          else "")
    secret_parts = [password, parts.password, parts.path if len(parts.path) > 1 else None,
                    *(value for _key, value in query)]
    return ChannelUrl(ChannelKind.WEBHOOK, host + (f":{port}" if port else ""), apprise_url,
                      _secrets(typed, *secret_parts))


_BUILDERS = {
    ChannelKind.DINGTALK: _dingtalk,
    ChannelKind.WECOM: _wecom,
    ChannelKind.FEISHU: _feishu,
    ChannelKind.EMAIL: _email,
    ChannelKind.WEBHOOK: _webhook,
}


def _check_apprise_takes(built: ChannelUrl) -> None:
    """apprise itself accepts the URL: a check that what was built is what its plugin reads."""
    import apprise

    keep_secrets_out_of_logs()
    if apprise.Apprise.instantiate(built.apprise_url) is None:
        raise ChannelUrlError(f"the {built.kind.label_zh} URL cannot be used as typed; copy it again whole")
