#!/bin/sh
# Scans of many processes run on all cores; the output must be the same,
# byte for byte, whatever the number of workers (VMASCOPE_THREADS).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$TESTS_SRCDIR" || exit 1

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
