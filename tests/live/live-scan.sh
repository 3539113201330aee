#!/bin/sh
# PAGEMAP_SCAN against plain pagemap reads on a sparse mapping: 64 GiB
# reserved, pages populated here and there (runs, over 512 separate single
# pages, zero pages, a read-only window splitting the VMA). The engine's
# two paths (VMASCOPE_PAGEMAP=plain|scan) must show the same pages, and
# both what this test reads from pagemap itself (pagepeek: plain preads).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
[ -r /proc/kpageflags ] && [ -r /proc/kpagecount ] ||
	skip "/proc/kpageflags or /proc/kpagecount not readable"
ML=$TESTS_BUILDDIR/helpers/memlayout
PEEK=$TESTS_BUILDDIR/helpers/pagepeek
[ -x "$ML" ] && [ -x "$PEEK" ] || skip "memlayout or pagepeek not built"
# PAGEMAP_SCAN came with Linux 6.7.
set -- $(uname -r | sed 's/[.-]/ /g')
[ "$1" -gt 6 ] || { [ "$1" = 6 ] && [ "$2" -ge 7 ]; } ||
	skip "kernel $(uname -r) has no PAGEMAP_SCAN (6.7+)"
psz=$(getconf PAGESIZE)
mlpid=''
trap 'exec 3>&-; [ -n "$layout_pid" ] && kill $layout_pid 2>/dev/null; rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT PIPE TERM

start_layout memlayout "$ML" -S 64 -P 2000
mlpid=$layout_pid
set -- $(awk '$1 == "region" && $2 == "sparse" {print $3, $4, $5}' "$tmpdir/layout")
rs=$1 re=$2 npages=$3

# The test's own reading: ADDR PFN COUNT, in hex and, in case the engine
# prints PFNs in decimal, with decimal PFNs.
"$PEEK" pages $mlpid $rs $re >"$tmpdir/peek" || fail "pagepeek failed"
check "pagepeek sees every populated page" $npages "$(wc -l <"$tmpdir/peek")"
awk '{print $1, $2, $4}' "$tmpdir/peek" >"$tmpdir/ref16"
while read -r a p f c; do
	echo "$a $((0x$p)) $c"
done <"$tmpdir/peek" >"$tmpdir/ref10"

# norm: ADDR PFN COUNT, hex without 0x or leading zeros, single spaces.
norm() {
	awk '{ for (i = 1; i <= 2; i++) { sub(/^0x/, "", $i); sub(/^0+/, "", $i); if ($i == "") $i = "0" }
		print $1, $2, $3 }'
}

for mode in plain scan; do
	VMASCOPE_PAGEMAP=$mode "$VMASCOPE" pages $mlpid --range "$rs-$re" \
		-rnb -o ADDR,PFN,COUNT >"$tmpdir/raw-$mode" 2>"$tmpdir/err-$mode" ||
		fail "pages with VMASCOPE_PAGEMAP=$mode: $(head -c 300 "$tmpdir/err-$mode")"
	norm <"$tmpdir/raw-$mode" >"$tmpdir/$mode"
	check "$mode: rows" $npages "$(wc -l <"$tmpdir/$mode")"
	if cmp -s "$tmpdir/$mode" "$tmpdir/ref16" ||
		cmp -s "$tmpdir/$mode" "$tmpdir/ref10"; then
		pass
	else
		fail "$mode: pages differ from the test's own pagemap read"
		diff "$tmpdir/ref16" "$tmpdir/$mode" | head -5 >&2
	fi
done
if cmp -s "$tmpdir/raw-plain" "$tmpdir/raw-scan"; then pass; else
	fail "pages: plain and scan outputs differ"
	diff "$tmpdir/raw-plain" "$tmpdir/raw-scan" | head -5 >&2
fi

# Per-VMA counters of the VMAs the region was split into: the same both
# ways, and what the layout implies (the four zero pages: ZERO, not RSS).
cols=START,RSS,PSS,USS,ZERO
for mode in plain scan; do
	VMASCOPE_PAGEMAP=$mode "$VMASCOPE" maps $mlpid -rnb -o $cols \
		>"$tmpdir/maps-$mode" 2>"$tmpdir/err" ||
		fail "maps with VMASCOPE_PAGEMAP=$mode: $(head -c 300 "$tmpdir/err")"
	awk -v rs=$rs -v re=$re '{ a = $1; sub(/^0x/, "", a); sub(/^0+/, "", a)
		while (length(a) < length(rs)) a = "0" a }
		length(a) == length(rs) && a >= rs && a < re' \
		"$tmpdir/maps-$mode" >"$tmpdir/sp-$mode"
	check "$mode: VMAs of the region" 3 "$(wc -l <"$tmpdir/sp-$mode")"
	check "$mode: RSS of the region" $(((npages - 4) * psz)) \
		"$(awk '{s += $2} END {print s + 0}' "$tmpdir/sp-$mode")"
	check "$mode: USS of the region" $(((npages - 4) * psz)) \
		"$(awk '{s += $4} END {print s + 0}' "$tmpdir/sp-$mode")"
	check "$mode: ZERO of the region" $((4 * psz)) \
		"$(awk '{s += $5} END {print s + 0}' "$tmpdir/sp-$mode")"
done
if cmp -s "$tmpdir/sp-plain" "$tmpdir/sp-scan"; then pass; else
	fail "maps: plain and scan counters differ on the sparse VMAs"
	diff "$tmpdir/sp-plain" "$tmpdir/sp-scan" | head -5 >&2
fi
finish
