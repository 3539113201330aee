#!/bin/sh
# Pictures of a live layout (piclayout): the cells of the terminal picture
# and the pixels of the PNG have the class the layout implies (the THP
# region is THP, the swapped region swapped, where the kernel made them);
# the legend's counts equal maps' counters of the same process (it holds
# still); flags --picture's legend adds up to every frame flags reads and
# the THP's 2 MiB block is a huge-page cell; PNG and SVG files are valid;
# colour comes from terminfo on a terminal only, never with NO_COLOR.
# A swap file is made for the swapped region where the kernel takes one
# (removed at the end); without it that part is left out.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpageflags ] || skip "/proc/kpageflags not readable"
PL=$TESTS_BUILDDIR/helpers/piclayout
PNGCHECK=$TESTS_SRCDIR/helpers/pngcheck.py
[ -x "$PL" ] || skip "$PL not built"
command -v python3 >/dev/null || skip "no python3"
psz=$(getconf PAGESIZE)
swapfile=''

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null &&
		wait "$layout_pid" 2>/dev/null
	[ -n "$swapfile" ] && swapoff "$swapfile" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

swapfile=$tmpdir/swap
if ! { dd if=/dev/zero of="$swapfile" bs=1M count=16 status=none &&
	chmod 600 "$swapfile" && mkswap "$swapfile" >/dev/null 2>&1 &&
	swapon "$swapfile" 2>/dev/null; }; then
	echo "note: no swap file here: the swapped region is left out" >&2
	swapfile=''
fi

# A mapped file whose name would drive the terminal: shown escaped.
evil=$tmpdir/evil$(printf '\033')[31mred
echo data >"$evil"
start_layout piclayout "$PL" "$evil"
pid=$layout_pid
region() { awk -v n="$1" -v f="$2" '$1 == "region" && $2 == n { print $f }' "$tmpdir/layout"; }

# The cells of the strip that starts at $1 in a plain picture.
cells() { awk -v a="$1" '$1 == a { print $2 }' "$tmpdir/pic"; }
rep() { printf "%${2}s" '' | tr ' ' "$1"; }
# A maps counter (bytes) of the VMA that starts at $1.
counter() { awk -v a="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
	$1 == a { print $k }' "$tmpdir/maps"; }

COLUMNS=200 "$VMASCOPE" maps "$pid" --picture=ascii >"$tmpdir/pic" 2>"$tmpdir/err" ||
	fail "maps --picture: $(cat "$tmpdir/err")"
"$VMASCOPE" maps "$pid" -b -o START,SIZE,RSS,SWAP,THP,ZERO,HUGETLB >"$tmpdir/maps"

# Strips of at most 64 pages are a cell per page at 200 columns.
check "excl strip" "$(rep E 64)" "$(cells "$(region excl 3)")"
check "shared strip" "$(rep S 32)" "$(cells "$(region shared 3)")"
check "zero strip" "$(rep Z 32)" "$(cells "$(region zero 3)")"
check "untouched strip" "$(rep . 64)" "$(cells "$(region none 3)")"
thp=$(region thp 3)
if [ "$(counter "$thp" THP)" = 2097152 ]; then
	# 512 pages in at most 159 cells: 4 pages a cell, 128 cells.
	check "thp strip" "$(rep T 128)" "$(cells "$thp")"
else
	echo "note: the kernel gave no THP (maps THP $(counter "$thp" THP))" >&2
fi
sw=$(region swap 3)
swapped=$(counter "$sw" SWAP)
if [ "$swapped" = $((64 * psz)) ]; then
	check "swap strip" "$(rep W 64)" "$(cells "$sw")"
else
	echo "note: the swap region was not swapped out (SWAP $swapped)" >&2
fi

if grep -q "$(printf '\033')" "$tmpdir/pic"; then
	fail "a raw escape byte in the plain picture"
else
	pass
fi
check "escaped name" 1 "$(grep -c 'evil\\x1b\[31mred$' "$tmpdir/pic")"

# The same picture when every page is read (no PAGEMAP_SCAN: THP found
# by its frames' flags, not by the huge PMD).
VMASCOPE_PAGEMAP=plain COLUMNS=200 "$VMASCOPE" maps "$pid" --picture=ascii |
	sed 1,2d >"$tmpdir/plain"
sed 1,2d "$tmpdir/pic" | cmp -s - "$tmpdir/plain" && pass ||
	fail "plain reads draw another picture: $(sed 1,2d "$tmpdir/pic" | diff - "$tmpdir/plain" | head -5)"

# The legend against maps' counters for the same (still) process.
legend() { awk -v c="$1" '$1 == c && $0 ~ / pages / { for (i = 1; i <= NF; i++) if ($i == "pages") print $(i - 1) }' "$tmpdir/pic"; }
sum() { awk -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { s += $k } END { print s + 0 }' "$tmpdir/maps"; }
E=$(legend E) S=$(legend S) T=$(legend T) W=$(legend W) Z=$(legend Z) N=$(legend .)
check "legend E+S+T = RSS+HUGETLB" $(($(sum RSS) + $(sum HUGETLB))) $(((E + S + T) * psz))
check "legend T = THP+HUGETLB" $(($(sum THP) + $(sum HUGETLB))) $((T * psz))
check "legend W = SWAP" "$(sum SWAP)" $((W * psz))
check "legend Z = ZERO" "$(sum ZERO)" $((Z * psz))
check "legend total = SIZE" "$(sum SIZE)" $(((N + E + S + T + W + Z) * psz))

# The PNG: valid, and each region's row of pixels in its class colour.
"$VMASCOPE" maps "$pid" --png "$tmpdir/m.png" --svg "$tmpdir/m.svg" -v \
	2>"$tmpdir/geom" || fail "maps --png: $(cat "$tmpdir/geom")"
python3 "$PNGCHECK" "$tmpdir/m.png" >/dev/null 2>"$tmpdir/err" && pass ||
	fail "maps png: $(cat "$tmpdir/err")"
python3 -c 'import sys, xml.dom.minidom as m
d = m.parse(sys.argv[1]).documentElement
assert d.tagName == "svg" and float(d.getAttribute("width").rstrip("pt")) > 100' \
	"$tmpdir/m.svg" 2>"$tmpdir/err" && pass || fail "maps svg: $(cat "$tmpdir/err")"
set -- $(sed -n 's/.*m\.png: [0-9x]*, grid at \([0-9]*\),\([0-9]*\), cells \([0-9]*\)x\([0-9]*\), rows \([0-9]*\) apart.*/\1 \2 \3 \4 \5/p' "$tmpdir/geom")
gx=${1:-0} gy=${2:-0} cw=${3:-0} ch=${4:-0} pitch=${5:-0}
[ "$gx" -gt 0 ] || fail "no geometry from -v: $(cat "$tmpdir/geom")"
"$VMASCOPE" maps "$pid" -n -r -o START >"$tmpdir/starts"
# The colour of most pixels of the strip of the VMA at $1, $2 cells long.
pixels() {
	local row
	row=$(awk -v a="$1" '$1 == a { print NR - 1 }' "$tmpdir/starts")
	python3 "$PNGCHECK" "$tmpdir/m.png" $((gy + row * pitch + ch / 2)) \
		"$gx" $((gx + $2 * cw)) | sed 1d | sort -k2 -n | tail -1 | cut -d" " -f1
}
check "excl pixels" 4e79a7 "$(pixels "$(region excl 3)" 64)"
check "shared pixels" 59a14f "$(pixels "$(region shared 3)" 32)"
check "zero pixels" 9c755f "$(pixels "$(region zero 3)" 32)"
check "untouched pixels" eeeeee "$(pixels "$(region none 3)" 64)"
[ "$(counter "$thp" THP)" = 2097152 ] &&
	check "thp pixels" f28e2b "$(pixels "$thp" 128)"
[ "$swapped" = $((64 * psz)) ] && check "swap pixels" e15759 "$(pixels "$sw" 64)"

# flags --picture: every frame counted once; the THP's block is huge.
"$VMASCOPE" flags -v >/dev/null 2>"$tmpdir/ferr"
frames=$(sed -n 's/.*: \([0-9]*\) frames read/\1/p' "$tmpdir/ferr")
"$VMASCOPE" flags --picture=ascii >"$tmpdir/phys"
total=$(awk '/ frames / { for (i = 1; i <= NF; i++) if ($i == "frames") s += $(i - 1) } END { print s }' "$tmpdir/phys")
check "flags legend adds up to the frames" "$frames" "$total"
grep -q "^2 MiB blocks: [0-9]* of $((frames * psz / 2097152)) wholly free" "$tmpdir/phys" &&
	pass || fail "block count: $(grep '2 MiB' "$tmpdir/phys")"
"$VMASCOPE" flags --png "$tmpdir/f.png" --svg "$tmpdir/f.svg" -v 2>"$tmpdir/geom" ||
	fail "flags --png: $(cat "$tmpdir/geom")"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmpdir/f.svg" &&
	pass || fail "flags svg does not parse"
if [ "$(counter "$thp" THP)" = 2097152 ] && [ "$psz" = 4096 ]; then
	pfn=$("$VMASCOPE" pages "$pid" --range "$thp-$(printf %x $((0x$thp + psz)))" -n -r -o PFN)
	set -- $(sed -n 's/.*f\.png: [0-9x]*, grid at \([0-9]*\),\([0-9]*\), cells \([0-9]*\)x\([0-9]*\), rows \([0-9]*\) apart, \([0-9]*\) per row/\1 \2 \3 \4 \5 \6/p' "$tmpdir/geom")
	blk=$((0x$pfn / 512))
	# PNG cells are 2 MiB blocks on a machine of up to 32 GiB.
	if [ $((frames / 512)) -le 16384 ]; then
		x=$(($1 + (blk % $6) * $3)) y=$(($2 + (blk / $6) * $5 + $4 / 2))
		check "thp block pixels" f28e2b \
			"$(python3 "$PNGCHECK" "$tmpdir/f.png" $y $x $((x + $3)) | sed 1d | sort -k2 -n | tail -1 | cut -d" " -f1)"
	fi
fi

# Colour: terminfo's setab on a terminal; none with NO_COLOR.
if command -v script >/dev/null && tput -T xterm setab 4 >/dev/null 2>&1; then
	TERM=xterm COLUMNS=200 script -qec "$VMASCOPE maps $pid --picture" /dev/null >"$tmpdir/tty" 2>&1
	grep -qF "$(tput -T xterm setab 4)" "$tmpdir/tty" && pass ||
		fail "no terminfo setab 4 (exclusive) on a terminal"
	TERM=xterm COLUMNS=200 NO_COLOR=1 script -qec "$VMASCOPE maps $pid --picture" /dev/null >"$tmpdir/tty" 2>&1
	grep -qF "$(tput -T xterm setab 4)" "$tmpdir/tty" && fail "colour despite NO_COLOR" || pass
	grep -q "$(rep E 16)" "$tmpdir/tty" && pass || fail "NO_COLOR: no plain strip"
fi
finish
