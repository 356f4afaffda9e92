"""Property-based tests (Hypothesis) for hostile input: files, dates, figures and every form's validator.

Profiles live in `conftest.py`: "ci" (the default, bounded so the whole folder runs in well under a minute) and
"thorough", chosen with the environment variable ``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import settings

from dzdesk.cli import main


def fewer(divisor: int) -> settings:
    """The loaded profile with `divisor` times fewer examples, for properties that open files or the database
    on every example; the thorough profile still multiplies them."""
    return settings(max_examples=max(5, settings.default.max_examples // divisor))


def run_command(*args: str) -> tuple[int, str, str]:
    """`dzdesk ARGS` in this process (a child process per example would cost a second each): exit code, output,
    errors. Pair it with the `quiet_logging` fixture, since the command points the root logger at its data folder."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
