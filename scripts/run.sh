#!/usr/bin/env bash
# Sets everything up (see setup.sh) and starts dzdesk; arguments go to the dzdesk command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
exec .venv/bin/dzdesk "$@"
