"""The team's alert channels and rules as team settings: what is kept, what is refused, and how they read back."""

import json
from datetime import time

import pytest

from dzdesk.domain.alert_settings import (
    RULES_KEY,
    AlertRules,
    Channel,
    ChannelKind,
    channel_key,
    from_settings,
    name_problem,
    read_rules,
    setting_problem,
    to_settings,
)

CHANNELS = [Channel("ops-group", ChannelKind.DINGTALK, "运维一组群"),
            Channel("lead-mail", ChannelKind.EMAIL, "组长邮箱")]


def test_channels_and_rules_round_trip_through_settings():
    rules = AlertRules(fault_warn_percent=(25, 50, 90), fault_lead_after_minutes=None, lead_channels=("lead-mail",),
                       complaint_reply_due_tomorrow=False, certificate_digest_at=time(8, 30),
                       certificate_days_ahead=14)
    values = to_settings(CHANNELS, rules)
    assert set(values) == {"alerts.channel.ops-group", "alerts.channel.lead-mail", RULES_KEY}
    assert json.loads(values["alerts.channel.ops-group"]) == {"kind": "dingtalk", "label": "运维一组群"}
    assert all(setting_problem(key, value) == "" for key, value in values.items())
    settings, skipped = from_settings(values)
    assert skipped == []
    assert settings.channels == tuple(sorted(CHANNELS, key=lambda c: c.name))
    assert settings.rules == rules
    assert [c.name for c in settings.lead_channels()] == ["lead-mail"]


def test_a_team_that_set_nothing_gets_the_defaults():
    settings, skipped = from_settings({"calendar.hours": '"09:00-12:00"'})
    assert (settings.channels, skipped) == ((), [])
    rules = settings.rules
    assert rules.fault_warn_percent == (50, 80) and rules.fault_warn_at_breach
    assert rules.fault_lead_after_minutes == 30 and rules.lead_channels == ()
    assert rules.complaint_reply_due_tomorrow and rules.visit_follow_up_overdue
    assert rules.certificate_digest_at == time(9, 0) and rules.certificate_days_ahead == 30
    assert from_settings({RULES_KEY: "{}"})[0].rules == AlertRules()


@pytest.mark.parametrize(("key", "value", "why"), [
    ("alerts.channel.ops", '{"kind": "dingtalk", "label": "群", "url": "https://oapi.dingtalk.com/robot/send?a=1"}',
     "never in a team setting"),
    ("alerts.channel.ops", '{"kind": "dingtalk", "label": "https://oapi.dingtalk.com/robot/send?access_token=x"}',
     "looks like an address or a token"),
    ("alerts.channel.ops", '{"kind": "slack", "label": "群"}', "the kind is one of"),
    ("alerts.channel.ops", '{"kind": "email", "label": 3}', "the label is text"),
    ("alerts.channel.ops", '"dingtalk"', "must say the channel's kind and label"),
    ("alerts.channel.Ops_1", '{"kind": "email", "label": ""}', "lowercase letters, digits and -"),
    ("alerts.channel." + "a" * 41, '{"kind": "email", "label": ""}', "at most 40"),
    ("alerts.channel.ops", "not json", "is not JSON"),
    ("alerts.other", "{}", "not a setting of the team's alerts"),
    (RULES_KEY, "[]", "as a JSON object"),
    (RULES_KEY, '{"fault_warn_percent": [50, 120]}', "between 1 and 99"),
    (RULES_KEY, '{"fault_warn_percent": [50, 50]}', "twice"),
    (RULES_KEY, '{"fault_warn_percent": [0.5]}', "whole percentages"),
    (RULES_KEY, '{"fault_lead_after_minutes": -1}', "0 to 1440"),
    (RULES_KEY, '{"fault_warn_at_breach": "yes"}', "true or false"),
    (RULES_KEY, '{"certificate_digest_at": "9:00"}', "like “09:00”"),
    (RULES_KEY, '{"certificate_days_ahead": 0}', "1 to 365"),
    (RULES_KEY, '{"lead_channels": ["Lead"]}', "names of the channels"),
    (RULES_KEY, '{"sms_too": true}', "not an alert rule this version knows"),
])
def test_settings_that_cannot_be_kept_are_refused_in_words(key, value, why):
    assert why in setting_problem(key, value)


def test_keys_that_are_not_the_alerts_are_left_to_others():
    assert setting_problem("calendar.hours", "not json") == ""


def test_a_rule_that_cannot_be_read_keeps_its_default_and_the_others_still_apply():
    rules, skipped = read_rules(json.dumps({"certificate_days_ahead": 7, "fault_warn_percent": [80, 50],
                                            "certificate_digest_at": "25:00", "sms_too": True}))
    assert rules.certificate_days_ahead == 7 and rules.fault_warn_percent == (50, 80)
    assert rules.certificate_digest_at == time(9, 0)
    assert len(skipped) == 2
    assert "its default applies" in skipped[0] and "passed over" in skipped[1]


def test_a_channel_setting_that_cannot_be_read_is_passed_over_with_why():
    values = to_settings(CHANNELS, AlertRules(lead_channels=("boss",)))
    values[channel_key("bad")] = '{"kind": "pager", "label": ""}'
    settings, skipped = from_settings(values)
    assert [c.name for c in settings.channels] == ["lead-mail", "ops-group"]
    assert any("the kind is one of" in why for why in skipped)
    assert any("boss, not a channel of the team" in why for why in skipped)
    assert settings.rules.lead_channels == ()


def test_channel_names_are_fit_for_keyring_keys_and_environment_variables():
    assert name_problem("ops-1") == ""
    assert name_problem("") != "" and name_problem("ops group") != "" and name_problem("运维") != ""
    with pytest.raises(ValueError, match="lowercase"):
        to_settings([Channel("Ops", ChannelKind.EMAIL)])
