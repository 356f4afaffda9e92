"""Running the real `dzdesk` command, isolated from the user's own data and keyring.

`run_dzdesk` calls the command's `main()` in this process, as the installed `dzdesk` script does, with its own
standard streams, environment and an empty keyring: the same parser, the same exit codes, the same words, without a
second or two of interpreter start-up per call. `run_dzdesk_process` starts a real child process, for what only a
process shows: the entry point, the environment a process inherits, signals, locks held by another process.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import keyring
import keyring.backends.fail

REPO = Path(__file__).resolve().parents[2]
_STRIPPED = ("DZDESK_", "PYTHON_KEYRING")


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_STRIPPED)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(REPO)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


def run_dzdesk_process(*args: str, timeout: float = 60, input_text: str | None = None,
                       **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dzdesk", *args],
        capture_output=True, text=True, timeout=timeout, env=child_env(**env), input=input_text,
        cwd=REPO, check=False,
    )


class _Stream(io.StringIO):
    """A standard stream that is not a terminal, as a pipe to a child process is not."""

    def isatty(self) -> bool:
        return False


def run_dzdesk(*args: str, timeout: float = 60, input_text: str | None = None,
               **env: str) -> subprocess.CompletedProcess[str]:
    """`dzdesk ARGS` in this process; the result reads like `subprocess.run`'s. `timeout` is kept for the callers'
    sake: a call that hangs here hangs the test, which pytest then reports."""
    del timeout
    from dzdesk.cli import main

    # The child process's environment: nothing of dzdesk's own but the test's home folder, which keeps a call
    # without --data-dir away from the user's real data.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(_STRIPPED)}
    if "DZDESK_HOME" in os.environ:
        environment["DZDESK_HOME"] = os.environ["DZDESK_HOME"]
    environment.update(env)
    stdout, stderr = _Stream(), _Stream()
    previous_keyring = keyring.get_keyring()
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, environment, clear=True))
        stack.enter_context(mock.patch.object(sys, "stdin", _Stream(input_text or "")))
        stack.enter_context(mock.patch.object(sys, "stdout", stdout))
        stack.enter_context(mock.patch.object(sys, "stderr", stderr))
        keyring.set_keyring(keyring.backends.fail.Keyring())
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's --help, --version and usage errors
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if isinstance(exit_.code, str):
                print(exit_.code, file=sys.stderr)
        finally:
            keyring.set_keyring(previous_keyring)
            for handler in list(root.handlers):
                if handler not in handlers:
                    root.removeHandler(handler)
                    handler.close()
            root.setLevel(level)
    return subprocess.CompletedProcess(["dzdesk", *args], code, _text(stdout), _text(stderr))


def _text(stream: _Stream) -> str:
    return stream.getvalue() if not stream.closed else ""
