"""Every secret the test run hands out (hub tokens, keyring passwords) is remembered, and at the end every file the
run wrote is searched for them: a token or a password in a database, a settings file, a log, a report, a backup or
an export fails the run. Zip files (backups, spreadsheets) are searched inside, member by member."""

from __future__ import annotations

import hashlib
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
    needles = _Needles(secrets)
    leaks = []
    for root in roots:
        for path in sorted(_files(root)):
            for secret in _found_in(path, needles):
                leaks.append((path, secret))
    return leaks


class _Needles:
    """The secrets grouped by their first bytes. A run hands out hundreds of hub tokens that all start `dzh_`, and
    searching two gigabytes once per secret took minutes; one search per distinct start, then a look at the few
    places it occurs, finds the same secrets."""

    PREFIX = 4

    CHUNK = 1 << 20

    def __init__(self, secrets: Iterable[str]) -> None:
        self.groups: dict[bytes, dict[str, bytes]] = {}
        longest = 0
        for secret in secrets:
            needle = secret.encode("utf-8")
            self.groups.setdefault(needle[:self.PREFIX], {})[secret] = needle
            longest = max(longest, len(needle))
        self.overlap = max(longest - 1, 0)
        # The tests copy one demo database (130 MB) to many folders and change a few pages of each: a piece of a file
        # whose bytes were searched already gives the same answer again.
        self.answers: dict[bytes, tuple[str, ...]] = {}

    def found_in(self, data: bytes) -> list[str]:
        """The secrets in `data`, searched piece by piece; each piece runs on into the next by the length of the
        longest secret, so a secret across a boundary is found."""
        found: set[str] = set()
        for start in range(0, max(len(data), 1), self.CHUNK):
            piece = data[start:start + self.CHUNK + self.overlap]
            key = hashlib.blake2b(piece, digest_size=16).digest()
            answer = self.answers.get(key)
            if answer is None:
                answer = self.answers[key] = self._search(piece)
            found.update(answer)
        return sorted(found)

    def _search(self, data: bytes) -> tuple[str, ...]:
        found = set()
        for prefix, group in self.groups.items():
            at = data.find(prefix)
            while at != -1:
                found.update(secret for secret, needle in group.items() if data.startswith(needle, at))
                at = data.find(prefix, at + 1)
        return tuple(sorted(found))


def _files(root: Path) -> list[Path]:
    """Every file under `root`; a folder removed while it is walked (a temporary one) is passed over."""
    found = []
    for folder, _dirs, names in os.walk(root):
        found.extend(path for path in (Path(folder) / name for name in names)
                     if path.is_file() and not path.is_symlink())
    return found


def _found_in(path: Path, needles: _Needles) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    found = needles.found_in(data)
    if data[:4] == b"PK\x03\x04":
        found += _found_in_zip(path, needles)
    return sorted(set(found))


def _found_in_zip(path: Path, needles: _Needles) -> list[str]:
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
            found += needles.found_in(inner)
    return found
