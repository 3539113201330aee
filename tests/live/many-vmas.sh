#!/bin/sh
# maps of a process of thousands of small VMAs side by side:
# pagemap is read ahead across them (src/read/pagemap.c); every VMA's RSS, PSS
# and USS must still be smaps' own, and the table the same in every mode
# as libsmartcols prints it (VMASCOPE_OUTPUT=libsmartcols).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
[ -r /proc/self/pagemap ] || skip "no /proc/self/pagemap"
cleanup() { exec 3>&-; [ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null; }
trap 'cleanup; rm -rf "$tmpdir"' EXIT
start_layout manyvmas "$TESTS_BUILDDIR/helpers/manyvmas" 4000
pid=$layout_pid
nv=$(wc -l <"/proc/$pid/maps")
[ "$nv" -gt 3000 ] && pass || fail "only $nv VMAs"

# smaps' Rss and Pss per VMA, in bytes, against maps' (anonymous pages
# written once: exclusive, so PSS is exact in kB).
hold_still
awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); start = a[1] }
     /^Rss:/ { rss = $2 * 1024 } /^Pss:/ { print start, rss, $2 * 1024 }' \
	"/proc/$pid/smaps" >"$tmpdir/smaps"
"$V" maps "$pid" -rnb -o START,RSS,PSS,USS,KIND >"$tmpdir/maps"
# [vsyscall] has no pages to count ("-").
awk 'NR == FNR { r[$1] = $2; next } $2 != "-" { n++ }
     $2 != "-" && ($1 in r) && $2 == r[$1] { ok++ }
     END { print ok + 0, n + 0 }' "$tmpdir/smaps" "$tmpdir/maps" >"$tmpdir/n"
read -r ok n <"$tmpdir/n"
[ "$ok" = "$n" ] && [ "$n" -gt 3000 ] && pass ||
	fail "RSS agrees with smaps for $ok of $n VMAs"
# The written VMAs are private anonymous pages mapped once: PSS = USS = RSS.
awk '$5 == "anon" && $2 > 0 && ($3 != $2 || $4 != $2) { bad++ }
     $5 == "anon" && $2 > 0 { n++ } END { exit bad > 0 || n < 1000 }' \
	"$tmpdir/maps" && pass || fail "PSS/USS of written VMAs"

# The same table by fasttab and by libsmartcols, sorted or not.
for mode in "" -r -n "-r -n" -b "-s SIZE" "-s NAME --reverse -r" \
	    "-s PERMS -o +RSS" "-s START"; do
	# shellcheck disable=SC2086
	"$V" maps "$pid" $mode -o START,SIZE,PERMS,KIND,NAME >"$tmpdir/a" 2>&1
	# shellcheck disable=SC2086
	VMASCOPE_OUTPUT=libsmartcols "$V" maps "$pid" $mode \
		-o START,SIZE,PERMS,KIND,NAME >"$tmpdir/b" 2>&1
	cmp -s "$tmpdir/a" "$tmpdir/b" && pass ||
		fail "maps $mode: fast table differs: $(diff "$tmpdir/a" \
			"$tmpdir/b" | head -4)"
done
finish
