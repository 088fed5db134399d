#!/usr/bin/env bash
# Builds Workstation as a one-folder PyInstaller bundle and a .tar.gz of it.
#
#   packaging/build.sh                 bundle in dist/workstation/, archive in dist/
#   DIST=/some/folder packaging/build.sh   the same, elsewhere
#
# PyInstaller is a build tool, not a dependency: it goes into a build venv
# (build/venv), never into the environment the app runs from. That venv sees
# the app's own environment (PYTHON, default .venv/bin/python as made by
# packaging/setup.sh) through a .pth line, so the bundle holds exactly the
# libraries the app was tested with and PySide6 is not downloaded twice.
# Without an app environment, the build venv installs the project itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

dist=${DIST:-$root/dist}
work=${BUILD:-$root/build}
venv=$work/venv
app_python=${PYTHON:-$root/.venv/bin/python}
pyinstaller_spec="pyinstaller>=6.10,<7"

die() { echo "build.sh: $*" >&2; exit 2; }

mkdir -p "$work" "$dist"
if [ -x "$app_python" ]; then
  "$app_python" -m venv --clear "$venv"
  site=$("$app_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  purelib=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  # addsitedir, not a bare path: the app environment's own .pth files (the
  # editable install of workstation among them) must be processed too.
  echo "import site; site.addsitedir('$site')" > "$purelib/workstation-app-env.pth"
  "$venv/bin/python" -c 'import PySide6.QtWebEngineWidgets, workstation' \
    || die "the app environment at $app_python cannot import PySide6 and workstation"
else
  command -v python3 >/dev/null || die "no Python found; run packaging/setup.sh first or set PYTHON"
  python3 -m venv --clear "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q "$root"
fi
"$venv/bin/python" -m pip install -q "$pyinstaller_spec"

version=$("$venv/bin/python" -c 'import workstation; print(workstation.__version__)')
arch=$(uname -m)
bundle=$dist/workstation

"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller" "$root/packaging/workstation.spec"

# Beside the program: what install-desktop.sh needs, the licences, and the
# third-party notices (the LGPL requires the texts to travel with Qt).
mkdir -p "$bundle/desktop/icons" "$bundle/licenses"
cp packaging/workstation.desktop packaging/io.github.workstation.Workstation.metainfo.xml \
   packaging/workstation-library.xml "$bundle/desktop/"
cp packaging/icons/workstation.svg packaging/icons/workstation-*.png "$bundle/desktop/icons/"
cp packaging/install-desktop.sh "$bundle/"
cp packaging/THIRD-PARTY.md "$bundle/"
cp packaging/licenses/*.txt "$bundle/licenses/"
[ -f LICENSE ] && cp LICENSE "$bundle/licenses/Workstation-GPL-3.0-or-later.txt"

"$bundle/workstation" --version >/dev/null || die "the built bundle does not start: $bundle/workstation --version"

archive=$dist/workstation-$version-linux-$arch.tar.gz
tar -C "$dist" -czf "$archive.partial" workstation
mv "$archive.partial" "$archive"
echo "bundle:  $bundle ($(du -sh "$bundle" | cut -f1))"
echo "archive: $archive ($(du -sh "$archive" | cut -f1))"
