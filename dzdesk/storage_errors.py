"""The disk refused a write: full, read-only or failing. Said in words; the unit of work it stopped left nothing.

A light module of its own, so the command line and the window can recognise the error without importing the
database libraries.
"""

from __future__ import annotations

import errno
from pathlib import Path


class StorageError(Exception):
    """A write the disk refused. The transaction or file it belonged to was rolled back or never replaced, so
    what was saved before is still there; the message says what happened and what to do."""


def explain_os_error(exc: OSError, path: Path) -> str:
    """One sentence for a failed file write, naming the place and the cause."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"The disk holding {path} is full: nothing was written. Free some space and try again."
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"{path} cannot be written (the folder is read-only or not yours): nothing was written. "
                "Choose a folder you can write to, or ask for write access.")
    return f"Writing {path} failed ({exc.strerror or exc}): nothing was written."
