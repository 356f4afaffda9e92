"""Allows `python -m dzdesk`, the same entry point as the `dzdesk` console script, and the installer's.

The installed build is a frozen executable: the window's sync process (`dzdesk.sync.child_process`) is that
executable started again, which `freeze_support` recognises and runs as the sync instead of the app. Unfrozen,
there is nothing to recognise, and `multiprocessing` is not imported with the window."""

import sys

from dzdesk.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
