#!/usr/bin/env bash
# Sets up Workstation in ./.venv on a fresh Debian or Ubuntu machine.
#   packaging/setup.sh          what the app needs to run
#   packaging/setup.sh --test   that, plus what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

# Qt's xcb platform plugin and QtWebEngine need these on a desktop; Enchant
# with Hunspell dictionaries gives English (US, UK) and Ukrainian spell checking.
packages=(python3-venv libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-image0
  libegl1 libgl1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1
  libasound2 libfontconfig1 libdbus-1-3 libenchant-2-2 hunspell-en-us hunspell-en-gb hunspell-uk)
if [ "$want_tests" = 1 ]; then
  # exiftool tags and reads test images; Java runs the Nu HTML Checker;
  # the desktop validators check the menu entry, AppStream file and MIME type;
  # PostgreSQL's server (initdb, pg_ctl, unaccent) runs a throwaway newsroom cluster per test worker.
  packages+=(libimage-exiftool-perl default-jre-headless desktop-file-utils appstream
    libglib2.0-bin shared-mime-info xvfb xdotool postgresql)
  # Headless Chromium runs axe-core over the exported pages, and Lighthouse in benchmarks/lighthouse.py.
  packages+=(chromium)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Workstation needs Python 3.11 or newer" >&2; exit 2; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""
[ "$want_tests" = 1 ] && extra="[test]"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".${extra}"
if [ "$want_tests" = 1 ]; then
  # The page checkers the tests drive, kept out of the repository in .cache/npm:
  # axe-core (accessibility), the current Nu HTML Checker, and Lighthouse (benchmarks/lighthouse.py).
  npm install --prefix .cache/npm --no-audit --no-fund --no-save --silent \
    axe-core@4.14.1 vnu-jar@26.9.27 lighthouse@12.8.2
fi
