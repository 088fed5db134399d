#!/usr/bin/env bash
# Puts Workstation in the user's application menu and makes *.wslib library
# files open in it from a file manager. Per user, no root needed.
#
#   install-desktop.sh                    install (the bundle beside this script,
#                                         or the `workstation` on PATH)
#   install-desktop.sh --exec PROGRAM     install, starting PROGRAM
#   install-desktop.sh --uninstall        remove what an install put there
#
# Files go under ${XDG_DATA_HOME:-~/.local/share}: applications/, metainfo/,
# icons/hicolor/, mime/packages/; the desktop, MIME and icon caches are
# refreshed when their tools are installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.workstation.Workstation
data=${XDG_DATA_HOME:-$HOME/.local/share}

die() { echo "install-desktop.sh: $*" >&2; exit 2; }

# Run from a bundle (files in desktop/) or from a source checkout (packaging/).
if [ -d "$here/desktop" ]; then
  meta=$here/desktop
  icons=$here/desktop/icons
  default_exec=$here/workstation
else
  meta=$here
  icons=$here/icons
  default_exec=$(command -v workstation || true)
fi

mode=install
program=$default_exec
while [ $# -gt 0 ]; do
  case $1 in
    --uninstall) mode=uninstall ;;
    --exec) [ $# -ge 2 ] || die "--exec needs a program path"; program=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
  shift
done

sizes=(16 22 24 32 48 64 128 256 512)
targets=(
  "$data/applications/$app_id.desktop"
  "$data/metainfo/$app_id.metainfo.xml"
  "$data/mime/packages/$app_id.xml"
  "$data/icons/hicolor/scalable/apps/$app_id.svg"
)
for size in "${sizes[@]}"; do targets+=("$data/icons/hicolor/${size}x${size}/apps/$app_id.png"); done

refresh() {
  if command -v update-mime-database >/dev/null && [ -d "$data/mime/packages" ]; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null && [ -d "$data/applications" ]; then
    update-desktop-database -q "$data/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -d "$data/icons/hicolor" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

if [ "$mode" = uninstall ]; then
  rm -f "${targets[@]}"
  refresh
  echo "Workstation removed from the application menu."
  exit 0
fi

# Check everything before writing anything, so a refusal leaves no half install.
[ -n "$program" ] || die "no workstation program found on PATH; pass --exec /path/to/workstation"
case $program in /*) ;; *) program=$(cd "$(dirname "$program")" 2>/dev/null && pwd)/$(basename "$program") ;; esac
[ -x "$program" ] && [ -f "$program" ] || die "$program is not an executable file"
# Desktop-entry quoting cannot carry these safely; refuse rather than write a broken entry.
case $program in
  *'"'*|*'`'*|*'$'*|*'\'*|*$'\n'*|*'%'*) die "$program: the path contains a character a menu entry cannot hold (\" \` \$ \\ % or newline); move the program" ;;
esac
for file in workstation.desktop $app_id.metainfo.xml workstation-library.xml; do
  [ -f "$meta/$file" ] || die "$meta/$file is missing"
done
for size in "${sizes[@]}"; do [ -f "$icons/workstation-$size.png" ] || die "$icons/workstation-$size.png is missing"; done

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
awk -v exec_line="Exec=\"$program\" %f" -v try_line="TryExec=$program" \
  '/^Exec=/ { print exec_line; next } /^TryExec=/ { print try_line; next } { print }' \
  "$meta/workstation.desktop" > "$data/applications/$app_id.desktop.partial"
mv "$data/applications/$app_id.desktop.partial" "$data/applications/$app_id.desktop"
cp "$meta/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
cp "$meta/workstation-library.xml" "$data/mime/packages/$app_id.xml"
cp "$icons/workstation.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
for size in "${sizes[@]}"; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$icons/workstation-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
refresh
echo "Workstation is in the application menu; it starts $program and opens *.wslib files."
