"""Alerts to the team's groups and mailboxes: the messages, the channels' URLs and sending them through apprise.

Headless like everything below the window: the always-on watcher, the `dzdesk alerts` command and the tests call
the same functions. Where alerts go and when is a team setting (`dzdesk.domain.alert_settings`); a channel's URL
is a secret kept on each machine (`dzdesk.secrets.alert_channel_url`).
"""
