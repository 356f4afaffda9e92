"""Every secret the test run hands out (hub tokens, keyring passwords) is remembered, and at the end every file the
run wrote is searched for them: a token or a password in a database, a settings file, a log, a report, a backup or
an export fails the run. Zip files (backups, spreadsheets) are searched inside, member by member."""

from __future__ import annotations

import os
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
        for path in sorted(_files(root)):
            for secret in _found_in(path, needles):
                leaks.append((path, secret))
    return leaks


def _files(root: Path) -> list[Path]:
    """Every file under `root`; a folder removed while it is walked (a temporary one) is passed over."""
    found = []
    for folder, _dirs, names in os.walk(root):
        found.extend(path for path in (Path(folder) / name for name in names)
                     if path.is_file() and not path.is_symlink())
    return found


def _found_in(path: Path, needles: dict[str, bytes]) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    found = [secret for secret, needle in needles.items() if needle in data]
    if data[:4] == b"PK\x03\x04":
        found += _found_in_zip(path, needles)
    return sorted(set(found))


def _found_in_zip(path: Path, needles: dict[str, bytes]) -> list[str]:
    """Each member on its own: a damaged one (tests make some on purpose) was searched as raw bytes already."""
    found = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return found
    with archive:
        for member in archive.infolist():
            if member.file_size > 512 * 1024 * 1024:
                continue
            try:
                inner = archive.read(member)
            except Exception:  # zlib, CRC, truncation: whatever a damaged member raises
                continue
            found += [secret for secret, needle in needles.items() if needle in inner]
    return found
