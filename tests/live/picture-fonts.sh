#!/bin/sh
# The fonts of the PNG and SVG pictures (src/picture-font.c): the DejaVu
# files loaded directly draw what fontconfig's match of the same files
# draws (the same PNG, byte for byte); without the files
# (VMASCOPE_FONT_DIR naming an empty directory) the picture is drawn
# through fontconfig; a FIFO, a device or a file that is no font in
# their place is passed over, never waited on.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
[ "$(getconf PAGESIZE)" = 4096 ] || skip "page size is not 4096"
command -v python3 >/dev/null || skip "no python3"
root=$TESTS_SRCDIR/golden/fixtures/picture/proc
PNGCHECK=$TESTS_SRCDIR/helpers/pngcheck.py
VMASCOPE_PICTURE_TIME=fixed
export VMASCOPE_PICTURE_TIME
unset VMASCOPE_FONT_DIR

# draw NAME [DIR]: flags' and maps' pictures of the fixture tree (maps
# of one of its processes has no pagemap there: flags only), fonts from
# DIR when given.
draw() {
	if [ -n "${2-}" ]; then
		VMASCOPE_FONT_DIR=$2 timeout 60 "$VMASCOPE" flags --proc-root "$root" \
			--png "$tmpdir/$1.png" --svg "$tmpdir/$1.svg"
	else
		timeout 60 "$VMASCOPE" flags --proc-root "$root" \
			--png "$tmpdir/$1.png" --svg "$tmpdir/$1.svg"
	fi 2>"$tmpdir/$1.err" || fail "$1: $(cat "$tmpdir/$1.err")"
	python3 "$PNGCHECK" "$tmpdir/$1.png" >"$tmpdir/$1.size" 2>>"$tmpdir/$1.err" &&
		pass || fail "$1 png: $(cat "$tmpdir/$1.err")"
	python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
		"$tmpdir/$1.svg" && pass || fail "$1 svg does not parse"
}

draw default
mkdir "$tmpdir/empty"
draw fontconfig "$tmpdir/empty"
check "the same size through fontconfig" "$(cat "$tmpdir/default.size")" \
	"$(cat "$tmpdir/fontconfig.size")"

# Where the direct loading finds the fonts here, if anywhere.
fonts=''
for d in /usr/share/fonts/truetype/dejavu /usr/share/fonts/dejavu-sans-fonts \
	/usr/share/fonts/TTF /usr/share/fonts/dejavu /usr/share/fonts/truetype; do
	[ -f "$d/DejaVuSans.ttf" ] && { fonts=$d; break; }
done
if [ -n "$fonts" ] && [ -f "$fonts/DejaVuSans-Bold.ttf" ] &&
	[ -f "$fonts/DejaVuSansMono.ttf" ]; then
	mkdir "$tmpdir/copy"
	cp "$fonts/DejaVuSans.ttf" "$fonts/DejaVuSans-Bold.ttf" \
		"$fonts/DejaVuSansMono.ttf" "$tmpdir/copy/"
	draw copy "$tmpdir/copy"
	cmp -s "$tmpdir/default.png" "$tmpdir/copy.png" && pass ||
		fail "fonts from VMASCOPE_FONT_DIR draw another PNG"
	# fontconfig matching the same files: the same pixels, so the same
	# file (the PNG writer is deterministic).
	if command -v fc-match >/dev/null &&
		[ "$(fc-match -f '%{file}' 'DejaVu Sans')" = "$fonts/DejaVuSans.ttf" ] &&
		[ "$(fc-match -f '%{file}' 'DejaVu Sans:bold')" = "$fonts/DejaVuSans-Bold.ttf" ] &&
		[ "$(fc-match -f '%{file}' 'DejaVu Sans Mono')" = "$fonts/DejaVuSansMono.ttf" ]; then
		cmp -s "$tmpdir/default.png" "$tmpdir/fontconfig.png" && pass ||
			fail "direct fonts and fontconfig's match of them draw other PNGs"
		# (cairo numbers its surfaces: the font thread made some)
		sed 's/surface[0-9]*/surface/g' "$tmpdir/default.svg" >"$tmpdir/d.svg"
		sed 's/surface[0-9]*/surface/g' "$tmpdir/fontconfig.svg" >"$tmpdir/f.svg"
		cmp -s "$tmpdir/d.svg" "$tmpdir/f.svg" && pass ||
			fail "direct fonts and fontconfig's match of them draw other SVGs"
	else
		echo "note: fontconfig matches other files here: not compared" >&2
	fi
else
	echo "note: no DejaVu fonts where they are looked for: only fontconfig drew" >&2
fi

# Hostile files in the fonts' place: passed over (fontconfig draws).
mkdir "$tmpdir/bad"
mkfifo "$tmpdir/bad/DejaVuSans.ttf"
head -c 4096 /dev/urandom >"$tmpdir/bad/DejaVuSans-Bold.ttf"
ln -s /dev/zero "$tmpdir/bad/DejaVuSansMono.ttf"
draw bad "$tmpdir/bad"
cmp -s "$tmpdir/fontconfig.png" "$tmpdir/bad.png" && pass ||
	fail "a FIFO, a device and a non-font drew another PNG than no fonts"
finish
