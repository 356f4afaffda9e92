#!/usr/bin/env bash
# Pictures of every page of the window on fresh demo data, on the two screens the team works on:
#   docs/screenshots/<page>-1366x768.png       a 1366×768 laptop with a 40-px taskbar
#   docs/screenshots/<page>-1920x1080@150.png  1920×1080 at 150 % scaling (1280×720 logical)
#   docs/screenshots/visit-report-1.png        the first page of the newest visit's report (上门服务单)
# With --dialogs, also docs/screenshots/dialog-<name>-<screen>.png of each dialog the window opens.
# Needs xvfb-run (Debian: xvfb, xauth) and the xcb libraries listed in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
dialogs=()
if [ "${1:-}" = "--dialogs" ]; then dialogs=(--dialogs); shift; fi
out="${1:-docs/screenshots}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/dzdesk demo --data-dir "$work/demo" >/dev/null
shoot() {  # screen (WxH), name, extra environment...
    local screen="$1" name="$2"; shift 2
    env QT_QPA_PLATFORM=xcb "$@" xvfb-run -a -s "-screen 0 ${screen}x24" \
        .venv/bin/python scripts/screenshots.py "$work/demo" "$out" "$name" ${AVAILABLE:+--available "$AVAILABLE"} "${dialogs[@]}"
}
AVAILABLE=1366x728 shoot 1366x768 1366x768
AVAILABLE=1280x693 shoot 1920x1080 1920x1080@150 QT_SCALE_FACTOR=1.5
# The newest signed visit's report, its first page at 110 dpi (pdftoppm: Debian's poppler-utils).
visit="$(.venv/bin/dzdesk visits list --data-dir "$work/demo" | awk '$5 == "signed" {print $1; exit}')"
.venv/bin/dzdesk report visit --data-dir "$work/demo" -o "$work/visit.pdf" "$visit" >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/visit.pdf" "$out/visit-report-1"
