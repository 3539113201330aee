#!/bin/sh
# maps --format maps: byte for byte for canonical corpus files, parse-back
# equality for the others, and byte for byte for every process here.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
corpus=$TESTS_SRCDIR/golden/corpus
vmacols=START,END,PERMS,OFFSET,DEV,INODE,NAME,KIND,DELETED

layout() {
	grep -F "\`$1\`" "$corpus/SOURCES.md" | awk -F'|' '{gsub(/ /,"",$3); print $3}'
}

for f in "$corpus"/*maps*; do
	b=$(basename "$f")
	case $b in malformed*)
		# Bad lines: errors with --strict, warnings without.
		check_rc "$b rejected" 1 "$VMASCOPE" maps --strict --maps-file "$f"
		check_err "$b names file:line" "$b:[0-9]*: "
		"$VMASCOPE" maps --maps-file "$f" >/dev/null 2>"$tmpdir/err"
		check_err "$b warns file:line" "$b:[0-9]*: .*; line skipped"
		continue;;
	esac
	"$VMASCOPE" maps --maps-file "$f" --format maps >"$tmpdir/out1" ||
		{ fail "$b: does not parse"; continue; }
	case $(layout "$b") in
	canonical64|canonical32)
		grep -aE '^[0-9a-fA-F]+-[0-9a-fA-F]+ ' "$f" >"$tmpdir/want"
		if cmp -s "$tmpdir/want" "$tmpdir/out1"; then pass; else
			fail "$b: round trip differs"
			diff "$tmpdir/want" "$tmpdir/out1" | head -5 >&2
		fi;;
	not-canonical)
		"$VMASCOPE" maps --maps-file "$f" -rb -o $vmacols >"$tmpdir/r1"
		"$VMASCOPE" maps --maps-file "$tmpdir/out1" -rb -o $vmacols \
			>"$tmpdir/r2"
		if cmp -s "$tmpdir/r1" "$tmpdir/r2"; then pass; else
			fail "$b: records differ after re-parsing"
		fi;;
	*) fail "$b: no layout in SOURCES.md";;
	esac
done

# Every process of this machine: a snapshot of its maps, round tripped.
n=0
for d in /proc/[0-9]*; do
	cat "$d/maps" >"$tmpdir/live" 2>/dev/null || continue
	[ -s "$tmpdir/live" ] || continue
	n=$((n + 1))
	"$VMASCOPE" maps --maps-file "$tmpdir/live" --format maps >"$tmpdir/out" &&
		cmp -s "$tmpdir/live" "$tmpdir/out" && pass ||
		fail "$d/maps: round trip differs"
done
[ "$n" -gt 0 ] && pass || fail "no readable process maps"

# A process that does not change: straight from /proc.
sleep 60 & pid=$!
sleep 0.2
cat /proc/$pid/maps >"$tmpdir/want"
"$VMASCOPE" maps $pid --format maps >"$tmpdir/out"
cmp -s "$tmpdir/want" "$tmpdir/out" && pass || fail "live PID $pid round trip"
kill $pid
finish
