"""Every secret the test run hands out (hub tokens, keyring passwords) is remembered, and at the end every file the
run wrote is searched for them: a token or a password in a database, a settings file, a log, a report, a backup or
an export fails the run. Zip files (backups, spreadsheets) are searched inside, member by member."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

MIN_LENGTH = 8  # shorter test secrets ("pw") would be found by chance in any binary file
SEEN: set[str] = set()


def remember(secret: str) -> None:
    if len(secret) >= MIN_LENGTH:
        SEEN.add(secret)


def find_leaks(roots: Iterable[Path], secrets: Iterable[str]) -> list[tuple[Path, str]]:
    needles = {secret: secret.encode("utf-8") for secret in secrets}
    leaks = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            for secret in _found_in(path, needles):
                leaks.append((path, secret))
    return leaks


def _found_in(path: Path, needles: dict[str, bytes]) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    found = [secret for secret, needle in needles.items() if needle in data]
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    if member.file_size > 512 * 1024 * 1024:
                        continue
                    inner = archive.read(member)
                    found += [secret for secret, needle in needles.items() if needle in inner]
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
            pass  # a damaged zip made on purpose by a test: its raw bytes were searched above
    return sorted(set(found))
