#!/bin/sh
# Make the pictures README.md shows, on this machine (root, a build tree):
#   doc/maps-picture.png   maps --picture of tests/helpers/piclayout (every class
#                          of page; a swap file is made for the swapped one)
#   doc/flags-picture.png  flags --picture of the whole machine
# Usage: sh doc/mkpictures.sh [BUILDDIR]   (from the source tree; optipng
# shrinks them when installed)
set -eu
b=${1:-.}
d=$(mktemp -d)
pid=''
# No && lists here: under set -e a failing kill would end the cleanup.
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || :
		wait "$pid" 2>/dev/null || :
	fi
	swapoff "$d/swap" 2>/dev/null || :
	rm -rf "$d"
}
trap cleanup EXIT
dd if=/dev/zero of="$d/swap" bs=1M count=16 status=none
chmod 600 "$d/swap"
mkswap "$d/swap" >/dev/null && swapon "$d/swap" ||
	echo "no swap file: no swapped region in the picture" >&2
mkfifo "$d/in"
"$b/tests/helpers/piclayout" <"$d/in" >"$d/out" &
pid=$!
exec 3>"$d/in"
until grep -q '^ready$' "$d/out"; do sleep 0.1; done
"$b/vmascope" maps "$pid" --png doc/maps-picture.png
"$b/vmascope" flags --png doc/flags-picture.png
exec 3>&-
# Lossless, and a quarter of the size: cairo writes 24-bit RGB, these
# pictures have few colours (optipng: apt-get install optipng).
if command -v optipng >/dev/null; then
	optipng -quiet -o2 doc/maps-picture.png doc/flags-picture.png
fi
ls -l doc/*.png
