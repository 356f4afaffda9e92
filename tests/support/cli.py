"""Running the real `dzdesk` command in a child process, isolated from the user's own data and keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DZDESK_", "PYTHON_KEYRING"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(REPO)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


def run_dzdesk(*args: str, timeout: float = 60, input_text: str | None = None,
               **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dzdesk", *args],
        capture_output=True, text=True, timeout=timeout, env=child_env(**env), input=input_text,
        cwd=REPO, check=False,
    )
