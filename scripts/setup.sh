#!/usr/bin/env bash
# Prepares this checkout on a Debian machine: the system libraries Qt and the tests need, a .venv with dzdesk and
# its pinned dependencies, and the compiled translations. Safe to run again; it only does what is missing.
#   scripts/setup.sh app    what the desktop app needs
#   scripts/setup.sh test   what the test suite needs as well
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

# Libraries Qt loads at run time (offscreen and on a real X display), and the CJK fonts for the window.
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
          libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-xfixes0 libx11-xcb1)
if [ "$mode" = "test" ]; then
  packages+=(xvfb xauth poppler-utils postgresql zbar-tools)
fi
python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python_bin="$candidate"; break; fi
  done
fi
if [ -z "$python_bin" ]; then
  packages+=(python3 python3-venv)
  python_bin=python3
elif ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages+=("python3-venv" "$(basename "$python_bin")-venv")
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python_bin" --version)"
  "$python_bin" -m venv .venv
fi
# Reinstall only when the dependency list changed, so a second run starts in seconds.
stamp=.venv/.dzdesk-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing dzdesk and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$wanted" > "$stamp"
fi

# Translations: the .ts sources are kept in git, the compiled .qm files are made here.
for ts in resources/translations/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
