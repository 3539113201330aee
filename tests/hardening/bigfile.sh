#!/bin/sh
# A --maps-file of a million VMAs: --format maps and the table
# modes without -s stream it, in bounded memory (1.2 GB before); a long
# table says the same as the sorted table in -r, -P and -J.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
M=$TESTS_BUILDDIR/helpers/maxrss
V=$VMASCOPE
[ -x "$M" ] || skip "$M not built"
# As the kernel writes maps: the name from column 74 on.
awk 'BEGIN { for (i = 1; i <= 1000000; i++)
	printf "%-73s/usr/lib/x86_64-linux-gnu/lib%d.so\n",
		sprintf("%08x-%08x r--p 00000000 08:01 %d ", i * 16,
			i * 16 + 8, i), i }' >"$tmpdir/big"

# peak NAME ARGS...: vmascope ARGS on the big file (stdin); its peak RSS
# must stay under 64 MiB and its output have a line per VMA.
peak() {
	local name=$1 kb
	shift
	# Under AddressSanitizer, freed memory waits in a quarantine (256
	# MiB): none here, so that RSS says what the program holds.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0" \
	"$M" "$tmpdir/rss" "$V" "$@" <"$tmpdir/big" >"$tmpdir/out" 2>"$tmpdir/err" ||
		fail "$name: $(head -c 300 "$tmpdir/err")"
	kb=$(cat "$tmpdir/rss")
	[ "$kb" -lt 65536 ] && pass || fail "$name: peak RSS $kb KiB"
	check "$name: rows" 1000000 "$(grep -c "${rowpat:-.}" "$tmpdir/out")"
}
peak "--format maps" maps --maps-file - --format maps
cmp -s "$tmpdir/out" "$tmpdir/big" && pass || fail "--format maps: no round trip"
peak "table" maps --maps-file - -n
peak "-r" maps --maps-file - -rn
peak "-P" maps --maps-file - -P
rowpat='"start"' peak "-J" maps --maps-file - -J -o START

# Past the rows a table holds, the same output as the sorted table.
head -n 20000 "$tmpdir/big" >"$tmpdir/20k"
for m in -r -P -rn; do
	"$V" maps --maps-file "$tmpdir/20k" $m >"$tmpdir/stream"
	"$V" maps --maps-file "$tmpdir/20k" $m -s START >"$tmpdir/table"
	cmp -s "$tmpdir/stream" "$tmpdir/table" && pass ||
		fail "$m: long table differs: $(diff "$tmpdir/stream" "$tmpdir/table" | head -4)"
done
# The sorted table of the plain path: libsmartcols' own bytes.
for m in "-s PSS" "-s NAME -r" "-s SIZE --reverse -n"; do
	# shellcheck disable=SC2086
	"$V" maps --maps-file "$tmpdir/20k" $m >"$tmpdir/fast"
	# shellcheck disable=SC2086
	VMASCOPE_OUTPUT=libsmartcols "$V" maps --maps-file "$tmpdir/20k" $m \
		>"$tmpdir/table"
	cmp -s "$tmpdir/fast" "$tmpdir/table" && pass ||
		fail "$m: sorted table differs: $(diff "$tmpdir/fast" "$tmpdir/table" | head -4)"
done
if command -v jq >/dev/null; then
	"$V" maps --maps-file "$tmpdir/20k" -J | jq -S . >"$tmpdir/stream"
	"$V" maps --maps-file "$tmpdir/20k" -J -s START | jq -S . >"$tmpdir/table"
	cmp -s "$tmpdir/stream" "$tmpdir/table" && pass || fail "-J: long table differs"
fi
finish
