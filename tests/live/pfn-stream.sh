#!/bin/sh
# pfn streams long spans with the kpage files read one chunk ahead on a
# thread (src/read/pfnread.c): the rows must be those of the same frames asked
# for in spans of one chunk or less, read without it, in every mode.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
[ "$(getconf PAGESIZE)" = 4096 ] || skip "page size is not 4096 (the fixture's)"
root=$TESTS_SRCDIR/golden/fixtures/frames/proc

# 0x2800 frames: the fixture's 260, then frames past its files ("-").
for mode in "" -r -P -b "-o PFN,FLAGS,COUNT,CGROUPINO"; do
	# shellcheck disable=SC2086
	"$V" pfn 0-0x27ff --proc-root "$root" $mode >"$tmpdir/long" 2>&1
	{
		"$V" pfn 0-0xfff --proc-root "$root" $mode
		for s in 0x1000-0x1fff 0x2000-0x27ff; do
			"$V" pfn $s --proc-root "$root" $mode | tail -n +2
		done
	} >"$tmpdir/short" 2>&1
	case $mode in -P) # no heading line to drop: redo without tail
		for s in 0-0xfff 0x1000-0x1fff 0x2000-0x27ff; do
			"$V" pfn $s --proc-root "$root" $mode
		done >"$tmpdir/short" 2>&1 ;;
	esac
	if cmp -s "$tmpdir/long" "$tmpdir/short" &&
	   [ "$(wc -l <"$tmpdir/long")" -ge 10240 ]; then
		pass
	else
		fail "pfn 0-0x27ff $mode differs from three short spans"
	fi
done
# Several long spans in one run, in the order given.
"$V" pfn 0x1100-0x20ff 0-0x10ff -r --proc-root "$root" >"$tmpdir/two" 2>&1
{
	"$V" pfn 0x1100-0x20ff -r --proc-root "$root"
	"$V" pfn 0-0x10ff -rn --proc-root "$root"
} >"$tmpdir/one" 2>&1
cmp -s "$tmpdir/two" "$tmpdir/one" && pass || fail "two long spans"
# A closed pipe ends the stream (and its reader thread) cleanly.
"$V" pfn 0-0xfffff -r --proc-root "$root" 2>"$tmpdir/err" | head -3 >/dev/null
[ ! -s "$tmpdir/err" ] && pass || fail "closed pipe: $(cat "$tmpdir/err")"
finish
