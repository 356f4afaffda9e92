"""Allows `python -m dzdesk`, the same entry point as the `dzdesk` console script."""

import sys

from dzdesk.cli import main

sys.exit(main())
