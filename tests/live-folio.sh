#!/bin/sh
# Large folios: vmascope looks up a folio's flags once (pagewalk.c); its
# per-VMA counters must equal those of the page-by-page path
# (VMASCOPE_FOLIO=0) and the kernel's smaps, on PMD-mapped THPs, THPs
# mapped by PTEs (split PMD, a page dropped, shared with a child that
# dropped part) and, where the kernel allows it, 64 KiB mTHP.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
need_root
hold_still
[ -r /proc/kpageflags ] && [ -r /proc/kpagecount ] ||
	skip "/proc/kpageflags or /proc/kpagecount not readable"
FL=$TESTS_BUILDDIR/foliolayout
[ -x "$FL" ] || skip "$FL not built"
COLS=START,END,RSS,PSS,USS,SHARED,SWAP,ANON,FILE,THP,HUGETLB,DIRTY,LOCKED,KSM,ZERO,REFERENCED,ACTIVE
MTHP=/sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled
mthp_was='' mthp_set='' flpid=''

cleanup() {
	exec 3>&-
	[ -n "$flpid" ] && kill "$flpid" 2>/dev/null
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

mkfifo "$tmpdir/in"
"$FL" <"$tmpdir/in" >"$tmpdir/layout" 2>"$tmpdir/layout.err" &
flpid=$!
exec 3>"$tmpdir/in"
i=0
until grep -q '^ready$' "$tmpdir/layout"; do
	i=$((i + 1))
	[ $i -gt 100 ] && { cat "$tmpdir/layout.err" >&2; skip "foliolayout not ready after 10 s"; }
	kill -0 $flpid 2>/dev/null || { cat "$tmpdir/layout.err" >&2; fail "foliolayout died"; finish; exit; }
	sleep 0.1
done
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

for pid in $flpid $child; do
	name=layout
	[ $pid = "$child" ] && name=child
	LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $COLS >"$tmpdir/all.folio" 2>"$tmpdir/err" ||
		fail "$name: vmascope maps: $(head -c 300 "$tmpdir/err")"
	smaps_rows $pid >"$tmpdir/smaps.all"
	VMASCOPE_FOLIO=0 LC_ALL=C "$VMASCOPE" maps $pid -rnb -o $COLS >"$tmpdir/all.page" 2>"$tmpdir/err" ||
		fail "$name: VMASCOPE_FOLIO=0 vmascope maps: $(head -c 300 "$tmpdir/err")"
	in_regions "$tmpdir/all.folio" >"$tmpdir/folio"
	in_regions "$tmpdir/all.page" >"$tmpdir/page"
	in_regions "$tmpdir/smaps.all" >"$tmpdir/smaps"
	n=$(wc -l <"$tmpdir/folio")
	[ "$n" -ge 7 ] || fail "$name: only $n VMAs in the regions"
	if cmp -s "$tmpdir/folio" "$tmpdir/page"; then pass; else
		fail "$name: folio and per-page counters differ:"
		diff "$tmpdir/page" "$tmpdir/folio" >&2
	fi
	# Each VMA against smaps: RSS, PSS (smaps truncates to kB), USS =
	# Private_*, ANON = Anonymous; THP counts every page of a large folio,
	# AnonHugePages only PMD-mapped ones: THP >= AnonHugePages.
	bad=$(awk -v cols="$COLS" -v name="$name" '
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
		  if (m[5] * 1024 > $ix["THP"]) cmp("THP >= AnonHugePages", m[5] * 1024, $ix["THP"])
		  cmp("ANON", m[6] * 1024, $ix["ANON"]) }
		END { print bad + 0 }' "$tmpdir/smaps" "$tmpdir/folio")
	check "$name: counters agree with smaps" 0 "$bad"
done

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
