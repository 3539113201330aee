#!/bin/sh
# Damaged --proc-root trees (issue 13): FIFOs and devices are never opened
# (items 5 and 8), a named PID that cannot be read is an error (item 7),
# and errors name the file and what is wrong with it (item 9).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
F=$TESTS_SRCDIR/golden/fixtures
T=${TIMEOUT:-timeout 20}

# run NAME WANT ARGS...: vmascope ARGS, its status, stdout and stderr.
run() {
	local name=$1 want=$2
	shift 2
	check_rc "$name" "$want" $T "$V" "$@"
}

# tree NAME: a copy of the fixture tree of PID 100 (and the phys tree's
# 500) in $tmpdir/NAME.
tree() {
	mkdir -p "$tmpdir/$1"
	cp -r "$F/proc/100" "$F/phys/proc/500" "$F/phys/proc/kpageflags" \
		"$F/phys/proc/kpagecount" "$F/phys/proc/kpagecgroup" "$tmpdir/$1/"
}

# Item 8: a FIFO in place of maps or smaps_rollup would block a reader
# for ever; a device would be read. Neither is opened.
tree fifo
rm "$tmpdir/fifo/100/maps" "$tmpdir/fifo/100/smaps" \
	"$tmpdir/fifo/100/smaps_rollup"
mkfifo "$tmpdir/fifo/100/maps" "$tmpdir/fifo/100/smaps" \
	"$tmpdir/fifo/100/smaps_rollup"
for cmd in maps share top; do
	run "$cmd on a FIFO" 1 $cmd 100 --proc-root "$tmpdir/fifo"
	check_err "$cmd on a FIFO: named" "fifo/100/[a-z_]*: not a regular file"
done
run "top --all on a FIFO" 0 top --proc-root "$tmpdir/fifo"
run "maps --all on a FIFO" 0 maps --all --proc-root "$tmpdir/fifo"
tree dev
rm "$tmpdir/dev/100/maps" "$tmpdir/dev/100/smaps" "$tmpdir/dev/100/status"
ln -s /dev/zero "$tmpdir/dev/100/maps"
ln -s /dev/zero "$tmpdir/dev/100/smaps"
ln -s /dev/zero "$tmpdir/dev/100/status"
run "maps on /dev/zero" 1 maps 100 --proc-root "$tmpdir/dev"
check_err "maps on /dev/zero: named" "dev/100/s*maps: not a regular file"
run "top on /dev/zero status" 1 top 100 --proc-root "$tmpdir/dev"
check_err "top on /dev/zero status: named" "dev/100/status: not a regular file"

# Item 5: elf and share check what map_files links to before they open
# it: a FIFO there is stat'ed, never opened (strace shows every open).
tree mapfiles
mkdir "$tmpdir/mapfiles/500/map_files"
mkfifo "$tmpdir/mapfiles/500/map_files/400000-404000"
if command -v strace >/dev/null &&
	strace -f -qq -e trace=open,openat -o "$tmpdir/strace" true 2>/dev/null; then
	for cmd in elf share; do
		# LeakSanitizer does not run under ptrace: no leak check.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=open,openat -o "$tmpdir/strace" \
			$T "$V" $cmd 500 --proc-root "$tmpdir/mapfiles" >/dev/null 2>&1
		grep -q 'map_files/400000-404000' "$tmpdir/strace" &&
			fail "$cmd opened a FIFO: $(grep map_files "$tmpdir/strace")" || pass
	done
fi
run "elf with a FIFO in map_files" 0 elf 500 --proc-root "$tmpdir/mapfiles" -o NAME,STATUS
check "elf with a FIFO in map_files: unreadable" "/usr/bin/fake unreadable" \
	"$(awk 'NR == 2 {print $1, $2}' "$tmpdir/out")"

# Item 7: an empty smaps_rollup of a process whose status shows memory.
tree emptyroll
: >"$tmpdir/emptyroll/100/smaps_rollup"
run "top, empty smaps_rollup" 1 top 100 --proc-root "$tmpdir/emptyroll"
check_err "empty smaps_rollup: named" "emptyroll/100/smaps_rollup: empty, but status shows memory"
run "top -v, empty smaps_rollup" 1 top 100 -v --proc-root "$tmpdir/emptyroll"
# A kernel thread (status without VmSize) named on the command line.
grep -v VmSize "$F/proc/100/status" >"$tmpdir/emptyroll/100/status"
run "top, kernel thread named" 1 top 100 --proc-root "$tmpdir/emptyroll"
check_err "kernel thread named" "PID 100: no address space"
# In a scan of all, a kernel thread is left out quietly.
run "top, kernel thread in a scan" 0 top --proc-root "$tmpdir/emptyroll"
[ -s "$tmpdir/err" ] && fail "kernel thread in a scan: $(cat "$tmpdir/err")" || pass

# Item 9: errors name the file and what is wrong.
tree baduid
sed 's/^Uid:.*/Uid:\tabc/' "$F/proc/100/status" >"$tmpdir/baduid/100/status"
run "top, Uid: abc" 1 top 100 --proc-root "$tmpdir/baduid"
check_err "Uid: abc named" "baduid/100/status:[0-9]*: bad Uid line"
tree cutpm
head -c 4096 "$F/phys/proc/500/pagemap" >"$tmpdir/cutpm/500/pagemap"
run "maps, truncated pagemap" 1 maps 500 --proc-root "$tmpdir/cutpm"
check_err "truncated pagemap named" "PID 500: pagemap truncated"
cp -r "$F/frames/proc" "$tmpdir/cutcount"
head -c 2053 "$F/frames/proc/kpagecount" >"$tmpdir/cutcount/kpagecount"
run "pfn, cut kpagecount" 0 pfn 256 --proc-root "$tmpdir/cutcount" -o PFN,COUNT
check_err "cut kpagecount named" "cutcount/kpagecount: 2053 bytes, not a whole number of 8-byte entries"
grep -q "Input/output error" "$tmpdir/err" && fail "cut kpagecount: $(cat "$tmpdir/err")" || pass
check "cut kpagecount: COUNT past the end unknown" "100 -" \
	"$(awk 'NR == 2 {print $1, $2}' "$tmpdir/out")"
# CRLF line endings (a tree copied through another system): accepted in
# maps, smaps and smaps_rollup, the CR stripped.
crlf() { sed 's/$/\r/' "$1" >"$2"; }
crlf "$F/proc/100/smaps" "$tmpdir/smaps.crlf"
crlf "$F/proc/100/maps" "$tmpdir/maps.crlf"
for f in smaps maps; do
	run "--maps-file $f CRLF" 0 maps --maps-file "$tmpdir/$f.crlf" --output-all -r
	mv "$tmpdir/out" "$tmpdir/crlf.out"
	run "--maps-file $f LF" 0 maps --maps-file "$F/proc/100/$f" --output-all -r
	cmp -s "$tmpdir/out" "$tmpdir/crlf.out" && pass ||
		fail "--maps-file $f: CRLF differs: $(diff "$tmpdir/out" "$tmpdir/crlf.out" | head -5)"
done
run "--format maps CRLF" 0 maps --maps-file "$tmpdir/maps.crlf" --format maps
cmp -s "$tmpdir/out" "$F/proc/100/maps" && pass || fail "--format maps kept a CR"
tree crlf
for f in maps smaps smaps_rollup status; do
	crlf "$F/proc/100/$f" "$tmpdir/crlf/100/$f"
done
for args in "top 100 -b" "maps 100 -o +VMFLAGS,PKEY"; do
	run "$args, CRLF tree" 0 $args --proc-root "$tmpdir/crlf"
	mv "$tmpdir/out" "$tmpdir/crlf.out"
	run "$args, LF tree" 0 $args --proc-root "$F/proc"
	cmp -s "$tmpdir/out" "$tmpdir/crlf.out" && pass ||
		fail "$args: CRLF tree differs: $(diff "$tmpdir/out" "$tmpdir/crlf.out" | head -5)"
done
finish
