#!/bin/sh
# Scans of many processes run on all cores; the output must be the same,
# byte for byte, whatever the number of workers (VMASCOPE_THREADS).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
cd "$TESTS_SRCDIR/golden" || exit 1

# run ROOT ARGS...: stdout and stderr of one run with 1 worker and 4.
same_output() {
	local root=$1
	shift
	VMASCOPE_THREADS=1 "$VMASCOPE" "$@" --proc-root "$root" >"$tmpdir/one" 2>&1
	echo "rc=$?" >>"$tmpdir/one"
	VMASCOPE_THREADS=4 "$VMASCOPE" "$@" --proc-root "$root" >"$tmpdir/four" 2>&1
	echo "rc=$?" >>"$tmpdir/four"
	if cmp -s "$tmpdir/one" "$tmpdir/four"; then pass; else
		fail "$* on $root: 1 and 4 workers differ"
		diff "$tmpdir/one" "$tmpdir/four" | head -5 >&2
	fi
}

for root in fixtures/proc fixtures/phys/proc fixtures/frames/proc; do
	same_output $root top -b
	same_output $root top -b -o PID,RSS,PSS,USS,THP,KSM,ZERO --total
	same_output $root maps --all -b
	same_output $root maps --all -b -o PID,START,RSS,PSS,USS,SWAP,NAME -v
	same_output $root share -b
	same_output $root share -b --by process
	same_output $root share -b --matrix
done
same_output fixtures/frames/proc pfn 0x20-0x30 --who -b

# flags sums chunks of kpageflags on all cores: a tree of 4 chunks and a
# part (65536 frames each), runs crossing their borders, must sum the same
# with 1 worker and 4, and the same as the runs --list streams in order.
if command -v python3 >/dev/null; then
	mkdir -p "$tmpdir/big"
	python3 - "$tmpdir/big" <<'PY'
import struct, sys
n = 4 * 65536 + 12345
flags = []
for i in range(n):
    # runs of 1000 frames, shifted so that they cross 65536 borders
    flags.append([0x0, 0x800, 0x1828, 0x400, 0x20][((i + 777) // 1000) % 5])
open(sys.argv[1] + "/kpageflags", "wb").write(struct.pack("<%dQ" % n, *flags))
cg = [1000 + (i // 30000) % 3 for i in range(n)]
open(sys.argv[1] + "/kpagecgroup", "wb").write(struct.pack("<%dQ" % n, *cg))
PY
	same_output "$tmpdir/big" flags -b -v
	same_output "$tmpdir/big" flags -b --by cgroup
	same_output "$tmpdir/big" flags -b --flags mmap
	"$VMASCOPE" flags --proc-root "$tmpdir/big" -rnb -o RAWFLAGS,PAGES |
		sort >"$tmpdir/sums"
	"$VMASCOPE" flags --proc-root "$tmpdir/big" --list -rnb -o RAWFLAGS,PAGES |
		awk '{ s[$1] += $2 } END { for (f in s) print f, s[f] }' |
		sort >"$tmpdir/listed"
	if cmp -s "$tmpdir/sums" "$tmpdir/listed"; then pass; else
		fail "flags: sums differ from the listed runs"
		diff "$tmpdir/sums" "$tmpdir/listed" | head -5 >&2
	fi
	check "flags: every frame" $((4 * 65536 + 12345)) \
		"$(awk '{ s += $2 } END { print s }' "$tmpdir/sums")"
else
	echo "note: no python3: flags on a many-chunk tree not checked" >&2
fi

# The live machine changes between two runs: only the process list of a
# quiet child is compared there.
sleep 30 & pid=$!
sleep 30 & pid2=$!
sleep 0.2
a=$(VMASCOPE_THREADS=1 "$VMASCOPE" top $pid $pid2 -rnb -o PID,VSS,SWAP -s PID)
b=$(VMASCOPE_THREADS=4 "$VMASCOPE" top $pid $pid2 -rnb -o PID,VSS,SWAP -s PID)
check "live top, 1 and 4 workers" "$a" "$b"
kill $pid $pid2
finish
