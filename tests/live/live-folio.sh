#!/bin/sh
# Large folios: vmascope looks up a folio's flags once (pagewalk.c); its
# per-VMA counters must equal those of the page-by-page path
# (VMASCOPE_FOLIO=0) and the kernel's smaps, on PMD-mapped THPs, THPs
# mapped by PTEs (split PMD, a page dropped, shared with a child that
# dropped part) and, where the kernel allows it, 64 KiB mTHP. With
# counters only, large PMD-mapped ranges are left to smaps' sums where
# they prove them mapped once (hugeproof.c): the counters must equal the
# plain page-by-page read and smaps, proven or not (THP shared with the
# child), and the proven ranges must not have been read.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpageflags ] && [ -r /proc/kpagecount ] ||
	skip "/proc/kpageflags or /proc/kpagecount not readable"
FL=$TESTS_BUILDDIR/helpers/foliolayout
[ -x "$FL" ] || skip "$FL not built"
COLS=START,END,RSS,PSS,USS,SHARED,SWAP,ANON,FILE,THP,HUGETLB,DIRTY,LOCKED,KSM,ZERO,REFERENCED,ACTIVE
CCOLS=START,END,RSS,PSS,USS,SWAP,ZERO,HUGETLB
MTHP=/sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled
mthp_was='' mthp_set='' flpid=''

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	[ -n "$mthp_was" ] && echo "$mthp_was" >$MTHP
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

# 64 KiB mTHP for the layout's allocations only: restored right after.
if [ -w $MTHP ]; then
	mthp_was=$(sed -n 's/.*\[\([a-z]*\)\].*/\1/p' $MTHP)
	echo always >$MTHP 2>/dev/null || mthp_was=''
fi
mthp_set=$mthp_was
[ -n "$mthp_was" ] || echo "note: no 64 KiB mTHP ($MTHP): the small region is 4K pages" >&2

start_layout foliolayout "$FL"
flpid=$layout_pid
if [ -n "$mthp_was" ]; then
	echo "$mthp_was" >$MTHP
	mthp_was=''
fi
child=$(awk '$1 == "child" {print $2}' "$tmpdir/layout")

# in_regions FILE: the rows (START first, hex) of VMAs inside a region.
in_regions() {
	awk 'FNR == NR { if ($1 == "region") { s[++n] = $3; e[n] = $4 } next }
		{ a = $1; sub(/^0x/, "", a)
		  for (i = 1; i <= n; i++)
			if (length(a) == length(s[i]) && a >= s[i] && a < e[i]) { print; next } }' \
		"$tmpdir/layout" "$1"
}

# smaps_rows PID: "START Rss Pss Private AnonHugePages Anonymous" (kB).
smaps_rows() {
	awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); s = a[1] }
		/^Rss:/ { r = $2 } /^Pss:/ { p = $2 }
		/^Private_Clean:/ { pc = $2 } /^Private_Dirty:/ { pd = $2 }
		/^AnonHugePages:/ { ah = $2 } /^Anonymous:/ { an = $2 }
		/^VmFlags:/ { print s, r, p, pc + pd, ah, an }' /proc/$1/smaps
}

# against_smaps NAME COLS FILE: each VMA of FILE (vmascope -rnb -o COLS)
# against smaps: RSS, PSS (smaps truncates to kB), USS = Private_*, and
# where COLS has them, ANON = Anonymous and THP >= AnonHugePages (THP
# counts every page of a large folio, AnonHugePages PMD-mapped ones).
against_smaps() {
	bad=$(awk -v cols="$2" -v name="$1" '
		BEGIN { n = split(cols, h, ","); for (i = 1; i <= n; i++) ix[h[i]] = i }
		FNR == NR { s[$1] = $0; next }
		function cmp(what, want, got) {
			if (want != got) { printf "FAIL: %s VMA %s: %s smaps %s, vmascope %s\n", name, a, what, want, got > "/dev/stderr"; bad++ }
		}
		{ a = $1; sub(/^0x/, "", a)
		  if (!(a in s)) { print "FAIL: no smaps VMA " a > "/dev/stderr"; bad++; next }
		  split(s[a], m, " ")
		  cmp("RSS", m[2] * 1024, $ix["RSS"])
		  d = $ix["PSS"] - m[3] * 1024; if (d < 0 || d > 1024) cmp("PSS", m[3] * 1024, $ix["PSS"])
		  cmp("USS", m[4] * 1024, $ix["USS"])
		  if ("THP" in ix && m[5] * 1024 > $ix["THP"]) cmp("THP >= AnonHugePages", m[5] * 1024, $ix["THP"])
		  if ("ANON" in ix) cmp("ANON", m[6] * 1024, $ix["ANON"]) }
		END { print bad + 0 }' "$tmpdir/smaps" "$3")
	check "$1: counters agree with smaps" 0 "$bad"
}

for pid in $flpid $child; do
	name=layout
	[ $pid = "$child" ] && name=child
	LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $COLS >"$tmpdir/all.folio" 2>"$tmpdir/err" ||
		fail "$name: vmascope maps: $(head -c 300 "$tmpdir/err")"
	smaps_rows $pid >"$tmpdir/smaps.all"
	VMASCOPE_FOLIO=0 LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $COLS >"$tmpdir/all.page" 2>"$tmpdir/err" ||
		fail "$name: VMASCOPE_FOLIO=0 vmascope maps: $(head -c 300 "$tmpdir/err")"
	# REFERENCED (field 16) is smaps' count of young PTEs, which the
	# kernel's aging clears at any time between the two runs: left out.
	in_regions "$tmpdir/all.folio" | cut -d' ' -f1-15,17- >"$tmpdir/folio"
	in_regions "$tmpdir/all.page" | cut -d' ' -f1-15,17- >"$tmpdir/page"
	in_regions "$tmpdir/smaps.all" >"$tmpdir/smaps"
	n=$(wc -l <"$tmpdir/folio")
	[ "$n" -ge 7 ] || fail "$name: only $n VMAs in the regions"
	if cmp -s "$tmpdir/folio" "$tmpdir/page"; then pass; else
		fail "$name: folio and per-page counters differ:"
		diff "$tmpdir/page" "$tmpdir/folio" >&2
	fi
	against_smaps "$name" "$COLS" "$tmpdir/folio"

	LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $CCOLS >"$tmpdir/all.counts" 2>"$tmpdir/err" ||
		fail "$name: vmascope maps -o $CCOLS: $(head -c 300 "$tmpdir/err")"
	VMASCOPE_PAGEMAP=plain LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $CCOLS >"$tmpdir/all.plain" 2>"$tmpdir/err" ||
		fail "$name: VMASCOPE_PAGEMAP=plain vmascope maps: $(head -c 300 "$tmpdir/err")"
	in_regions "$tmpdir/all.counts" >"$tmpdir/counts"
	in_regions "$tmpdir/all.plain" >"$tmpdir/plain"
	if cmp -s "$tmpdir/counts" "$tmpdir/plain"; then pass; else
		fail "$name: counters only, auto and plain pagemap reads differ:"
		diff "$tmpdir/plain" "$tmpdir/counts" >&2
	fi
	against_smaps "$name (counters only)" "$CCOLS" "$tmpdir/counts"
done

# pagemap bytes one run of vmascope maps PID -o $CCOLS read, and whether
# it read smaps.
pagemap_bytes() {
	strace -qq -e signal=none -e trace=openat,pread64 \
		"$VMASCOPE" maps "$1" -o $CCOLS 2>&1 >/dev/null |
		awk '/openat\(.*\/pagemap"/ { fd = $NF }
			/openat\(.*\/smaps"/ { smaps = 1 }
			fd != "" && index($0, "pread64(" fd ",") == 1 { b += $NF }
			END { print b + 0, smaps + 0 }'
}
region_kb() {
	smaps_rows $flpid | in_regions /dev/stdin |
		awk -v s="$(awk -v r="$1" '$1 == "region" && $2 == r { print $3 }' "$tmpdir/layout")" \
			'$1 == s { print $5 + 0 }'
}
own_kb=$(region_kb own)
mixed_kb=$(region_kb mixed)
kmaj=$(uname -r | cut -d. -f1) kmin=$(uname -r | cut -d. -f2)
if ! command -v strace >/dev/null 2>&1; then
	echo "note: no strace: which ranges were read is not checked" >&2
elif [ "$kmaj" -lt 6 ] || { [ "$kmaj" = 6 ] && [ "$kmin" -lt 7 ]; }; then
	echo "note: no PAGEMAP_SCAN before 6.7: every range is read" >&2
elif [ "${own_kb:-0}" -lt 262144 ] || [ "${mixed_kb:-0}" -lt 262144 ]; then
	echo "note: own/mixed hold ${own_kb:-0}/${mixed_kb:-0} kB THP: the smaps proof is not checked" >&2
else
	set -- $(pagemap_bytes $flpid)
	check "layout: smaps read for the proof" 1 "$2"
	# Read: big (1 MiB of entries, shared: not proven), the 4K parts and
	# the small regions; not the ~1 MiB of entries of own and mixed's THP.
	unread=$(( (own_kb + mixed_kb) / 4 * 8 ))
	[ "$1" -ge 1048576 ] && [ "$1" -lt $((3 * 1048576 - unread / 2)) ] && pass ||
		fail "layout: $1 pagemap bytes read; own and mixed ($unread bytes of entries) must be left unread, big read"
	echo "layout: $1 bytes of pagemap read, $unread left to smaps"
fi

# What the layout must have been given for the checks to mean something.
thp_kb=$(smaps_rows $flpid | in_regions /dev/stdin | awk '{ s += $5 } END { print s + 0 }')
[ "$thp_kb" -gt 0 ] || echo "note: no THP at all: the folio path was not exercised" >&2
small=$(awk '$1 == "region" && $2 == "small" {print $3}' "$tmpdir/layout")
sthp=$(awk -v s="$small" '{ a = $1; sub(/^0x/, "", a) } a == s { print $10 }' "$tmpdir/folio")
echo "THP (PMD-mapped) ${thp_kb} kB; small region THP ${sthp:-?} bytes (mTHP)"
if [ -n "$mthp_set" ]; then
	[ "${sthp:-0}" -gt 0 ] && pass || fail "64 KiB mTHP enabled, but the small region has no THP pages"
fi
finish
