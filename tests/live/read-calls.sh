#!/bin/sh
# How a process's files are read: in big chunks, whatever the path. `maps
# PID` reads smaps into the read-ahead buffers, `top` reads each
# smaps_rollup unbuffered into the reader's 64 KiB chunk: either
# way procfs hands out about a page per read(2), so a file of N bytes
# takes about N/4096 reads and one at the end, never one per byte.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
command -v strace >/dev/null 2>&1 || skip "no strace"
strace -f -qq -e trace=read -o "$tmpdir/probe" true 2>/dev/null ||
	skip "strace cannot trace here"
# LeakSanitizer cannot run under ptrace: off for the traced runs.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

start_sleeper

# reads LOG FILE: the read(2) calls on the target's FILE in strace's log
# (-y names each descriptor's file).
reads() {
	grep -c "^[0-9]* *read([0-9]*</proc/$target/$2>" "$1"
}

size=$(wc -c <"/proc/$target/smaps")
strace -f -qq -y -e trace=read -o "$tmpdir/maps" "$V" maps "$target" \
	>/dev/null 2>&1 || fail "maps $target under strace"
n=$(reads "$tmpdir/maps" smaps)
if [ "$n" -ge 1 ] && [ "$n" -le $((size / 1024 + 4)) ]; then pass; else
	fail "maps: $n reads of a smaps of $size bytes"
fi

size=$(wc -c <"/proc/$target/smaps_rollup")
strace -f -qq -y -e trace=read -o "$tmpdir/top" "$V" top \
	>/dev/null 2>&1 || fail "top under strace"
n=$(reads "$tmpdir/top" smaps_rollup)
if [ "$n" -ge 1 ] && [ "$n" -le $((size / 1024 + 2)) ]; then pass; else
	fail "top: $n reads of a smaps_rollup of $size bytes"
fi

# smaps_rollup is one record: read into the 64 KiB chunk by one thread
# too (one PID, or VMASCOPE_THREADS=1), never into the read-ahead ring,
# whose reads ask for 256 KiB.
chunk_read() {
	if grep "read([0-9]*</proc/$target/smaps_rollup>" "$tmpdir/one" |
	   grep -q ', 65536) = '; then pass; else
		fail "$1: smaps_rollup not read into the chunk: $(grep \
			smaps_rollup "$tmpdir/one" | head -c 300)"
	fi
}
strace -f -qq -y -e trace=read -o "$tmpdir/one" "$V" top "$target" \
	>/dev/null 2>&1 || fail "top $target under strace"
chunk_read "top $target"
VMASCOPE_THREADS=1 strace -f -qq -y -e trace=read -o "$tmpdir/one" "$V" top \
	>/dev/null 2>&1 || fail "VMASCOPE_THREADS=1 top under strace"
chunk_read "VMASCOPE_THREADS=1 top"
finish
