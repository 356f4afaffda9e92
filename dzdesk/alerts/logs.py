"""Keeps channel URLs out of dzdesk's log and stderr.

apprise logs a service's full URL (with its access token, or the mail password) at debug level, and urllib3 logs
every request line with its query string. dzdesk's log takes every record of the root logger, so both libraries'
records are kept away from it: apprise's go only to the in-memory capture of the send they belong to
(`dzdesk.alerts.send` reads the reason of a failure there), and urllib3's nowhere. Nothing else in dzdesk uses
apprise, requests or urllib3 (probes and sync use httpx), so nothing of dzdesk's own is lost.
"""

from __future__ import annotations

import logging

_QUIETED = ("apprise", "urllib3", "requests", "requests_oauthlib", "oauthlib")
_done: list[bool] = []


def keep_secrets_out_of_logs() -> None:
    """Stops apprise's and urllib3's records from reaching the root logger; safe to call again."""
    if _done:
        return
    for name in _QUIETED:
        logger = logging.getLogger(name)
        logger.propagate = False
        # A handler of its own, so a record with nowhere to go is not printed to stderr by logging's last resort.
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    # Debug records are made, so a failed send's capture holds the reason (kept in memory, never written).
    logging.getLogger("apprise").setLevel(logging.DEBUG)
    _done.append(True)
