#!/bin/sh
# Renders vnm.svg to the PNG sizes electron-builder puts into the hicolor icon theme
# (NxN.png in this folder), with Debian's Chromium (ImageMagick and rsvg are not on our
# machines). Run it after changing vnm.svg and commit the PNGs.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 512 256 128 64 48 32 16; do
  cat >"$work/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:transparent">
<img src="file://$PWD/vnm.svg" width="$n" height="$n" style="display:block"></body></html>
HTML
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --default-background-color=00000000 --window-size="$n,$n" \
    --screenshot="$PWD/${n}x${n}.png" "file://$work/icon.html" >/dev/null 2>&1
  echo "rendered ${n}x${n}.png"
done
