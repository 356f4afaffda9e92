"""Photos, signatures and attachments as content-addressed files: named by their sha256, written once.

The same photo added twice is stored once, a blob is uploaded to the hub idempotently by its name, and a damaged
file is detected by hashing it again.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20
LEFTOVER_AGE_S = 3600  # a temporary file this old belongs to a write that was cut short, not one under way


class BlobError(Exception):
    pass


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise BlobError(f"{sha256!r} is not a sha256 name")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_bytes(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.exists(sha256):
            self._write(sha256, [data])
        return sha256

    def put_file(self, source: Path) -> str:
        """Copies `source` in (hashing as it reads, so a large file is read once into memory never)."""
        digest = hashlib.sha256()
        target_dir = self.root / "incoming"
        target_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target_dir)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            final = self.path(sha256)
            if final.exists():
                tmp.unlink()
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                tmp.replace(final)
                _sync_folder(final.parent)
            return sha256
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def sweep_leftovers(self, now: float | None = None) -> int:
        """Removes the temporary files of writes a crash cut short (never read: a blob is only ever its final
        name); young ones are left, since they may belong to a write under way in another dzdesk process."""
        cutoff = (time.time() if now is None else now) - LEFTOVER_AGE_S
        removed = 0
        for pattern in ("*/.incoming-*", "incoming/*"):
            for path in self.root.glob(pattern):
                try:
                    if path.is_file() and path.stat().st_mtime < cutoff:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue  # a read-only disk: the leftovers wait for another day
        return removed

    def read(self, sha256: str) -> bytes:
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(f"blob {sha256[:12]}… is missing from {self.root}") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"blob {sha256[:12]}… is damaged: its content no longer matches its name")
        return data

    def _write(self, sha256: str, chunks: list[bytes]) -> None:
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            Path(tmp_name).replace(final)
            _sync_folder(final.parent)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise


def _sync_folder(folder: Path) -> None:
    """The rename is on disk too, so a power cut cannot keep a record that names a blob whose name was lost."""
    if os.name != "posix":
        return  # Windows has no directory handles to sync; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
