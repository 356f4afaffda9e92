#!/usr/bin/env bash
# Collects the interface strings from dzdesk/ui and forms/ into the .ts files, keeping existing translations.
# Translate the new entries (Qt Linguist: .venv/bin/pyside6-linguist), then scripts/setup.sh compiles them.
# tests/ui/test_translations.py fails while any entry is unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find dzdesk/ui -name '*.py' | sort; ls forms/*.ui)
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lupdate -no-obsolete "${sources[@]}" -ts "$ts"
done
